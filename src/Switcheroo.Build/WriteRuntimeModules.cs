using Microsoft.Build.Framework;
using Switcheroo.Engine.Emitting;
using Switcheroo.Engine.Session;

namespace Switcheroo.Build;

/// <summary>
/// Writes <c>switcheroo_runtime.py</c> (the engine's <see cref="RuntimeModule"/>) to each given
/// path: beside converted files in no package, which import it as a sibling, and in the top output
/// folder of each package, whose files import it relatively (<see cref="LocateRuntimeModules"/> finds the paths by the
/// engine's rule, <see cref="PackageLayout.RuntimeDepth"/>).
/// Like converted files, it goes through the <see cref="OutputStore"/>: written atomically, only
/// when its content changed, never over a file Switcheroo did not write (SWR0007), and never outside
/// <see cref="OutputRoot"/> (such a path is skipped: the conversion of its source reported SWR0008).
/// </summary>
public sealed class WriteRuntimeModules : Microsoft.Build.Utilities.Task
{
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The folder every output must stay in; empty: not checked.</summary>
    public string? OutputRoot { get; set; }

    /// <summary>The project's record of outputs (<see cref="OutputRecord"/>); empty: kept in memory.</summary>
    public string? RecordFile { get; set; }

    public override bool Execute()
    {
        var log = new DiagnosticLog(Log, BuildEngine, treatWarningsAsErrors: false);
        try
        {
            var store = TaskInputs.Store(OutputRoot, RecordFile);
            var content = RuntimeModule.Bytes;
            foreach (var path in Files.Select(f => f.GetMetadata("FullPath")))
            {
                if (store.Refusal(path, path) is null && store.Write(path, content, path) is { } problem)
                {
                    log.Report(problem);
                }
            }
            store.Record.Save();
        }
        catch (Exception e) when (AtomicFile.IsExpected(e))
        {
            log.Report(new Engine.Diagnostics.Diagnostic(Engine.Diagnostics.DiagnosticCodes.OutputUnwritable, $"cannot write the record of outputs {RecordFile}: {e.Message}", RecordFile ?? string.Empty, 0, 0));
        }
        catch (Exception e)
        {
            log.Internal(e, null);
        }
        return !Log.HasLoggedErrors;
    }
}
