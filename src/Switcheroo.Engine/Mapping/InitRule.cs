using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Which Flax initializer argument receives a torch layer parameter's initialisation (an entry's
/// <c>init</c>): <c>weight: kernel_init</c>, or <c>bias: {to: bias_init, present: bias}</c> when a
/// constructor argument decides whether the parameter exists, and <c>default</c> the initializers
/// that equal what the converted layer already does (an init statement writing one of them just goes).
/// </summary>
/// <param name="To">the Flax keyword argument (<c>kernel_init</c>, <c>scale_init</c>)</param>
/// <param name="Present">the torch constructor argument that removes the parameter when False (<c>bias</c>, <c>affine</c>), or null</param>
/// <param name="Defaults">initializer texts the converted layer already uses</param>
public sealed record InitRule(string To, string? Present, IReadOnlyList<string> Defaults)
{
    /// <summary>
    /// The factors of torch's fan-out of the parameter, read on the layer (<c>out_channels</c>,
    /// <c>kernel_size[0]</c>, <c>kernel_size[1]</c> for Conv2d's weight: <c>fan_out: "out_channels * kernel_size[0] * kernel_size[1]"</c>),
    /// which the converted layer's initializers compute as <c>variance_scaling</c>'s <c>"fan_out"</c>; empty when not given.
    /// </summary>
    public IReadOnlyList<string> FanOut { get; init; } = [];
}

/// <summary>
/// Reads an entry's <c>init</c> (docs/maps.md, "Initialisation"): a mapping from torch parameter
/// names to <see cref="InitRule"/>s. A malformed rule is SWR1017 at its YAML position; so is a
/// template entry whose template has no keyword argument to receive the initializer.
/// </summary>
internal static class InitReader
{
    private static readonly string[] Keys = ["to", "present", "default", "fan_out"];

    public static IReadOnlyDictionary<string, InitRule> Read(YamlMappingNode entry, IReadOnlyList<SourceParameter> parameters, YamlReader reader)
    {
        var rules = new Dictionary<string, InitRule>(StringComparer.Ordinal);
        if (YamlReader.Optional(entry, "init") is not { } node)
        {
            return rules;
        }
        if (node is not YamlMappingNode mapping)
        {
            reader.Report(DiagnosticCodes.MapInit, node, "'init' must be a mapping from torch parameter names to Flax initializer arguments, e.g. {weight: kernel_init}");
            return rules;
        }
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!PythonText.IsIdentifier(name))
            {
                reader.Report(DiagnosticCodes.MapInit, key, $"'init': '{name}' is not a torch parameter name");
                continue;
            }
            if (Rule(value, parameters, reader) is { } rule)
            {
                rules[name] = rule;
            }
        }
        return rules;
    }

    private static InitRule? Rule(YamlNode value, IReadOnlyList<SourceParameter> parameters, YamlReader reader)
    {
        if (value is YamlScalarNode scalar)
        {
            return Keyword(scalar.Value, value, reader) ? new InitRule(scalar.Value!, null, []) : null;
        }
        if (value is not YamlMappingNode mapping)
        {
            reader.Report(DiagnosticCodes.MapInit, value, "an init rule is a Flax argument name or {to: NAME, present: PARAM, default: [TEXT...]}");
            return null;
        }
        foreach (var (key, _) in mapping.Children)
        {
            if (!Keys.Contains((key as YamlScalarNode)?.Value))
            {
                reader.Report(DiagnosticCodes.MapInit, key, $"unknown init key '{(key as YamlScalarNode)?.Value}' (known keys: {string.Join(", ", Keys)})");
            }
        }
        var to = YamlReader.Optional(mapping, "to") is { } t ? (t as YamlScalarNode)?.Value : null;
        if (!Keyword(to, YamlReader.Optional(mapping, "to") ?? value, reader))
        {
            return null;
        }
        var present = YamlReader.Optional(mapping, "present") is { } p ? (p as YamlScalarNode)?.Value : null;
        if (YamlReader.Optional(mapping, "present") is { } presentNode && !parameters.Any(s => s.Name == present))
        {
            reader.Report(DiagnosticCodes.MapInit, presentNode, $"'present: {present}' is not a parameter of the entry");
            return null;
        }
        var fanOut = (YamlReader.Optional(mapping, "fan_out") as YamlScalarNode)?.Value?.Split('*').Select(f => f.Trim()).ToList() ?? [];
        if (YamlReader.Optional(mapping, "fan_out") is { } fanNode && (fanOut.Count == 0 || fanOut.Any(f =>
                System.Text.RegularExpressions.Regex.Match(f, @"^(\w+)(\[\d\])?$") is not { Success: true } factor || !parameters.Any(s => s.Name == factor.Groups[1].Value))))
        {
            reader.Report(DiagnosticCodes.MapInit, fanNode, "'fan_out' is a product of the entry's parameters, each alone or indexed: \"out_channels * kernel_size[0]\"");
            return null;
        }
        return new InitRule(to!, present, Defaults(mapping, reader)) { FanOut = fanOut };
    }

    private static List<string> Defaults(YamlMappingNode mapping, YamlReader reader)
    {
        var defaults = new List<string>();
        var node = YamlReader.Optional(mapping, "default");
        var items = node switch
        {
            null => [],
            YamlSequenceNode list => list.Children.ToList(),
            _ => [node],
        };
        foreach (var item in items)
        {
            var text = (item as YamlScalarNode)?.Value;
            var problem = text is null ? "not a string" : PythonText.ExpressionProblem(text);
            if (problem is not null)
            {
                reader.Report(DiagnosticCodes.MapInit, item, $"an init default must be a Python expression: {problem}");
                continue;
            }
            defaults.Add(text!);
        }
        return defaults;
    }

    private static bool Keyword(string? name, YamlNode node, YamlReader reader)
    {
        if (name is not null && PythonText.IsIdentifier(name))
        {
            return true;
        }
        reader.Report(DiagnosticCodes.MapInit, node, $"'{name}' is not a Flax keyword argument name");
        return false;
    }

    /// <summary>SWR1017 when a template entry's template has no keyword argument an initializer could join.</summary>
    public static void CheckTemplate(YamlMappingNode entry, MapEntry parsed, YamlReader reader)
    {
        if (parsed.Init.Count == 0 || parsed.Options.GetValueOrDefault("template") is not { } template)
        {
            return;
        }
        if (!TemplateKeywords.HasKeyword(template))
        {
            reader.Report(DiagnosticCodes.MapInit, YamlReader.Optional(entry, "init")!,
                "'init' needs a template that passes keyword arguments: the initializer is written as one of them");
        }
    }
}
