using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

// Statement-level edits that depend on whether reads of a name survive the conversion: a read
// inside code some conversion deletes (a dropped argument, a removed placement) does not count.
// Passes name the reads; the sink settles each verb once, at the end, over the finished plan.
public sealed partial class EditSink
{
    private readonly List<(PythonParser.StatementContext Statement, IReadOnlyList<ParserRuleContext> Reads, PendingReport Report)> _unreadRemovals = new();
    private readonly List<(PythonParser.StatementContext Statement, IReadOnlyList<ReadLine> Lines)> _readLines = new();

    /// <summary>A diagnostic reported only when the verb it belongs to makes its edit.</summary>
    internal sealed record PendingReport(DiagnosticDescriptor Descriptor, ParserRuleContext Node, string Message);

    /// <summary>A line written only when one of <paramref name="Reads"/> survives.</summary>
    internal sealed record ReadLine(PyStatement Statement, IReadOnlyList<ParserRuleContext> Reads);

    /// <summary>
    /// Removes a statement (<see cref="RemoveStatement"/>), reporting <paramref name="report"/>, when
    /// every one of <paramref name="reads"/> lies in code that goes (<c>device = torch.device(...)</c>
    /// once every <c>.to(device)</c> went); settled by <see cref="ApplyReadEdits"/>.
    /// </summary>
    internal void RemoveStatementUnlessRead(PythonParser.StatementContext statement, IReadOnlyList<ParserRuleContext> reads, PendingReport report) =>
        _unreadRemovals.Add((statement, reads, report));

    /// <summary>
    /// Puts lines before a statement, at its indentation and in the order given, each only when one
    /// of its reads survives (<c>h = self.h</c> for a field the body still reads); settled by <see cref="ApplyReadEdits"/>.
    /// </summary>
    internal void InsertLinesIfRead(PythonParser.StatementContext statement, IReadOnlyList<ReadLine> lines) =>
        _readLines.Add((statement, lines));

    /// <summary>
    /// Plans the edits of the verbs above, removals first (a read inside a statement removed for
    /// being unread does not count): called once, when every conversion is planned.
    /// </summary>
    internal void ApplyReadEdits(Reporter reports)
    {
        foreach (var (statement, reads, report) in _unreadRemovals)
        {
            if (reads.All(read => Plan.IsDropped(read.Start.TokenIndex)))
            {
                RemoveStatement(statement);
                reports.Report(report.Descriptor, report.Node, report.Message);
            }
        }
        foreach (var (statement, lines) in _readLines)
        {
            var written = lines.Where(line => line.Reads.Any(read => !Plan.IsDropped(read.Start.TokenIndex))).ToList();
            if (written.Count > 0)
            {
                InsertStatementsBefore(statement, written.Select(line => line.Statement).ToList());
            }
        }
    }
}
