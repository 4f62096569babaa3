using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// Item assignment into a JAX array (<c>x[i] = v</c>, <c>x[i] += v</c> where <c>x</c> is known to
/// be an array, <see cref="KnownArrays"/>): JAX arrays are immutable and raise TypeError; the JAX
/// form is <c>x = x.at[i].set(v)</c>.
/// </summary>
internal sealed class ArrayItemAssignment : ISelfCheckRule
{
    public string Name => "array-item-assignment";

    public IEnumerable<RuleHit> Check(CheckedFile file)
    {
        foreach (var statement in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(file.Root))
        {
            var targets = statement.augassign() is not null
                ? SyntaxFacts.TargetExprs(statement.star_expressions())
                : SyntaxFacts.Targets(statement).SelectMany(SyntaxFacts.TargetExprs);
            foreach (var target in targets.OfType<PythonParser.SubscriptExprContext>())
            {
                if (SyntaxFacts.NameOf(target.expr()) is { } name && KnownArrays.Holds(file, name, statement))
                {
                    yield return new RuleHit(target, $"'{name}' is a JAX array, which is immutable (item assignment raises TypeError); write {name} = {name}.at[...].set(...)");
                }
            }
        }
    }
}
