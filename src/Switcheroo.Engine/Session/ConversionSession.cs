using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Emitting;

namespace Switcheroo.Engine.Session;

/// <summary>How a front end wants a session run.</summary>
public sealed class SessionOptions
{
    /// <summary>Whether a diagnostic keeps its file from being written (errors; the task adds warnings MSBuild promotes).</summary>
    public Func<Diagnostic, bool> FailsFile { get; init; } = d => d.Severity == Severity.Error;

    /// <summary>
    /// Write <c>switcheroo_runtime.py</c> where the outputs that use it import it from: beside a file in no
    /// package, in the top folder of a package (<see cref="PackageLayout.RuntimeDepth"/>). The CLI; the
    /// MSBuild task has a target of its own.
    /// </summary>
    public bool WriteRuntimeModules { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>Converts one file in place of the pipeline; tests use it to provoke failures the engine never has.</summary>
    public Func<Pipeline, SourceInput, byte[], ProjectModules, ConversionResult>? Converter { get; init; }
}

/// <summary>
/// The one orchestration every front end runs (the <c>switcheroo</c> CLI and the MSBuild task):
/// plan (collisions, outputs that are sources, confinement: <see cref="SessionPlan"/>) → index
/// (the module classes of every source, for imports between them, unless the caller brings it) →
/// convert each file in parallel → write its output through the <see cref="OutputStore"/>, or remove
/// the stale one Switcheroo wrote before → the runtime module → save the output record. Each file is
/// isolated: an unreadable file is SWR0001, an unexpected exception SWR9001 at that file (SWR9002 while
/// indexing); the others
/// still convert. A file with a failing diagnostic leaves no output, never a half-converted one.
/// </summary>
public sealed class ConversionSession(Pipeline pipeline, OutputStore store, SessionOptions? options = null)
{
    private readonly SessionOptions _options = options ?? new SessionOptions();

    public SessionReport Run(IReadOnlyList<SourceInput> inputs, ProjectModules? project = null)
    {
        var problems = new List<Diagnostic>();
        var (accepted, refused) = SessionPlan.Check(inputs, store);
        var indexProblems = new List<Diagnostic>();
        project ??= Pipeline.Index(pipeline.Maps, accepted.Select(i => (i.ModulePath, i.Source)), null, indexProblems);
        var indexFailures = indexProblems.ToLookup(d => d.File, OutputNaming.PathComparer);
        var outcomes = new FileOutcome[accepted.Count];
        var parallel = new ParallelOptions { CancellationToken = _options.Cancellation };
        Parallel.For(0, accepted.Count, parallel, i => outcomes[i] = ConvertAndWrite(accepted[i], project, indexFailures[accepted[i].Source]));
        if (_options.WriteRuntimeModules)
        {
            problems.AddRange(WriteRuntimeModules(outcomes));
        }
        problems.AddRange(SaveRecord());
        var byInput = outcomes.ToDictionary(o => o.Input);
        var files = inputs.Distinct().Select(input =>
                refused.TryGetValue(input, out var why) ? new FileOutcome(input, null, why, false)
                : byInput.TryGetValue(input, out var done) ? done
                : null)
            .Where(o => o is not null).Select(o => o!).ToList();
        return new SessionReport(files, problems);
    }

    /// <summary>Saves the record of outputs; the caller's own writes (a runtime module, removals) use this too.</summary>
    public IEnumerable<Diagnostic> SaveRecord()
    {
        try
        {
            store.Record.Save();
            return Array.Empty<Diagnostic>();
        }
        catch (Exception e) when (AtomicFile.IsExpected(e))
        {
            var file = store.Record.File ?? string.Empty;
            return new[] { new Diagnostic(DiagnosticCodes.OutputUnwritable, $"cannot write the record of outputs {file}: {e.Message}", file, 0, 0) };
        }
    }

    private FileOutcome ConvertAndWrite(SourceInput input, ProjectModules project, IEnumerable<Diagnostic> indexFailures)
    {
        var result = Convert(input, project);
        var diagnostics = result.Diagnostics.ToList();
        diagnostics.InsertRange(0, indexFailures);
        bool fails = result.Output is null || diagnostics.Any(_options.FailsFile);
        var written = fails
            ? store.Remove(input.Output, input.Source)
            : store.Write(input.Output, result.Encoding.GetBytes(result.Output!), input.Source);
        if (written is not null)
        {
            diagnostics.Add(written);
        }
        return new FileOutcome(input, result, diagnostics, !fails && written is null);
    }

    private ConversionResult Convert(SourceInput input, ProjectModules project)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(input.Source);
        }
        catch (Exception e) when (AtomicFile.IsExpected(e))
        {
            return Failed(input, new Diagnostic(DiagnosticCodes.FileUnreadable, $"cannot read file: {e.Message}", input.Source, 0, 0));
        }
        try
        {
            return _options.Converter?.Invoke(pipeline, input, bytes, project) ?? pipeline.Convert(input.Source, bytes, input.ModulePath, project);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(input, InternalError.WhileConverting(e, input.Source));
        }
    }

    private static ConversionResult Failed(SourceInput input, Diagnostic diagnostic) =>
        new(input.Source, null, new[] { diagnostic }, System.Text.Encoding.UTF8);

    private IEnumerable<Diagnostic> WriteRuntimeModules(IEnumerable<FileOutcome> outcomes)
    {
        var content = RuntimeModule.Bytes;
        var folders = outcomes
            .Where(o => o.Written && o.Result?.Output?.Contains("switcheroo_runtime", StringComparison.Ordinal) == true)
            .GroupBy(o => PackageLayout.RuntimeFolder(o.Input.Source, o.Input.ModulePath, o.Input.Output), OutputNaming.PathComparer)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var runtime = Path.Combine(folder.Key, RuntimeModule.FileName);
            if (store.Write(runtime, content, folder.First().Input.Source) is { } problem)
            {
                yield return problem;
            }
        }
    }
}
