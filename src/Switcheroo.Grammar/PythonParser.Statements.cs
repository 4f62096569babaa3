using Antlr4.Runtime;

namespace Switcheroo.Grammar;

public partial class PythonParser
{
    public partial class StatementContext
    {
        /// <summary>
        /// The compound statement this is (a <c>def</c>, <c>if</c>, <c>class</c>, <c>with</c>, <c>for</c>,
        /// <c>try</c>, <c>while</c>, <c>match</c> or a decorated definition: its own context, the statement's
        /// only child), or null for a line of simple statements (<c>simple_stmts()</c>).
        /// </summary>
        public ParserRuleContext? Compound() => OnlyChild is ParserRuleContext child and not Simple_stmtsContext ? child : null;
    }
}
