using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Loads map files from disk into a <see cref="MapSet"/>: every <c>*.yaml</c> of the built-in
/// folder (shipped beside the engine as <c>mappings/</c>) and the user's map files in order.
/// Unreadable files are SWR1007; everything else is reported by <see cref="MapLoader"/> and
/// <see cref="MapSet.Build"/>.
/// </summary>
public static class MapCatalog
{
    /// <summary>
    /// The built-in maps folder: <c>mappings/</c> next to the engine assembly. Not the host's base
    /// folder: inside MSBuild that is the SDK's folder, while the task and its maps live in the
    /// package's <c>tasks/</c> folder. Single-file hosts have no assembly location and use their own folder.
    /// </summary>
    public static string BuiltInFolder { get; } = Path.Combine(EngineFolder(), "mappings");

    private static string EngineFolder()
    {
        var location = typeof(MapCatalog).Assembly.Location;
        return string.IsNullOrEmpty(location) ? AppContext.BaseDirectory : Path.GetDirectoryName(location)!;
    }

    public static MapSet Load(string builtInFolder, IEnumerable<string> userMaps, IReadOnlyDictionary<string, IReadOnlyList<HookOption>> hooks, ICollection<Diagnostic> diagnostics)
    {
        var builtIn = Directory.Exists(builtInFolder)
            ? Directory.EnumerateFiles(builtInFolder, "*.yaml").Order(StringComparer.Ordinal).Select(f => LoadFile(f, hooks, diagnostics)).ToList()
            : new List<MapFile>();
        var user = userMaps.Select(f => LoadFile(f, hooks, diagnostics)).ToList();
        return MapSet.Build(builtIn, user, diagnostics);
    }

    private static MapFile LoadFile(string path, IReadOnlyDictionary<string, IReadOnlyList<HookOption>> hooks, ICollection<Diagnostic> diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.MapUnreadable, $"cannot read map file: {e.Message}", path, 0, 0));
            return MapFile.Empty;
        }
        return MapLoader.Load(path, text, hooks, diagnostics);
    }
}
