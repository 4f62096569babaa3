using Antlr4.Runtime;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking;

/// <summary>
/// Which code of the output is reported: a statement with a <c># switcheroo: SWR3xxx</c> marker
/// directly above it (the torch code kept and marked there: for a compound statement, its header),
/// and the whole of a class marked SWR3006 (a module class kept as it was).
/// </summary>
internal sealed class ReportedCode(IReadOnlyList<IToken> tokens)
{
    private const string MarkerPrefix = "# switcheroo: SWR3";
    private const string ClassKept = "# switcheroo: SWR3006";

    public bool Contains(ParserRuleContext node)
    {
        bool innermost = true;
        for (RuleContext? current = node; current is not null; current = current.Parent)
        {
            if (current is not PythonParser.StatementContext statement)
            {
                continue;
            }
            var (marked, classKept) = MarkedAbove(statement.Start);
            if ((innermost && marked) || classKept)
            {
                return true;
            }
            innermost = false;
        }
        return false;
    }

    /// <summary>
    /// Whether a marker comment stands directly above a statement's first token, and whether one
    /// of them keeps a whole class. Asked for every statement around every node a rule reports
    /// or looks at: found once per statement.
    /// </summary>
    private (bool Marked, bool ClassKept) MarkedAbove(IToken first)
    {
        if (!_marked.TryGetValue(first.TokenIndex, out var marked))
        {
            var markers = MarkersAbove(first);
            marked = (markers.Count > 0, markers.Any(m => m.StartsWith(ClassKept, StringComparison.Ordinal)));
            _marked.Add(first.TokenIndex, marked);
        }
        return marked;
    }

    private readonly Dictionary<int, (bool, bool)> _marked = [];

    /// <summary>The marker comments in the run of comment lines directly above a statement's first token.</summary>
    private List<string> MarkersAbove(IToken first)
    {
        var markers = new List<string>();
        for (int i = first.TokenIndex - 1; i >= 0; i--)
        {
            var token = tokens[i];
            if (token.Type == PythonLexer.COMMENT)
            {
                if (token.Text.StartsWith(MarkerPrefix, StringComparison.Ordinal))
                {
                    markers.Add(token.Text);
                }
            }
            else if (token.Type is not (PythonLexer.WS or PythonLexer.NL or PythonLexer.INDENT or PythonLexer.DEDENT or PythonLexer.NEWLINE))
            {
                break;
            }
        }
        return markers;
    }
}
