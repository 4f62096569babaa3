using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// What rewriting reports: each diagnostic with the token it was reported at, and the marker
/// comments (<c># switcheroo: SWR3001 ...</c>) for the statements they concern, placed once every
/// edit is planned (<see cref="PlaceMarkers"/>) so they follow moved code.
/// </summary>
public sealed class Reporter(SyntaxTree tree)
{
    private readonly List<(Diagnostic Diagnostic, int Token)> _reports = new();
    private readonly Dictionary<ParserRuleContext, List<(string Line, int Token)>> _markers = new();
    private readonly List<(int First, int Last, List<string> Lines)> _moved = new();
    private readonly HashSet<int> _warned = new();

    /// <summary>The diagnostics reported so far, in the order they were reported.</summary>
    public IEnumerable<Diagnostic> Diagnostics => _reports.Select(r => r.Diagnostic);

    /// <summary>Warnings and errors reported so far by translation.</summary>
    public int WarningCount { get; private set; }

    /// <summary>Reports a diagnostic at a node and marks its statement with a comment naming the code.</summary>
    public void Report(DiagnosticDescriptor descriptor, ParserRuleContext node, string message)
    {
        var span = tree.Span(node);
        if (descriptor.Severity != Severity.Info)
        {
            WarningCount++;
        }
        var diagnostic = new Diagnostic(descriptor, message, tree.Source.Path, span.StartLine, span.StartColumn, span.EndLine, span.EndColumn);
        _reports.Add((diagnostic, node.Start.TokenIndex));
        if (descriptor.Severity != Severity.Info)
        {
            _warned.Add(node.Start.TokenIndex);
        }
        if (descriptor.Severity != Severity.Info && SyntaxShapes.Enclosing<PythonParser.StatementContext>(node) is { } statement)
        {
            if (!_markers.TryGetValue(statement, out var lines))
            {
                _markers[statement] = lines = new List<(string Line, int Token)>();
            }
            lines.Add((Marker(descriptor.Code, diagnostic.Message), node.Start.TokenIndex));
        }
    }

    /// <summary>Whether a warning (or error) was reported at a token: the start of a call that stays, say.</summary>
    internal bool WarnedAt(int tokenIndex) => _warned.Contains(tokenIndex);

    /// <summary>The longest marker comment: the full message is in the build log and docs/diagnostics.md.</summary>
    public const int MarkerLength = 100;

    /// <summary>
    /// <c># switcheroo: SWR3001 torch.fft.fft has no mapping; kept as is</c>: the code and the
    /// message, cut at a word to at most <see cref="MarkerLength"/> characters (ASCII "...", so
    /// the marker encodes in any source encoding).
    /// </summary>
    internal static string Marker(string code, string message)
    {
        var marker = $"# switcheroo: {code} {message}";
        if (marker.Length <= MarkerLength)
        {
            return marker;
        }
        int cut = marker.LastIndexOf(' ', MarkerLength - 3);
        var kept = marker[..(cut > 22 ? cut : MarkerLength - 3)].TrimEnd(' ', ';', ',', ':');
        return kept + "...";
    }

    /// <summary>
    /// Forgets the warnings reported inside code a conversion dropped (the <c>model.parameters()</c>
    /// an optimizer's conversion drops, or that of a clipping call that moved into the optimizer's
    /// chain), and their markers: that code is not in the output. The markers of code that moved
    /// (<see cref="MarkersMovedWith"/>) are taken to where it went. Infos stay: they are what tells of
    /// a removal (<c>.train()</c> removed, SWR3008).
    /// </summary>
    internal void ForgetDropped(EditPlan plan)
    {
        _reports.RemoveAll(r => r.Diagnostic.Severity != Severity.Info && plan.IsDropped(r.Token));
        _warned.RemoveWhere(plan.IsDropped);
        foreach (var (statement, lines) in _markers.ToList())
        {
            lines.RemoveAll(line => plan.IsDropped(line.Token));
            // Markers of moved code go with it, even where the statement it came from goes.
            foreach (var (first, last, moved) in _moved)
            {
                moved.AddRange(lines.Where(line => first <= line.Token && line.Token <= last).Select(line => line.Line).Except(moved).ToList());
                lines.RemoveAll(line => first <= line.Token && line.Token <= last);
            }
            if (lines.Count == 0 || plan.IsDropped(statement.Start.TokenIndex))
            {
                _markers.Remove(statement);
            }
        }
    }

    /// <summary>
    /// Code that a conversion moves out of its statement into a line of its own (a constructor
    /// argument's annotation and default, which become a dataclass field): the markers of warnings
    /// inside <paramref name="node"/> go where the returned part is rendered, each followed by
    /// <paramref name="separator"/> (the newline and the line's indentation), instead of above the
    /// statement the node was in.
    /// </summary>
    internal TextPart MarkersMovedWith(ParserRuleContext node, string separator)
    {
        var lines = new List<string>();
        _moved.Add((node.Start.TokenIndex, node.Stop.TokenIndex, lines));
        return new TextPart.Deferred(() => string.Concat(lines.Select(line => line + separator)));
    }

    /// <summary>Puts the marker comments above their statements, at the statement's indentation.</summary>
    internal void PlaceMarkers(EditSink edits)
    {
        foreach (var (statement, lines) in _markers)
        {
            var indentation = edits.Indentation(statement.Start);
            var present = CommentsAbove(statement.Start);
            // A statement already marked with a code (by an earlier conversion of this code) is not
            // marked with it again, even when the reason reads differently now.
            var fresh = lines.Select(line => line.Line).Distinct().Where(line => !present.Contains(MarkerCode(line))).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }
            var text = string.Concat(fresh.Select(line => line + edits.Newline() + indentation));
            edits.Plan.InsertBefore(statement, text);
        }
    }

    /// <summary>A marker line's "# switcheroo: SWRnnnn" prefix (any other comment as it is).</summary>
    private static string MarkerCode(string comment) =>
        comment.StartsWith("# switcheroo: SWR", StringComparison.Ordinal) && comment.Length >= 21 ? comment[..21] : comment;

    /// <summary>The comment lines directly above a statement (markers by their code), so converting converted code adds no second marker.</summary>
    private HashSet<string> CommentsAbove(IToken first)
    {
        var comments = new HashSet<string>(StringComparer.Ordinal);
        for (int i = first.TokenIndex - 1; i >= 0; i--)
        {
            var token = tree.Tokens[i];
            if (token.Type == PythonLexer.COMMENT)
            {
                comments.Add(MarkerCode(token.Text));
            }
            else if (token.Type is not (PythonLexer.WS or PythonLexer.NL or PythonLexer.INDENT or PythonLexer.DEDENT or PythonLexer.NEWLINE))
            {
                break;
            }
        }
        return comments;
    }
}
