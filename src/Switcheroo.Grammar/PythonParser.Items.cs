using System.Collections.Generic;
using Antlr4.Runtime;

namespace Switcheroo.Grammar;

public partial class PythonParser
{
    public partial class Star_expressionsContext
    {
        /// <summary>
        /// The items in order: each an <see cref="ExpressionContext"/>, or a <see cref="Star_expressionContext"/>
        /// for a starred one (the grammar wraps no plain item, so <c>expression()</c> and
        /// <c>star_expression()</c> each list one kind only).
        /// </summary>
        public IReadOnlyList<ParserRuleContext> Items() => GetRuleContexts<ParserRuleContext>();
    }

    // A list's or tuple's items: each an ExpressionContext, an Assignment_expressionContext (x := v), or a
    // Star_named_expressionContext for a starred one (the grammar wraps no plain item; a set's and a match
    // subject's items are the same kinds).

    public partial class Star_named_expressionsContext
    {
        /// <summary>The items in order.</summary>
        public IReadOnlyList<ParserRuleContext> Items() => GetRuleContexts<ParserRuleContext>();
    }

    public partial class ParenAtomContext
    {
        /// <summary>The first item inside the parentheses (the only one of a group), or null for <c>()</c> and <c>(yield ...)</c>.</summary>
        public ParserRuleContext? FirstItem() => FirstItemOf(this);

        /// <summary>The items of a tuple or group in order (a generator's element alone); empty for <c>()</c> and <c>(yield ...)</c>.</summary>
        public IReadOnlyList<ParserRuleContext> Items() => ItemsOf(FirstItem(), star_named_expressions());
    }

    public partial class ListAtomContext
    {
        /// <summary>The first item, or null for <c>[]</c>.</summary>
        public ParserRuleContext? FirstItem() => FirstItemOf(this);

        /// <summary>The items in order (a comprehension's element alone).</summary>
        public IReadOnlyList<ParserRuleContext> Items() => ItemsOf(FirstItem(), star_named_expressions());
    }

    /// <summary>A display's child after its opening bracket when it is an item.</summary>
    private static ParserRuleContext? FirstItemOf(ExprContext display) =>
        display.ChildCount > 2 && display.GetChild(1) is ParserRuleContext item
            and (Star_named_expressionContext or Assignment_expressionContext or ExpressionContext) ? item : null;

    private static IReadOnlyList<ParserRuleContext> ItemsOf(ParserRuleContext? first, Star_named_expressionsContext? rest) =>
        first is null ? [] : rest is null ? [first] : [first, .. rest.Items()];
}
