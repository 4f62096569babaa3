using Microsoft.Build.Framework;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Session;

namespace Switcheroo.Build;

/// <summary>One source item as the session sees it, with its stamp (empty when none).</summary>
internal sealed record TaskInput(SourceInput Input, string Stamp);

/// <summary>
/// What the tasks share about their items: every source needs its <c>OutputFile</c> metadata
/// (SWR0005); its module path is its <c>SwitcherooModule</c> metadata, as the build files set it;
/// outputs go through one <see cref="OutputStore"/> confined to the output folder with the
/// project's record of outputs.
/// </summary>
internal static class TaskInputs
{
    public static List<TaskInput> Read(IEnumerable<ITaskItem> items, DiagnosticLog log)
    {
        var inputs = new List<TaskInput>();
        foreach (var item in items)
        {
            var source = item.GetMetadata("FullPath");
            var output = item.GetMetadata("OutputFile");
            if (output.Length == 0)
            {
                log.Report(new Diagnostic(DiagnosticCodes.SourceWithoutOutput, $"TorchSource '{item.ItemSpec}' has no OutputFile metadata", source, 0, 0));
                continue;
            }
            var stamp = item.GetMetadata("StampFile");
            inputs.Add(new TaskInput(new SourceInput(source, Path.GetFullPath(output), ModulePath(item)), stamp.Length == 0 ? string.Empty : Path.GetFullPath(stamp)));
        }
        return inputs;
    }

    public static OutputStore Store(string? outputRoot, string? recordFile) => new(
        string.IsNullOrEmpty(outputRoot) ? null : outputRoot,
        string.IsNullOrEmpty(recordFile) ? OutputRecord.InMemory() : OutputRecord.Load(recordFile));

    /// <summary>The item's module path, as the build files set it (the file's own name when a custom target did not).</summary>
    public static string ModulePath(ITaskItem item)
    {
        var module = item.GetMetadata("SwitcherooModule");
        return module.Length > 0
            ? module.Replace('\\', '/')
            : OutputNaming.ModulePath(OutputNaming.RelativeOutput(item.GetMetadata("Filename") + item.GetMetadata("Extension")));
    }

    /// <summary>Creates an empty file or moves its timestamp to now (nothing for an empty path).</summary>
    public static void Touch(string path)
    {
        if (path.Length == 0)
        {
            return;
        }
        if (File.Exists(path))
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Array.Empty<byte>());
    }
}
