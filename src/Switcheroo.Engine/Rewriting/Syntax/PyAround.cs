using Antlr4.Runtime;

namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>
/// Code written around a node of the source that stays where it is: the tree is built with the
/// node in it (<see cref="Py.Source"/>), printed, and the text split where the node stands, so an
/// edit inserts what goes before and what goes after it and edits planned inside the node, in
/// whatever order, still apply.
/// <code>
/// PyAround.Print(value, v => Py.CallOf(Py.Named("to_torch"), v))  →  ("to_torch(", ")")
/// </code>
/// </summary>
public static class PyAround
{
    public static (TextPart[] Before, TextPart[] After) Print(ParserRuleContext node, Func<Py, Py> build)
    {
        var hole = TextPart.Of(node);
        var parts = PyPrinter.Print(build(Py.Source(node)));
        int at = Array.IndexOf(parts, hole);
        if (at < 0 || Array.LastIndexOf(parts, hole) != at)
        {
            throw new ArgumentException("the tree must hold the node exactly once", nameof(build));
        }
        return (parts[..at], parts[(at + 1)..]);
    }
}
