using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary><c>del</c> takes names, attributes, subscripts, and tuples and lists of them; nothing starred.</summary>
internal sealed class DeleteTargetCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var statement in ScopedTree.Of(root).Nodes<Del_stmtContext>(NodeIndex.DelStatements))
        {
            var target = Expr.Of(statement.target_list());
            if (!Targets.HasGroupedStar(statement.target_list()) && !Targets.IsDeletable(target) && Targets.Blame(target, deleting: true) is { } blamed)
            {
                report.At(blamed.Node, $"cannot delete {blamed.Describe()}");
            }
        }
    }
}
