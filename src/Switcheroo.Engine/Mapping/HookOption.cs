namespace Switcheroo.Engine.Mapping;

/// <summary>What an option's value must be; checked when the maps load.</summary>
public enum OptionType
{
    /// <summary>Python expression text with <c>{param}</c> placeholders (docs/maps.md, "Hooks").</summary>
    Template,

    /// <summary>A qualified target name (<c>jax.numpy.reshape</c>) in a module some map declares an import for.</summary>
    Target,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Flag,

    /// <summary>One of <see cref="HookOption.Choices"/>.</summary>
    Choice,
}

/// <summary>
/// One option a hook accepts in a map entry's <c>options</c>: its name, type and whether it is
/// required. A hook declares its options so a misspelt key or a bad value is reported where the
/// map says it (SWR1012, SWR1013), not at every use.
/// </summary>
public sealed record HookOption(string Name, OptionType Type, bool Required = false)
{
    /// <summary>For <see cref="OptionType.Choice"/>: the accepted values.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>For <see cref="OptionType.Template"/>: placeholder names the hook supplies beyond the entry's <c>params</c>.</summary>
    public IReadOnlyList<string> Placeholders { get; init; } = [];

    public static HookOption Template(params string[] placeholders) =>
        new("template", OptionType.Template, Required: true) { Placeholders = placeholders };
}
