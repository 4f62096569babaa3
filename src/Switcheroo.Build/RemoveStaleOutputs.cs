using Microsoft.Build.Framework;
using Switcheroo.Engine.Session;

namespace Switcheroo.Build;

/// <summary>
/// Removes the outputs of sources that are gone: every file in the project's record of outputs
/// (<see cref="OutputRecord"/>) that is not among this build's <see cref="Expected"/> outputs. Only
/// files Switcheroo wrote are in the record, so a hand-written file beside the outputs, or another
/// project's output in a shared folder, is never removed.
/// </summary>
public sealed class RemoveStaleOutputs : Microsoft.Build.Utilities.Task
{
    /// <summary>Every output and runtime module this build will have.</summary>
    public ITaskItem[] Expected { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string RecordFile { get; set; } = string.Empty;

    public override bool Execute()
    {
        var log = new DiagnosticLog(Log, BuildEngine, treatWarningsAsErrors: false);
        try
        {
            var store = TaskInputs.Store(null, RecordFile);
            var expected = new HashSet<string>(Expected.Select(e => e.GetMetadata("FullPath")), OutputNaming.PathComparer);
            foreach (var stale in store.Record.Paths.Where(p => !expected.Contains(p)))
            {
                if (!File.Exists(stale))
                {
                    store.Record.Forget(stale);
                }
                else if (store.Remove(stale, stale) is { } problem)
                {
                    log.Report(problem);
                }
                else
                {
                    Log.LogMessage(MessageImportance.Low, $"Switcheroo: removed {stale}, whose source is gone");
                }
            }
            store.Record.Save();
        }
        catch (Exception e) when (AtomicFile.IsExpected(e))
        {
            log.Report(new Engine.Diagnostics.Diagnostic(Engine.Diagnostics.DiagnosticCodes.OutputUnwritable, $"cannot write the record of outputs {RecordFile}: {e.Message}", RecordFile, 0, 0));
        }
        catch (Exception e)
        {
            log.Internal(e, null);
        }
        return !Log.HasLoggedErrors;
    }
}
