using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// Collects violations of compile-time rules as SWR2009 diagnostics, positioned at a node's first
/// token or at a token. CPython 3.11 parses each f-string field on its own, so its parser's errors
/// there start with "f-string: "; <paramref name="markFStrings"/> does the same for the parser-stage checks.
/// </summary>
internal sealed class CheckReporter(string path, ICollection<Diagnostic> sink, bool markFStrings = false)
{
    public void At(IParseTree node, string message)
    {
        if (markFStrings && ParseTrees.IsInside<PythonParser.Fstring_fieldContext>(node))
        {
            message = "f-string: " + message;
        }
        At(ParseTrees.FirstToken(node), message);
    }

    public void At(IToken token, string message) => At(token.Line, token.Column + 1, message);

    /// <summary>At a token, with a code other than SWR2009 (nesting too deep for CPython's compiler is SWR2008).</summary>
    public void At(IToken token, string message, DiagnosticDescriptor descriptor) =>
        sink.Add(Diagnostic.At(descriptor, message, path, token.Line, token.Column + 1));

    /// <summary>At an explicit 1-based line and column, for the rare error CPython positions off its token.</summary>
    public void At(int line, int column, string message) =>
        sink.Add(Diagnostic.At(DiagnosticCodes.InvalidConstruct, message, path, line, column));
}
