using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// An attribute set on a submodule that <c>setup</c> built (<c>self.conv1.stddev = 0.01</c>, in
/// any method of the class): a Flax module is frozen once constructed and raises
/// <c>SetAttributeFrozenModuleError</c>. A value counts as a submodule as in
/// <see cref="SubmoduleAssignedTwice"/> (a call of a capitalised name, or a display holding one).
/// </summary>
/// <example><code>
/// def setup(self):
///     self.conv1 = Block(3)
///     self.conv1.stddev = 0.01   # hit
/// </code></example>
internal sealed class SubmoduleAttributeSet : ISelfCheckRule
{
    public string Name => "submodule-attribute-set";

    public IEnumerable<RuleHit> Check(CheckedFile file)
    {
        foreach (var @class in file.Classes)
        {
            var submodules = SetupAssignments.Of(@class)
                .Where(a => SubmoduleAssignedTwice.IsSubmodule(a.Value))
                .Select(a => a.Name)
                .ToHashSet(StringComparer.Ordinal);
            if (submodules.Count == 0)
            {
                continue;
            }
            var lines = @class.Methods.Values.SelectMany(LinenClass.LinesOf);
            foreach (var line in lines)
            {
                foreach (var statement in line.simple_stmt().OfType<PythonParser.Expression_stmtContext>())
                {
                    foreach (var target in SyntaxFacts.Targets(statement).SelectMany(SyntaxFacts.TargetExprs))
                    {
                        if (target is PythonParser.AttributeExprContext set && SyntaxFacts.SelfAttribute(set.expr()) is { } owner
                            && submodules.Contains(owner))
                        {
                            yield return new RuleHit(set, $"self.{owner}.{set.name().GetText()} is set on a submodule, but Flax froze self.{owner} when it was built (SetAttributeFrozenModuleError)");
                        }
                    }
                }
            }
        }
    }
}
