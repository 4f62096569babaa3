using Microsoft.Build.Framework;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Emitting;

namespace Switcheroo.Build;

/// <summary>
/// Writes <c>switcheroo_runtime.py</c> (the engine's <see cref="RuntimeModule"/>) to each given
/// path, the folders that hold converted files, so converted modules can import it as a sibling.
/// Like converted files, it is written atomically and only when its content changed.
/// </summary>
public sealed class WriteRuntimeModules : Microsoft.Build.Utilities.Task
{
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var log = new DiagnosticLog(Log, BuildEngine, treatWarningsAsErrors: false);
        var content = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(RuntimeModule.Text);
        foreach (var path in Files.Select(f => f.GetMetadata("FullPath")))
        {
            try
            {
                OutputWriter.Write(path, content);
            }
            catch (Exception e) when (OutputWriter.IsExpected(e))
            {
                log.Report(new Diagnostic(DiagnosticCodes.OutputUnwritable, $"cannot write {path}: {e.Message}", path, 0, 0));
            }
            catch (Exception e)
            {
                log.Internal(e, path);
            }
        }
        return !Log.HasLoggedErrors;
    }
}
