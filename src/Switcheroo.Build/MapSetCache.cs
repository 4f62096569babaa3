using Microsoft.Build.Framework;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Build;

/// <summary>The maps in force for a project, with the diagnostics loading them produced (replayed to every project that uses them).</summary>
internal sealed record LoadedMaps(MapSet Maps, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Loads the maps once per build and build node. The cache lives in MSBuild's registered task
/// objects with the <c>Build</c> lifetime, so it is dropped when the build ends (a reused node never
/// sees last build's maps). Sharing across projects is safe because a <see cref="MapSet"/> is
/// immutable once built, and because the key is every map file's full path, size and timestamp: a
/// project with other user maps, or a map regenerated during the build, gets its own entry.
/// </summary>
internal static class MapSetCache
{
    public static LoadedMaps Load(IBuildEngine? engine, string builtInFolder, IReadOnlyList<string> userMaps)
    {
        var host = engine as IBuildEngine4;
        var key = Key(builtInFolder, userMaps);
        if (host?.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is LoadedMaps cached)
        {
            return cached;
        }
        var diagnostics = new List<Diagnostic>();
        var maps = MapCatalog.Load(builtInFolder, userMaps, HookRegistry.BuiltIn.Signatures, diagnostics);
        var loaded = new LoadedMaps(maps, diagnostics);
        host?.RegisterTaskObject(key, loaded, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: true);
        return loaded;
    }

    private static string Key(string builtInFolder, IReadOnlyList<string> userMaps)
    {
        var builtIn = Directory.Exists(builtInFolder) ? Directory.EnumerateFiles(builtInFolder, "*.yaml").Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        var stamps = builtIn.Append("|").Concat(userMaps).Select(Stamp);
        return "Switcheroo.Maps:" + string.Join(";", stamps);
    }

    private static string Stamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? $"{file.FullName}@{file.Length}@{file.LastWriteTimeUtc.Ticks}" : path;
    }
}
