using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// What the compiler rejects of <c>*</c> unpacking: a lone starred value (<c>x = *a</c>,
/// <c>return *a</c>; with a comma it is a tuple and fine), a starred target outside a tuple or list
/// (<c>*a = b</c>), and two starred targets in one tuple or list.
/// </summary>
internal sealed class StarredExpressionCheck : IWalkingCheck
{
    public ScopeWalker CreateWalker(CheckReporter report) => new Walker(report);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override AnnotationWalk Annotations => AnnotationWalk.Compiled;

        /// <remarks>By rule index and the children's positions: this runs for every node of the file.</remarks>
        protected override void Visit(ParserRuleContext node)
        {
            switch (node.RuleIndex)
            {
                case RULE_star_expressions when IsLoneStar(node) && IsValue((Star_expressionsContext)node):
                    report.At(node, "can't use starred expression here");
                    break;
                case RULE_simple_stmt when node is Expression_stmtContext statement && AssignmentParts.IsChain(statement):
                    for (int i = 0; i < AssignmentParts.ChainTargets(statement); i++)
                    {
                        CheckTarget(AssignmentParts.ChainTarget(statement, i));
                    }
                    break;
                case RULE_for_stmt: CheckTarget(((For_stmtContext)node).target_list()); break;
                case RULE_comp_for: CheckTarget(((Comp_forContext)node).target_list()); break;
                // with_item: expression (AS star_target)?
                case RULE_with_item when node.ChildCount == 3: CheckTarget((ParserRuleContext)node.GetChild(2)); break;
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
            var elements = target.Elements;
            int starred = 0;
            for (int i = 0; i < elements.Count; i++)
            {
                if (Expr.Of(elements[i]).Kind == ExprKind.Starred)
                {
                    starred++;
                }
            }
            if (starred > 1)
            {
                report.At(target.Node, "multiple starred expressions in assignment");
                return;
            }
            for (int i = 0; i < elements.Count; i++)
            {
                CheckStarCount(Expr.Of(elements[i]));
            }
        }

        /// <summary>One item and no comma, and that one is starred (<c>STAR expr</c>), not an expression.</summary>
        private static bool IsLoneStar(ParserRuleContext values) =>
            values.ChildCount == 1 && values.GetChild(0) is Star_expressionContext;

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
