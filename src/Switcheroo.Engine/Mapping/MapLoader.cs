using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Reads one YAML map file into entries, import rules and module aliases. Bad YAML (SWR1001), schema violations
/// (SWR1002), duplicate entries (SWR1003), unknown hook names (SWR1004), malformed templates
/// (SWR1008), Python text that is not an expression (SWR1009), bad import rules (SWR1011) and hook
/// options (SWR1012, SWR1013) are reported at the YAML line and column; a bad entry is skipped,
/// the rest of the file still loads.
/// </summary>
public static class MapLoader
{
    public static MapFile Load(string path, string text, IReadOnlyDictionary<string, IReadOnlyList<HookOption>> hooks, ICollection<Diagnostic> diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.MapSyntax, $"invalid YAML: {e.Message}", path, (int)e.Start.Line, (int)e.Start.Column));
            return MapFile.Empty;
        }
        if (stream.Documents.Count == 0)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.MapSchema, "the map file is empty: expected 'version: 1' and 'entries'", path, 1, 1));
            return MapFile.Empty;
        }
        var reader = new YamlReader(path, diagnostics);
        if (reader.Mapping(stream.Documents[0].RootNode, "the map file") is not { } root)
        {
            return MapFile.Empty;
        }
        return new MapFile(ReadEntries(root, reader, hooks), ImportReader.Read(root, reader), AliasReader.Read(root, reader));
    }

    private static IReadOnlyList<MapEntry> ReadEntries(YamlMappingNode root, YamlReader reader, IReadOnlyDictionary<string, IReadOnlyList<HookOption>> hooks)
    {
        var entries = new List<MapEntry>();
        reader.OnlyKeys(root, "version", "imports", "aliases", "entries");
        if (reader.Required(root, "version") is { } version && reader.Scalar(version) != "1")
        {
            reader.Error(version, "unsupported map version: only 'version: 1' exists");
            return entries;
        }
        // A file may only declare imports (the built-in maps' imports.yaml does) or aliases.
        if ((YamlReader.Optional(root, "imports") is not null || YamlReader.Optional(root, "aliases") is not null)
            && YamlReader.Optional(root, "entries") is null)
        {
            return entries;
        }
        if (reader.Required(root, "entries") is not { } list || reader.Sequence(list, "'entries'") is not { } items)
        {
            return entries;
        }
        var seen = new Dictionary<string, MapEntry>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (EntryReader.Read(item, reader, hooks) is not { } entry)
            {
                continue;
            }
            if (seen.TryGetValue(entry.Torch, out var first))
            {
                reader.Report(DiagnosticCodes.MapDuplicate, item,
                    $"duplicate entry for '{entry.Torch}' (first at line {first.Location.Line})");
                continue;
            }
            seen.Add(entry.Torch, entry);
            entries.Add(entry);
        }
        return entries;
    }
}
