using Antlr4.Runtime;
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
    private static ParserRuleContext? Unwrap(ParserRuleContext node, ref bool grouped)
    {
        switch (node)
        {
            case Star_expressionsContext s when s.COMMA().Length == 0: return s.star_expression(0);
            case Star_expressionContext s when s.STAR() is null: return s.expression();
            case Star_named_expressionContext s when s.STAR() is null: return s.named_expression();
            case Target_listContext t when t.COMMA().Length == 0: return t.star_target(0);
            case Star_targetContext t when t.STAR() is null: return t.expr();
            case Assigned_valueContext a: return (ParserRuleContext?)a.yield_expr() ?? a.star_expressions();
            case Named_expressionContext n when n.COLONEQUAL() is null: return n.expression();
            case ExpressionContext e when e.lambdef() is { } lambda: return lambda;
            case ExpressionContext e when e.IF() is null: return e.test(0);
            case ComparisonContext c when c.comp_op().Length == 0: return c.expr(0);
            case AtomExprContext a: return a.atom();
            case ParenAtomContext p when p.yield_expr() is { } yield:
                grouped = true;
                return yield;
            case ParenAtomContext p when p.star_named_expression() is { } inner && p.COMMA() is null && p.comprehension() is null:
                grouped = true;
                return inner;
            default: return null;
        }
    }

    private static ExprKind KindOf(ParserRuleContext node) => node switch
    {
        Star_expressionsContext or Target_listContext => ExprKind.Tuple,
        Star_expressionContext or Star_named_expressionContext or Star_targetContext => ExprKind.Starred,
        Named_expressionContext => ExprKind.Walrus,
        LambdefContext => ExprKind.Lambda,
        ExpressionContext => ExprKind.Conditional,
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
        Star_expressionsContext s => s.star_expression(),
        Target_listContext t => t.star_target(),
        ParenAtomContext p => Items(p.star_named_expression(), p.star_named_expressions()),
        ListAtomContext l => Items(l.star_named_expression(), l.star_named_expressions()),
        _ => throw new ArgumentException($"not a tuple or list: {display.Kind}", nameof(display)),
    };

    private static ParserRuleContext[] Items(Star_named_expressionContext? first, Star_named_expressionsContext? rest)
    {
        if (first is null)
        {
            return Array.Empty<ParserRuleContext>();
        }
        return rest is null ? new ParserRuleContext[] { first } : rest.star_named_expression().Prepend(first).ToArray<ParserRuleContext>();
    }

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
                case Star_expressionContext s when s.STAR() is null: node = s.expression(); break;
                case Named_expressionContext n when n.COLONEQUAL() is null: node = n.expression(); break;
                case ExpressionContext e when e.lambdef() is null && e.IF() is null: node = e.test(0); break;
                case ComparisonContext c when c.comp_op().Length == 0: node = c.expr(0); break;
                default: return null;
            }
        }
    }
}
