using Antlr4.Runtime;

namespace Switcheroo.Grammar;

// CPython's named_expression (a condition, a decorator, a positional argument, a subscript) is an assignment expression or a plain expression. The grammar names both kinds where
// one may stand, so that no node wraps the plain one (docs/performance.md, "Parse, twelfth round"), and
// these accessors give whichever stands there: an Assignment_expressionContext or an ExpressionContext.
// As the generated accessors, they are null only where the alternative has none (a starred item, a
// slice without a lower bound) or in a tree that error recovery built.
#nullable disable

public partial class PythonParser
{
    public partial class DecoratorContext
    {
        /// <summary>What follows <c>@</c>.</summary>
        public ParserRuleContext NamedExpression() => NamedExpressionAt(1);
    }

    public partial class If_stmtContext
    {
        /// <summary>The condition.</summary>
        public ParserRuleContext NamedExpression() => NamedExpressionAt(1);
    }

    public partial class Elif_blockContext
    {
        /// <summary>The condition.</summary>
        public ParserRuleContext NamedExpression() => NamedExpressionAt(1);
    }

    public partial class While_stmtContext
    {
        /// <summary>The condition.</summary>
        public ParserRuleContext NamedExpression() => NamedExpressionAt(1);
    }

    public partial class GuardContext
    {
        /// <summary>The condition after <c>if</c>.</summary>
        public ParserRuleContext NamedExpression() => NamedExpressionAt(1);
    }

    public partial class PositionalArgumentContext
    {
        /// <summary>The argument (with a comprehension after it, the generator's element).</summary>
        public ParserRuleContext NamedExpression() => NamedExpressionAt(0);
    }

    public partial class SliceContext
    {
        /// <summary>The index, or the lower bound of a slice; null where the slice starts with <c>:</c> or is starred.</summary>
        public ParserRuleContext NamedExpression() => NamedExpressionAt(0);
    }

    public partial class Dict_or_setContext
    {
        /// <summary>The first key of a dict, or the first item of a set; null where it is <c>**</c> or starred.</summary>
        public ParserRuleContext NamedExpression() => NamedExpressionAt(0);

        /// <summary>The first value of a dict (after the first key's colon); null for a set.</summary>
        public ExpressionContext Value() => ChildCount > 2 && GetChild(1) is IToken { Type: PythonParser.COLON } ? GetChild(2) as ExpressionContext : null;
    }
}

public partial class PythonParserContext
{
    /// <summary>The child at <paramref name="index"/> when it is a named expression of either kind, else null.</summary>
    private protected ParserRuleContext NamedExpressionAt(int index) =>
        ChildAt(index) is ParserRuleContext child and (PythonParser.ExpressionContext or PythonParser.Assignment_expressionContext) ? child : null;
}
