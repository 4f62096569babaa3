using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The targets of <c>for</c> loops, comprehension <c>for</c> clauses and <c>with ... as</c> must
/// be assignable: names, attributes, subscripts, tuples and lists of them.
/// </summary>
internal sealed class BindingTargetCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var node in ScopedTree.Of(root).Nodes<ParserRuleContext>())
        {
            var target = node switch
            {
                For_stmtContext loop => loop.target_list(),
                Comp_forContext clause => clause.target_list(),
                With_itemContext item => item.star_target(),
                _ => (ParserRuleContext?)null,
            };
            if (target is not null && !Targets.HasGroupedStar(target))
            {
                CheckTarget(Expr.Of(target), report);
            }
        }
    }

    private static void CheckTarget(Expr target, CheckReporter report)
    {
        if (!Targets.IsAssignable(target) && Targets.Blame(target, deleting: false) is { } blamed)
        {
            report.At(blamed.Node, $"cannot assign to {blamed.Describe()}");
        }
    }
}
