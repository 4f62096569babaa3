using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The shape of a type test, <c>isinstance(subject, T)</c> or <c>isinstance(subject, (T1, T2))</c>, as
/// syntax: the subject and the type expressions. What the types mean is the reader's question (the
/// init loops' torch layers, <see cref="InitBranches"/>; the value a test narrows its subject to,
/// <see cref="Values.InstanceValues"/>).
/// </summary>
internal static class TypeTests
{
    /// <summary>The test's call, subject and types; null for another condition. The callee is only named <c>isinstance</c>: whether it is the builtin is the reader's to check.</summary>
    public static (PythonParser.CallExprContext Call, IParseTree Subject, IReadOnlyList<IParseTree> Types)? Isinstance(IParseTree condition)
    {
        if (SyntaxShapes.AtomOf(condition) is not PythonParser.CallExprContext call || call.expr().GetText() != "isinstance"
            || SyntaxShapes.Arguments(call) is not [PythonParser.PositionalArgumentContext subject, PythonParser.PositionalArgumentContext types])
        {
            return null;
        }
        var atom = SyntaxShapes.AtomOf(types);
        IReadOnlyList<IParseTree> items = atom is PythonParser.ParenAtomContext tuple
            ? tuple.Items().ToList<IParseTree>()
            : [atom];
        return (call, subject, items);
    }
}
