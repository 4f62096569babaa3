using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Grammar;

public partial class PythonParser
{
    /// <summary>
    /// What may be a line of simple statements (<c>x = 1; y = 2</c>): a statement, or a block on its colon's
    /// line (<c>if x: pass</c>). The grammar has no node for the line of its own (docs/performance.md, "Parse,
    /// twelfth round"); <c>SimpleLine()</c> gives the node when it is one, and <c>simple_stmt()</c> is empty
    /// for a compound statement or an indented block.
    /// </summary>
    public interface ISimpleLine : IParseTree
    {
        Simple_stmtContext[] simple_stmt();

        Simple_stmtContext simple_stmt(int i);
    }

    public partial class StatementContext : ISimpleLine
    {
        /// <summary>
        /// The compound statement this is (a <c>def</c>, <c>if</c>, <c>class</c>, <c>with</c>, <c>for</c>,
        /// <c>try</c>, <c>while</c>, <c>match</c> or a decorated definition: its own context, the statement's
        /// only child), or null for a line of simple statements.
        /// </summary>
        public ParserRuleContext? Compound() => OnlyChild is ParserRuleContext child and not Simple_stmtContext ? child : null;

        /// <summary>This statement when it is a line of simple statements, else null.</summary>
        public StatementContext? SimpleLine() => Compound() is null ? this : null;
    }

    public partial class BlockContext : ISimpleLine
    {
        /// <summary>This block when it is a line of simple statements on its colon's line, else null.</summary>
        public BlockContext? SimpleLine() => INDENT() is null ? this : null;
    }
}
