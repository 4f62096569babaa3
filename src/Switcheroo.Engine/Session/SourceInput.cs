using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Session;

/// <summary>One file of a session: the source's full path, its output's full path and its module path (<see cref="OutputNaming"/>).</summary>
public sealed record SourceInput(string Source, string Output, string ModulePath);

/// <summary>
/// What happened to one source: its conversion (null when it never ran: the source was refused
/// before converting), every diagnostic about it (conversion, writing, refusals) in position
/// order, and whether its output is on disk now (written, or already up to date).
/// </summary>
public sealed record FileOutcome(SourceInput Input, ConversionResult? Result, IReadOnlyList<Diagnostic> Diagnostics, bool Written);

/// <summary>The outcomes of a session, in the order of its inputs, and the problems that concern no single source.</summary>
public sealed record SessionReport(IReadOnlyList<FileOutcome> Files, IReadOnlyList<Diagnostic> Problems)
{
    public IEnumerable<Diagnostic> Diagnostics => Problems.Concat(Files.SelectMany(f => f.Diagnostics));

    public int Count(Severity severity) => Diagnostics.Count(d => d.Severity == severity);
}
