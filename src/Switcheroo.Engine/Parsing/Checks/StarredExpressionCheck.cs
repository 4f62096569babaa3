using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// What the compiler rejects of <c>*</c> unpacking: a lone starred value (<c>x = *a</c>,
/// <c>return *a</c>; with a comma it is a tuple and fine), a starred target outside a tuple or list
/// (<c>*a = b</c>), and two starred targets in one tuple or list.
/// </summary>
internal sealed class StarredExpressionCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report) => new Walker(report).Walk(root);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override AnnotationWalk Annotations => AnnotationWalk.Compiled;

        protected override void Visit(ParserRuleContext node)
        {
            switch (node)
            {
                case Star_expressionsContext values when IsLoneStar(values) && IsValue(values):
                    report.At(values, "can't use starred expression here");
                    break;
                case Expression_stmtContext statement when statement.ChildCount > 1 && statement.annotation() is null && statement.augassign() is null:
                    CheckTarget(statement.star_expressions());
                    foreach (var target in statement.assigned_value().SkipLast(1))
                    {
                        CheckTarget(target);
                    }
                    break;
                case For_stmtContext loop: CheckTarget(loop.target_list()); break;
                case Comp_forContext clause: CheckTarget(clause.target_list()); break;
                case With_itemContext item when item.star_target() is { } target: CheckTarget(target); break;
            }
        }

        private void CheckTarget(ParserRuleContext node)
        {
            var target = Expr.Of(node);
            if (target.Kind == ExprKind.Starred)
            {
                report.At(target.Node, "starred assignment target must be in a list or tuple");
            }
            CheckStarCount(target);
        }

        private void CheckStarCount(Expr target)
        {
            if (target.Kind == ExprKind.Starred)
            {
                CheckStarCount(target.StarredValue);
                return;
            }
            if (!target.IsTupleOrList)
            {
                return;
            }
            var elements = target.Elements.Select(Expr.Of).ToList();
            if (elements.Count(element => element.Kind == ExprKind.Starred) > 1)
            {
                report.At(target.Node, "multiple starred expressions in assignment");
                return;
            }
            elements.ForEach(CheckStarCount);
        }

        private static bool IsLoneStar(Star_expressionsContext values) =>
            values.ChildCount == 1 && values.star_expression(0).STAR() is not null;

        /// <summary>
        /// Whether the expressions are evaluated, not assigned to: targets are the target checks'
        /// business, and a lone star in an f-string field the parser's (<see cref="UnpackingPlacementCheck"/>).
        /// </summary>
        private static bool IsValue(Star_expressionsContext values) => values.Parent switch
        {
            Expression_stmtContext statement => statement.ChildCount == 1,
            Assigned_valueContext value => value.Parent is Expression_stmtContext statement
                && (statement.EQUAL().Length == 0 || ReferenceEquals(statement.assigned_value()[^1], value)),
            Fstring_fieldContext => false,
            _ => true,
        };
    }
}
