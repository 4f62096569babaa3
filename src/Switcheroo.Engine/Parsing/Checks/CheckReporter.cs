using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>Collects violations of compile-time rules as SWR2009 diagnostics, positioned at a node or token.</summary>
internal sealed class CheckReporter(string path, ICollection<Diagnostic> sink)
{
    public void At(ParserRuleContext node, string message) => At(node.Start, message);

    public void At(IToken token, string message) =>
        sink.Add(Diagnostic.At(DiagnosticCodes.InvalidConstruct, message, path, token.Line, token.Column + 1));
}
