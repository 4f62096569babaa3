using Microsoft.Build.Framework;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Build;

/// <summary>One source, the full path of its output, and its stamp (empty when none): see <see cref="ConvertTorchSources"/>.</summary>
internal sealed record SourceFile(string Source, string Output, string Stamp, string ModulePath);

/// <summary>
/// Checks the task's items before anything is converted: every source needs its <c>OutputFile</c>
/// metadata (SWR0005), and no two sources may share an output (SWR0003; neither is converted, as
/// either would silently overwrite the other).
/// </summary>
internal sealed class ConversionPlan
{
    private static readonly StringComparer PathComparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    private ConversionPlan(IReadOnlyList<SourceFile> files) => Files = files;

    public IReadOnlyList<SourceFile> Files { get; }

    public static ConversionPlan Create(IEnumerable<ITaskItem> items, DiagnosticLog log)
    {
        var files = new List<SourceFile>();
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
            files.Add(new SourceFile(source, Path.GetFullPath(output), stamp.Length == 0 ? string.Empty : Path.GetFullPath(stamp), IndexTorchModules.ModulePath(item)));
        }
        var kept = new List<SourceFile>();
        foreach (var group in files.GroupBy(f => f.Output, PathComparer))
        {
            var sources = group.Select(f => f.Source).Distinct(PathComparer).ToList();
            if (sources.Count == 1)
            {
                kept.Add(group.First());
                continue;
            }
            foreach (var source in sources)
            {
                log.Report(new Diagnostic(DiagnosticCodes.OutputCollision,
                    $"{string.Join(" and ", sources)} would all be converted to {group.Key}; give one of them another Link", source, 0, 0));
            }
        }
        return new ConversionPlan(kept);
    }
}
