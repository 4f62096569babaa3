using Switcheroo.Engine.Analysis;
using Microsoft.Build.Framework;
using Switcheroo.Engine;
using Switcheroo.Engine.Session;

namespace Switcheroo.Build;

/// <summary>
/// The first step of a build's conversion: the <c>torch.nn.Module</c> subclasses of every source and
/// what files importing them need to know (<see cref="Engine.Binding.ProjectModules"/>), written to the modules file
/// (<c>obj/.../switcheroo.modules</c>) only when it changes. Every conversion depends on that file, so
/// a change to a class that other files use (a BatchNorm added) reconverts them, while an edit that
/// changes no class reconverts only its own file.
/// </summary>
public sealed class IndexTorchModules : Microsoft.Build.Utilities.Task
{
    /// <summary>All the project's sources, each with <c>SwitcherooModule</c> (its module path in the output folder).</summary>
    [Required]
    public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The modules file to write.</summary>
    [Required]
    public string ModulesFile { get; set; } = string.Empty;

    /// <summary>Where the summaries of the sources are kept between builds, so only changed sources are parsed.</summary>
    public string? CacheFile { get; set; }

    /// <summary>User maps, as <c>ConvertTorchSources</c> takes them: the traits they declare decide the class facts.</summary>
    public ITaskItem[] Maps { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The built-in maps folder; by default <c>mappings/</c> beside the engine assembly.</summary>
    public string? BuiltInMapsFolder { get; set; }

    public override bool Execute()
    {
        var log = new DiagnosticLog(Log, BuildEngine, treatWarningsAsErrors: false);
        try
        {
            // The maps' own problems are reported once, by ConvertTorchSources (which shares this load).
            var maps = MapSetCache.Load(BuildEngine, BuiltInMapsFolder ?? Engine.Mapping.MapCatalog.BuiltInFolder, Maps.Select(m => m.GetMetadata("FullPath")).ToList()).Maps;
            var cache = IndexCache.Parse(CacheFile is { Length: > 0 } && File.Exists(CacheFile) ? File.ReadAllText(CacheFile) : null, maps);
            var problems = new List<Engine.Diagnostics.Diagnostic>();
            var project = Pipeline.Index(maps, Sources.Select(item => (TaskInputs.ModulePath(item), item.GetMetadata("FullPath"))), cache, problems);
            log.Report(problems);
            bool written = AtomicFile.Write(ModulesFile, System.Text.Encoding.UTF8.GetBytes(project.Serialize()));
            if (CacheFile is { Length: > 0 })
            {
                AtomicFile.Write(CacheFile, System.Text.Encoding.UTF8.GetBytes(cache.Serialize()));
            }
            Log.LogMessage(MessageImportance.Low,
                $"Switcheroo: {project.Count} module classes in {Sources.Length} sources ({Sources.Length - cache.Reused} read){(written ? string.Empty : ", unchanged")}");
        }
        catch (Exception e) when (AtomicFile.IsExpected(e))
        {
            log.Report(new Engine.Diagnostics.Diagnostic(Engine.Diagnostics.DiagnosticCodes.OutputUnwritable, $"cannot write {ModulesFile}: {e.Message}", ModulesFile, 0, 0));
        }
        catch (Exception e)
        {
            log.Internal(e, null);
        }
        return !Log.HasLoggedErrors;
    }
}
