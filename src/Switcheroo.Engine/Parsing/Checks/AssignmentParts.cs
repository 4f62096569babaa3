using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The parts of an expression statement around <c>=</c>, read by position (the generated
/// accessors scan the children again and collect arrays for each question). The grammar's forms:
/// <c>a</c>; <c>a = b = value</c> (targets and values alternate with <c>=</c>); <c>a: T</c> and
/// <c>a: T = value</c>; <c>a += value</c>.
/// </summary>
internal static class AssignmentParts
{
    /// <summary><c>a = b = value</c>: an <c>=</c> second, not an annotation or an augmented operator.</summary>
    public static bool IsChain(Expression_stmtContext statement) =>
        statement.ChildCount > 1 && statement.GetChild(1) is ITerminalNode;

    /// <summary>Whether the statement ends with <c>= value</c>: a chain, or an annotated assignment with a value.</summary>
    public static bool HasEqual(Expression_stmtContext statement) =>
        statement.ChildCount >= 3 && statement.GetChild(statement.ChildCount - 2) is ITerminalNode;

    /// <summary>The number of targets of a chain: every part but the value.</summary>
    public static int ChainTargets(Expression_stmtContext statement) => (statement.ChildCount - 1) / 2;

    /// <summary>Target <paramref name="index"/> of a chain (0: the statement's first child).</summary>
    public static ParserRuleContext ChainTarget(Expression_stmtContext statement, int index) =>
        (ParserRuleContext)statement.GetChild(2 * index);
}
