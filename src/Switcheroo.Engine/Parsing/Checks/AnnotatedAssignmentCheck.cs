using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>Only a single name, attribute or subscript can be annotated (<c>x: int</c>), not a tuple or list.</summary>
internal sealed class AnnotatedAssignmentCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var statement in ScopedTree.Of(root).Nodes<Expression_stmtContext>(NodeIndex.ExpressionStatements))
        {
            if (statement.annotation() is { } annotation && !Targets.HasGroupedStar(statement.star_expressions()))
            {
                CheckTarget(Expr.Of(statement.star_expressions()), annotation, report);
            }
        }
    }

    private static void CheckTarget(Expr target, AnnotationContext annotation, CheckReporter report)
    {
        switch (target.Kind)
        {
            case ExprKind.Name or ExprKind.Attribute or ExprKind.Subscript:
                return;
            case ExprKind.Tuple or ExprKind.List:
                report.At(target.Node, $"only single target (not {target.Describe()}) can be annotated");
                return;
            case ExprKind.Starred:
                // `*a: int`: no rule of CPython's explains it, so its parser stops at the colon.
                report.At(annotation.COLON(), "invalid syntax");
                return;
            default:
                report.At(target.Node, "illegal target for annotation");
                return;
        }
    }
}
