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
}
