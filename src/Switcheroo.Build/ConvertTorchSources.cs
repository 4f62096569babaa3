using Switcheroo.Engine.Analysis;
using System.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Switcheroo.Engine;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Session;

namespace Switcheroo.Build;

/// <summary>
/// Converts the <c>TorchSource</c> items MSBuild found out of date, each to its <c>OutputFile</c>
/// metadata, through the engine's <see cref="ConversionSession"/> (the same one the CLI runs:
/// collisions, confinement to <see cref="OutputRoot"/>, the record of outputs, atomic writes,
/// per-file isolation). An output is rewritten only when its content changes, so its timestamp
/// cannot tell MSBuild that the source was converted; the optional <c>StampFile</c> metadata names a
/// file the task touches after each successful conversion, for the target's <c>Outputs</c>.
/// Diagnostics are logged afterwards in source order. A file whose conversion fails the build (an
/// error, or a warning promoted to one) leaves no output, so the next build converts and reports it
/// again. Ends with one summary line at normal importance:
/// <c>Switcheroo: 12 files converted, 3 warnings (140 ms)</c>.
/// </summary>
public sealed class ConvertTorchSources : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The sources to convert, each with <c>OutputFile</c> and optionally <c>StampFile</c> and <c>SwitcherooModule</c>.</summary>
    [Required]
    public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>User maps, layered over the built-in maps in this order.</summary>
    public ITaskItem[] Maps { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The built-in maps folder; by default <c>mappings/</c> beside the engine assembly.</summary>
    public string? BuiltInMapsFolder { get; set; }

    /// <summary>Report Switcheroo's warnings as errors (<c>SwitcherooTreatWarningsAsErrors</c>).</summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>The folder every output must stay in (SWR0008 otherwise); empty: not checked.</summary>
    public string? OutputRoot { get; set; }

    /// <summary>The record of the files Switcheroo wrote for this project (<see cref="OutputRecord"/>); empty: kept in memory.</summary>
    public string? RecordFile { get; set; }

    /// <summary>The outputs now on disk (written or already up to date).</summary>
    [Output]
    public ITaskItem[] ConvertedFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>The modules file <see cref="IndexTorchModules"/> wrote: the module classes of all sources, for imports between them.</summary>
    public string? ModulesFile { get; set; }

    /// <summary>Converts one file; tests replace it to provoke failures the engine never has.</summary>
    internal Func<Pipeline, string, byte[], ConversionResult>? Converter { get; init; }

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        var clock = Stopwatch.StartNew();
        var log = new DiagnosticLog(Log, BuildEngine, TreatWarningsAsErrors);
        try
        {
            var inputs = TaskInputs.Read(Sources, log);
            var store = TaskInputs.Store(OutputRoot, RecordFile);
            var maps = MapSetCache.Load(BuildEngine, BuiltInMapsFolder ?? MapCatalog.BuiltInFolder, Maps.Select(m => m.GetMetadata("FullPath")).ToList());
            log.Report(maps.Diagnostics);
            var session = new ConversionSession(new Pipeline(maps.Maps, HookRegistry.BuiltIn), store, new SessionOptions
            {
                FailsFile = log.FailsTheBuild,
                Cancellation = _cancellation.Token,
                Converter = Converter is null ? null : (pipeline, input, bytes, _) => Converter(pipeline, input.Source, bytes),
            });
            if (maps.HasErrors)
            {
                // No source can be converted with broken maps: none keeps an output from before them.
                RemoveOutputs(inputs, store, log);
                log.Report(session.SaveRecord());
                return false;
            }
            var project = ModulesFile is { Length: > 0 } modules && File.Exists(modules) ? ProjectModules.Parse(File.ReadAllText(modules)) : ProjectModules.Empty;
            var report = session.Run(inputs.Select(i => i.Input).ToList(), project);
            var converted = Complete(inputs, report, store, log);
            ConvertedFiles = converted.Select(f => (ITaskItem)new TaskItem(f)).ToArray();
            Log.LogMessage(MessageImportance.Normal, Summary(converted.Count, log, clock));
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // Outputs already written are complete files; the stamps of the rest were not touched.
            Log.LogMessage(MessageImportance.Normal, "Switcheroo: cancelled");
            return false;
        }
        catch (Exception e)
        {
            log.Internal(e, null);
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Logs each file's diagnostics in source order and moves its stamp.</summary>
    private static List<string> Complete(IReadOnlyList<TaskInput> inputs, SessionReport report, OutputStore store, DiagnosticLog log)
    {
        log.Report(report.Problems);
        var stamps = inputs.ToDictionary(i => i.Input, i => i.Stamp);
        var converted = new List<string>();
        foreach (var file in report.Files)
        {
            log.Report(file.Diagnostics);
            MoveStamp(file.Input, stamps[file.Input], file.Written, store, log);
            if (file.Written)
            {
                converted.Add(file.Input.Output);
            }
        }
        return converted;
    }

    private static void RemoveOutputs(IEnumerable<TaskInput> inputs, OutputStore store, DiagnosticLog log)
    {
        foreach (var (input, stamp) in inputs)
        {
            if (store.Remove(input.Output, input.Source) is { } problem)
            {
                log.Report(problem);
            }
            MoveStamp(input, stamp, written: false, store, log);
        }
    }

    /// <summary>
    /// Touches a source's stamp when its output is on disk, so MSBuild skips it next time, and removes
    /// it when not, so the next build converts it again; a stamp whose output would lie outside the
    /// output folder is never touched (its path climbs out just as the output's does).
    /// </summary>
    private static void MoveStamp(SourceInput input, string stamp, bool written, OutputStore store, DiagnosticLog log)
    {
        if (stamp.Length == 0 || store.Refusal(input.Output, input.Source) is not null)
        {
            return;
        }
        try
        {
            if (written)
            {
                TaskInputs.Touch(stamp);
            }
            else
            {
                File.Delete(stamp);
            }
        }
        catch (Exception e) when (AtomicFile.IsExpected(e))
        {
            log.Report(new Diagnostic(DiagnosticCodes.OutputUnwritable, $"cannot write or remove {stamp}: {e.Message}", input.Source, 0, 0));
        }
    }

    private static string Summary(int converted, DiagnosticLog log, Stopwatch clock)
    {
        var errors = log.Errors > 0 ? $", {log.Errors} error{(log.Errors == 1 ? "" : "s")}" : string.Empty;
        return $"Switcheroo: {converted} file{(converted == 1 ? "" : "s")} converted, {log.Warnings} warning{(log.Warnings == 1 ? "" : "s")}{errors} ({clock.ElapsedMilliseconds} ms)";
    }
}
