namespace Switcheroo.Engine.Mapping;

/// <summary>What one map file declares: its entries and its import rules, in file order.</summary>
public sealed record MapFile(IReadOnlyList<MapEntry> Entries, IReadOnlyList<ImportRule> Imports)
{
    public static MapFile Empty { get; } = new([], []);
}
