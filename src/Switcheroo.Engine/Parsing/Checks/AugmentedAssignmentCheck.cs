using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>The target of <c>+=</c> and the other augmented assignments is a single name, attribute or subscript.</summary>
internal sealed class AugmentedAssignmentCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var statement in ScopedTree.Of(root).Nodes<Expression_stmtContext>(NodeIndex.ExpressionStatements))
        {
            if (statement.augassign() is null)
            {
                continue;
            }
            var target = Expr.Of(statement.star_expressions());
            if (target.Kind is ExprKind.Name or ExprKind.Attribute or ExprKind.Subscript || Targets.HasGroupedStar(statement.star_expressions()))
            {
                continue;
            }
            report.At(target.Node, $"'{target.Describe()}' is an illegal expression for augmented assignment");
        }
    }
}
