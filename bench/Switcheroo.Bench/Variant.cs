namespace Switcheroo.Bench;

/// <summary>Runtime settings, applied through DOTNET_* environment variables to a child benchmark process.</summary>
internal sealed record Variant(string Name, string Label, string Description, IReadOnlyList<(string Name, string Value)> Environment)
{
    public static readonly IReadOnlyList<Variant> Known = new[]
    {
        new Variant("server-gc-1heap", "server GC, one heap (`DOTNET_gcServer=1 DOTNET_GCHeapCount=1`)",
            "server GC's larger allocation budgets, but a single heap and GC thread, so collections still use one core; " +
            "shippable as `<ServerGarbageCollection>true</ServerGarbageCollection>` plus `System.GC.HeapCount: 1` in runtimeconfig.template.json",
            new[] { ("DOTNET_gcServer", "1"), ("DOTNET_GCHeapCount", "1") }),
        new Variant("server-gc", "server GC (`DOTNET_gcServer=1`): the `switcheroo` CLI as shipped",
            "what the CLI's `<ServerGarbageCollection>true</ServerGarbageCollection>` gives: one heap and GC thread per core, so collections use every core",
            new[] { ("DOTNET_gcServer", "1") }),
        new Variant("gen0-64mb", "workstation GC, 64 MB gen0 budget (`DOTNET_GCgen0size=0x4000000`)",
            "the MSBuild task's GC (workstation, concurrent) with a larger gen0 budget; the knob is read from the environment only (runtimeconfig does not take it)",
            new[] { ("DOTNET_GCgen0size", "0x4000000") }),
    };

    /// <summary>What `parse` runs unless told otherwise: the CLI's settings (each variant adds about a minute).</summary>
    public static IReadOnlyList<Variant> Default => Known.Where(v => v.Name == "server-gc").ToList();

    public static IReadOnlyList<Variant> Parse(string list)
    {
        if (list is "none" or "")
        {
            return Array.Empty<Variant>();
        }
        return list.Split(',').Select(name => Known.FirstOrDefault(v => v.Name == name)
            ?? throw new ArgumentException($"unknown variant {name}; known: {string.Join(", ", Known.Select(v => v.Name))}, none")).ToList();
    }
}
