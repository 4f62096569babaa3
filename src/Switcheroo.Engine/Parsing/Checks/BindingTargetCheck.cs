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
        // By kind of node rather than in source order: the first error by position is the one reported.
        var tree = ScopedTree.Of(root);
        foreach (var loop in tree.Nodes<For_stmtContext>(RULE_for_stmt))
        {
            CheckTarget(loop.target_list(), report);
        }
        foreach (var clause in tree.Nodes<Comp_forContext>(RULE_comp_for))
        {
            CheckTarget(clause.target_list(), report);
        }
        foreach (var item in tree.Nodes<With_itemContext>(RULE_with_item))
        {
            CheckTarget(item.star_target(), report);
        }
    }

    private static void CheckTarget(ParserRuleContext? node, CheckReporter report)
    {
        if (node is null || Targets.HasGroupedStar(node))
        {
            return;
        }
        var target = Expr.Of(node);
        if (!Targets.IsAssignable(target) && Targets.Blame(target, deleting: false) is { } blamed)
        {
            report.At(blamed.Node, $"cannot assign to {blamed.Describe()}");
        }
    }
}
