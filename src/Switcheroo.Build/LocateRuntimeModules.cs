using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Switcheroo.Engine.Emitting;
using Switcheroo.Engine.Session;

namespace Switcheroo.Build;

/// <summary>
/// Where the build writes <c>switcheroo_runtime.py</c>, by the engine's rule (<see cref="PackageLayout.RuntimeDepth"/>,
/// the rule the converted files' imports follow, and the CLI's): beside each output in no package, and
/// in the top output folder of each package. One path per folder, in the sources' order.
/// </summary>
public sealed class LocateRuntimeModules : Microsoft.Build.Utilities.Task
{
    /// <summary>The sources, each with <c>OutputFile</c> and <c>SwitcherooModule</c> (the module path, <c>proj/sub/net</c>).</summary>
    [Required]
    public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();

    [Output]
    public ITaskItem[] RuntimeModules { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var folders = new List<string>();
        var seen = new HashSet<string>(OutputNaming.PathComparer);
        foreach (var source in Sources)
        {
            var folder = PackageLayout.RuntimeFolder(source.GetMetadata("FullPath"), TaskInputs.ModulePath(source), source.GetMetadata("OutputFile"));
            if (seen.Add(folder))
            {
                folders.Add(folder);
            }
        }
        RuntimeModules = folders.Select(f => (ITaskItem)new TaskItem(Path.Combine(f, RuntimeModule.FileName))).ToArray();
        return !Log.HasLoggedErrors;
    }
}
