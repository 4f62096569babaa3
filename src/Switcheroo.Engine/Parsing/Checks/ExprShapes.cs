using Antlr4.Runtime;
using Switcheroo.Grammar;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>Classifies parse-tree expressions into <see cref="Expr"/>s.</summary>
internal static class ExprShapes
{
    public static Expr Classify(ParserRuleContext node)
    {
        bool grouped = false;
        while (true)
        {
            if (Unwrap(node, ref grouped) is { } inner)
            {
                node = inner;
                continue;
            }
            return new Expr(KindOf(node), node, grouped);
        }
    }

    /// <summary>The context a wrapper stands for, or null when <paramref name="node"/> is itself the expression.</summary>
    /// <remarks>
    /// Decided by rule index and child count, which the grammar ties to the alternatives: this runs
    /// for every level of every expression the checks classify, and the generated accessors
    /// (<c>COMMA()</c>, <c>comp_op()</c>) collect arrays while type tests walk the class hierarchy.
    /// </remarks>
    private static ParserRuleContext? Unwrap(ParserRuleContext node, ref bool grouped)
    {
        switch (node.RuleIndex)
        {
            // One child: no comma (star_expressions, target_list), no star (star_target; a
            // star_expression or star_named_expression is always starred), a plain operand
            // (expression: a comparison without operators); assigned_value always has one. An expr
            // with one child is an atom.
            case RULE_star_expressions or RULE_target_list
                or RULE_star_target or RULE_assigned_value or RULE_expression:
                return ((PythonParserContext)node).OnlyChild is { } only ? (ParserRuleContext)only : null;
            // (yield) and (x) group their one inner expression; (), (x,) and (x for ...) are displays.
            case RULE_expr when node.ChildCount == 3 && node is ParenAtomContext:
                grouped = true;
                return (ParserRuleContext)node.GetChild(1);
            default:
                return null;
        }
    }

    private static ExprKind KindOf(ParserRuleContext node) => node switch
    {
        Star_expressionsContext or Target_listContext => ExprKind.Tuple,
        Star_expressionContext or Star_named_expressionContext or Star_targetContext => ExprKind.Starred,
        Assignment_expressionContext => ExprKind.Walrus,
        LambdefContext => ExprKind.Lambda,
        ConditionalContext => ExprKind.Conditional,
        ComparisonContext => ExprKind.Comparison,
        DisjunctionContext or ConjunctionContext or InversionContext => ExprKind.Operation,
        Yield_exprContext => ExprKind.Yield,
        AttributeExprContext => ExprKind.Attribute,
        CallExprContext => ExprKind.Call,
        SubscriptExprContext => ExprKind.Subscript,
        AwaitExprContext => ExprKind.Await,
        PowerExprContext or BinaryExprContext or UnaryExprContext => ExprKind.Operation,
        NameAtomContext => ExprKind.Name,
        StringAtomContext s => s.strings().fstring().Length > 0 ? ExprKind.FString : ExprKind.Constant,
        ConstantAtomContext or NumberAtomContext or EllipsisAtomContext => ExprKind.Constant,
        ParenAtomContext p => p.comprehension() is null ? ExprKind.Tuple : ExprKind.Generator,
        ListAtomContext l => l.comprehension() is null ? ExprKind.List : ExprKind.ListComp,
        DictOrSetAtomContext d => DictOrSetKind(d.dict_or_set()),
        _ => throw new ArgumentException($"not an expression: {node.GetType().Name}", nameof(node)),
    };

    private static ExprKind DictOrSetKind(Dict_or_setContext? content)
    {
        if (content is null)
        {
            return ExprKind.Dict;
        }
        if (content.dict_tail() is { } tail)
        {
            return tail.comprehension() is null ? ExprKind.Dict : ExprKind.DictComp;
        }
        return content.set_tail().comprehension() is null ? ExprKind.Set : ExprKind.SetComp;
    }

    public static IReadOnlyList<ParserRuleContext> Elements(Expr display) => display.Node switch
    {
        Star_expressionsContext s => s.Items(),
        Target_listContext t => t.star_target(),
        ParenAtomContext p => p.Items(),
        ListAtomContext l => l.Items(),
        _ => throw new ArgumentException($"not a tuple or list: {display.Kind}", nameof(display)),
    };

    public static Expr StarredValue(Expr starred) => starred.Node switch
    {
        Star_expressionContext s => Classify(s.expr()),
        Star_named_expressionContext s => Classify(s.expr()),
        Star_targetContext s => Classify(s.expr()),
        _ => throw new ArgumentException($"not starred: {starred.Kind}", nameof(starred)),
    };

    /// <summary>
    /// The expression as a bitwise-or level one (our <c>expr</c>, CPython's <c>bitwise_or</c>), or
    /// null when it is more than that: starred, a walrus, lambda, if-else, or/and/not, a comparison.
    /// Grouping parentheses are kept: a group is an atom.
    /// </summary>
    public static ExprContext? AsBitwiseOr(ParserRuleContext node)
    {
        while (true)
        {
            switch (node)
            {
                case ExprContext expr: return expr;
                case ComparisonContext c when c.comp_op().Length == 0: node = c.expr(0); break;
                default: return null;
            }
        }
    }
}
