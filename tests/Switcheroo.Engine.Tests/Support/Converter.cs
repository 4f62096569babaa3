using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Engine.Tests.Support;

/// <summary>The built-in maps (from the repository's mappings/) and a pipeline over them, loaded once for all tests.</summary>
public static class Converter
{
    private static readonly Lazy<(MapSet Maps, IReadOnlyList<Diagnostic> Problems)> Loaded = new(() =>
    {
        var problems = new List<Diagnostic>();
        var maps = MapCatalog.Load(RepositoryPaths.Mappings, Array.Empty<string>(), HookRegistry.BuiltIn.Signatures, problems);
        return (maps, problems);
    });

    public static MapSet BuiltInMaps => Loaded.Value.Maps;

    public static IReadOnlyList<Diagnostic> BuiltInMapProblems => Loaded.Value.Problems;

    public static Pipeline Pipeline { get; } = new(BuiltInMaps, HookRegistry.BuiltIn);

    public static ConversionResult Convert(string source, string path = "input.torch.py") =>
        Pipeline.Convert(path, System.Text.Encoding.UTF8.GetBytes(source));
}
