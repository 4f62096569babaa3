namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What Python's builtins and progress bars make of the iterables the analysis follows through
/// loops: they pass the items through (<c>enumerate(loader)</c>, <c>tqdm(loader)</c>). What a torch
/// object yields is the maps' (<c>yields: tensors</c> on <c>DataLoader</c>: <see cref="Value.Iterable"/>).
/// </summary>
internal static class IterableObjects
{
    /// <summary>Callables whose result iterates like their first argument (<c>tqdm(loader)</c>, <c>list(xs)</c>).</summary>
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal)
    {
        "tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.notebook.tqdm",
    };

    private static readonly HashSet<string> SequenceBuiltins = new(StringComparer.Ordinal)
    {
        "list", "tuple", "iter", "reversed", "sorted",
    };

    public static bool PassesThrough(string qualifiedName) => PassThrough.Contains(qualifiedName);

    /// <summary>The value of a call of an unbound (builtin) name, from its arguments' values; null when not one of these.</summary>
    public static Value? Builtin(string name, IReadOnlyList<Value> positional) => name switch
    {
        "len" or "int" => Value.Int,
        "range" => Value.Sequence(Value.Int),
        "enumerate" when positional.Count >= 1 => Value.Sequence(Value.Tuple([Value.Int, positional[0].Iterate()])),
        "zip" when positional.Count >= 1 => Value.Sequence(Value.Tuple(positional.Select(p => p.Iterate()).ToList())),
        "next" when positional.Count == 1 => positional[0].Iterate(),
        _ when SequenceBuiltins.Contains(name) && positional.Count == 1 => Value.Sequence(positional[0].Iterate()),
        _ => null,
    };
}
