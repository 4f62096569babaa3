using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// A list or dict that <c>setup</c> assigned to an attribute, changed afterwards
/// (<c>self.layers.append(...)</c>, <c>.extend</c>, <c>+=</c>, <c>self.layers[i] = ...</c>,
/// <c>self.blocks.update(...)</c>): Flax has frozen it into a tuple or a <c>FrozenDict</c>,
/// which have no such methods and take no item assignment. Build the list in a local and assign it once.
/// </summary>
/// <example><code>
/// def setup(self):
///     self.layers = []
///     self.layers.append(nn.Dense(features=4))   # hit: tuple has no append
/// </code></example>
internal sealed class FrozenContainerMutated : ISelfCheckRule
{
    private static readonly HashSet<string> Mutators = new(StringComparer.Ordinal)
    {
        "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update", "setdefault", "popitem",
    };

    public string Name => "frozen-list-mutated";

    public IEnumerable<RuleHit> Check(CheckedFile file)
    {
        foreach (var @class in file.Classes)
        {
            foreach (var name in FrozenContainers.Lists(@class).Concat(FrozenContainers.Dicts(@class)))
            {
                foreach (var use in FrozenContainers.Uses(@class, name))
                {
                    if (Mutation(use) is { } how)
                    {
                        yield return new RuleHit(use, $"self.{name} is changed after setup assigned it ({how}), but Flax froze it into a tuple or FrozenDict; build it in a local and assign it once");
                    }
                }
            }
        }
    }

    /// <summary>How a use of <c>self.NAME</c> changes it, or null when it only reads it.</summary>
    private static string? Mutation(PythonParser.AttributeExprContext use)
    {
        switch (use.Parent)
        {
            case PythonParser.AttributeExprContext method when method.expr() == use && Mutators.Contains(method.name().GetText())
                && method.Parent is PythonParser.CallExprContext call && call.expr() == method:
                return $".{method.name().GetText()}(...)";
            case PythonParser.SubscriptExprContext item when item.expr() == use && IsTarget(item):
                return "item assignment";
        }
        return IsTarget(use) && Statement(use)?.augassign() is not null ? "augmented assignment" : null;
    }

    private static bool IsTarget(PythonParser.ExprContext expr)
    {
        if (SyntaxShapes.Enclosing<PythonParser.Del_stmtContext>(expr) is { } del)
        {
            return SyntaxFacts.TargetExprs(del.target_list()).Contains(expr);
        }
        return Statement(expr) is { } statement
            && (SyntaxFacts.Targets(statement).SelectMany(SyntaxFacts.TargetExprs).Contains(expr)
                || (statement.augassign() is not null && SyntaxFacts.Expr(statement.star_expressions()) == expr));
    }

    private static PythonParser.Expression_stmtContext? Statement(PythonParser.ExprContext expr) =>
        SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(expr);
}
