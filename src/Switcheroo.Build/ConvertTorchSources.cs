using System.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Switcheroo.Engine;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Build;

/// <summary>
/// Converts the <c>TorchSource</c> items MSBuild found out of date, each to its <c>OutputFile</c>
/// metadata. An output is rewritten only when its content changes, so its timestamp cannot tell
/// MSBuild that the source was converted; the optional <c>StampFile</c> metadata names a file the
/// task touches after each successful conversion, for the target's <c>Outputs</c>. Files convert in parallel; diagnostics are logged afterwards in source order. A file
/// whose conversion fails the build (an error, or a warning promoted to one) leaves no output, so
/// the next build converts and reports it again. Unexpected exceptions become SWR9001 at the file,
/// never a crashed build. Ends with one summary line at normal importance:
/// <c>Switcheroo: 12 files converted, 3 warnings (140 ms)</c>.
/// </summary>
public sealed class ConvertTorchSources : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The sources to convert, each with <c>OutputFile</c> and optionally <c>StampFile</c>.</summary>
    [Required]
    public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>User maps, layered over the built-in maps in this order.</summary>
    public ITaskItem[] Maps { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The built-in maps folder; by default <c>mappings/</c> beside the engine assembly.</summary>
    public string? BuiltInMapsFolder { get; set; }

    /// <summary>Report Switcheroo's warnings as errors (<c>SwitcherooTreatWarningsAsErrors</c>).</summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>The outputs now on disk (written or already up to date).</summary>
    [Output]
    public ITaskItem[] ConvertedFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>The modules file <see cref="IndexTorchModules"/> wrote: the module classes of all sources, for imports between them.</summary>
    public string? ModulesFile { get; set; }

    /// <summary>Converts one file; tests replace it to provoke failures the engine never has.</summary>
    internal Func<Pipeline, string, byte[], ConversionResult>? Converter { get; init; }

    private ProjectModules _project = ProjectModules.Empty;

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        var clock = Stopwatch.StartNew();
        var log = new DiagnosticLog(Log, BuildEngine, TreatWarningsAsErrors);
        try
        {
            var plan = ConversionPlan.Create(Sources, log);
            var maps = MapSetCache.Load(BuildEngine, BuiltInMapsFolder ?? MapCatalog.BuiltInFolder, Maps.Select(m => m.GetMetadata("FullPath")).ToList());
            log.Report(maps.Diagnostics);
            if (maps.HasErrors)
            {
                RemoveOutputs(plan.Files, log);
                return false;
            }
            _project = ModulesFile is { Length: > 0 } modules && File.Exists(modules) ? ProjectModules.Parse(File.ReadAllText(modules)) : ProjectModules.Empty;
            var results = Convert(plan.Files, new Pipeline(maps.Maps, HookRegistry.BuiltIn));
            var converted = Complete(plan.Files, results, log);
            ConvertedFiles = converted.Select(f => (ITaskItem)new TaskItem(f.Output)).ToArray();
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

    private ConversionResult[] Convert(IReadOnlyList<SourceFile> files, Pipeline pipeline)
    {
        var results = new ConversionResult[files.Count];
        var options = new ParallelOptions { CancellationToken = _cancellation.Token };
        Parallel.For(0, files.Count, options, i => results[i] = ConvertOne(pipeline, files[i]));
        return results;
    }

    private ConversionResult ConvertOne(Pipeline pipeline, SourceFile file)
    {
        var path = file.Source;
        try
        {
            var bytes = File.ReadAllBytes(path);
            return Converter?.Invoke(pipeline, path, bytes) ?? pipeline.Convert(path, bytes, file.ModulePath, _project);
        }
        catch (Exception e) when (OutputWriter.IsExpected(e))
        {
            var unreadable = new Diagnostic(DiagnosticCodes.FileUnreadable, $"cannot read file: {e.Message}", path, 0, 0);
            return new ConversionResult(path, null, new[] { unreadable }, System.Text.Encoding.UTF8);
        }
        catch (Exception e)
        {
            return new ConversionResult(path, null, new[] { DiagnosticLog.InternalError(e, path) }, System.Text.Encoding.UTF8);
        }
    }

    /// <summary>Logs each file's diagnostics, then writes its output or removes a stale one.</summary>
    private List<SourceFile> Complete(IReadOnlyList<SourceFile> files, ConversionResult[] results, DiagnosticLog log)
    {
        var converted = new List<SourceFile>();
        for (int i = 0; i < files.Count; i++)
        {
            _cancellation.Token.ThrowIfCancellationRequested();
            log.Report(results[i].Diagnostics);
            bool fails = results[i].Output is null || results[i].Diagnostics.Any(log.FailsTheBuild);
            try
            {
                if (fails)
                {
                    OutputWriter.Remove(files[i].Output);
                    OutputWriter.Remove(files[i].Stamp);
                    continue;
                }
                OutputWriter.Write(files[i].Output, results[i].Encoding.GetBytes(results[i].Output!));
                OutputWriter.Touch(files[i].Stamp);
                converted.Add(files[i]);
            }
            catch (Exception e) when (OutputWriter.IsExpected(e))
            {
                log.Report(new Diagnostic(DiagnosticCodes.OutputUnwritable, $"cannot {(fails ? "remove" : "write")} {files[i].Output}: {e.Message}", files[i].Source, 0, 0));
            }
        }
        return converted;
    }

    private static void RemoveOutputs(IEnumerable<SourceFile> files, DiagnosticLog log)
    {
        foreach (var file in files)
        {
            try
            {
                OutputWriter.Remove(file.Output);
                OutputWriter.Remove(file.Stamp);
            }
            catch (Exception e) when (OutputWriter.IsExpected(e))
            {
                log.Report(new Diagnostic(DiagnosticCodes.OutputUnwritable, $"cannot remove {file.Output}: {e.Message}", file.Source, 0, 0));
            }
        }
    }

    private static string Summary(int converted, DiagnosticLog log, Stopwatch clock)
    {
        var errors = log.Errors > 0 ? $", {log.Errors} error{(log.Errors == 1 ? "" : "s")}" : string.Empty;
        return $"Switcheroo: {converted} file{(converted == 1 ? "" : "s")} converted, {log.Warnings} warning{(log.Warnings == 1 ? "" : "s")}{errors} ({clock.ElapsedMilliseconds} ms)";
    }
}
