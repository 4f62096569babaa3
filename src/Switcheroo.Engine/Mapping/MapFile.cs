namespace Switcheroo.Engine.Mapping;

/// <summary>What one map file declares: its entries, its import rules and its module aliases, in file order.</summary>
public sealed record MapFile(IReadOnlyList<MapEntry> Entries, IReadOnlyList<ImportRule> Imports, IReadOnlyList<ModuleAlias> Aliases)
{
    public MapFile(IReadOnlyList<MapEntry> entries, IReadOnlyList<ImportRule> imports) : this(entries, imports, []) { }

    public static MapFile Empty { get; } = new([], [], []);
}
