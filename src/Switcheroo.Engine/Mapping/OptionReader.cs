using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Reads a hook entry's <c>options</c> against the options its hook declares: an unknown key or a
/// missing required one is SWR1012, a value of the wrong type SWR1013, each at its YAML position.
/// Templates are checked as templates and as Python by <see cref="TextChecks"/>.
/// </summary>
internal static class OptionReader
{
    public static Dictionary<string, string> Read(YamlMappingNode entry, string? hook, IReadOnlyList<HookOption>? declared, YamlReader reader)
    {
        var node = YamlReader.Optional(entry, "options");
        if (hook is null || declared is null)
        {
            if (node is not null && hook is null)
            {
                reader.Error(node, "'options' belong to a hook: this entry has no 'hook'");
            }
            return node is null ? new Dictionary<string, string>() : reader.StringMap(node, "'options'");
        }
        var options = node is null ? new Dictionary<string, string>() : reader.StringMap(node, "'options'");
        var mapping = node as YamlMappingNode;
        bool misspelt = false;
        foreach (var (key, value) in mapping?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var name = (key as YamlScalarNode)?.Value;
            if (declared.FirstOrDefault(o => o.Name == name) is not { } option)
            {
                reader.Report(DiagnosticCodes.MapHookOption, key, declared.Count == 0
                    ? $"hook '{hook}' takes no options, not '{name}'"
                    : $"hook '{hook}' has no option '{name}' (its options: {string.Join(", ", declared.Select(o => o.Name))})");
                options.Remove(name ?? string.Empty);
                misspelt = true;
            }
            else if (name is not null && options.TryGetValue(name, out var text) && TypeProblem(option, text) is { } problem)
            {
                reader.Report(DiagnosticCodes.MapHookOptionType, value, $"option '{name}' of hook '{hook}' {problem}");
                options.Remove(name);
            }
        }
        // A misspelt key is the mistake to report, not the required option it was meant to be.
        foreach (var missing in declared.Where(o => !misspelt && o.Required && mapping?.Children.ContainsKey(new YamlScalarNode(o.Name)) != true))
        {
            reader.Report(DiagnosticCodes.MapHookOption, (YamlNode?)node ?? entry, $"hook '{hook}' needs the option '{missing.Name}'");
        }
        return options;
    }

    private static string? TypeProblem(HookOption option, string text) => option.Type switch
    {
        OptionType.Flag when text is not ("true" or "false") => "must be true or false",
        OptionType.Choice when !option.Choices.Contains(text) => $"must be one of: {string.Join(", ", option.Choices)}",
        OptionType.Target when !PythonText.IsDottedName(text) => $"must be a qualified name such as jax.numpy.reshape, not '{text}'",
        _ => null,
    };

    /// <summary>The YAML node of an option's value, for positions of later checks.</summary>
    public static YamlNode? ValueNode(YamlMappingNode entry, string name) =>
        YamlReader.Optional(entry, "options") is YamlMappingNode options ? YamlReader.Optional(options, name) : null;
}
