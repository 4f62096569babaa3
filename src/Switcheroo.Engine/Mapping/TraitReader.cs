using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Reads an entry's <c>traits</c> (<see cref="TorchTraits"/>): an unknown trait, collection or RNG
/// stream is SWR1014, a value of the wrong type SWR1015, each at its YAML position; a template that
/// uses <c>{@train}</c> or <c>{@key}</c> without declaring <c>train_dependent</c> or the <c>noise</c>
/// stream is SWR1016, so the facts a conversion relies on cannot drift from what it writes.
/// </summary>
internal static class TraitReader
{
    private static readonly string[] Keys = ["train_dependent", "collections", "rng", "stateless"];

    private static readonly Dictionary<string, TorchTraits> Collections = new(StringComparer.Ordinal)
    {
        ["batch_stats"] = TorchTraits.BatchStats,
    };

    private static readonly Dictionary<string, TorchTraits> Streams = new(StringComparer.Ordinal)
    {
        ["dropout"] = TorchTraits.DropoutRng,
        ["noise"] = TorchTraits.NoiseRng,
    };

    public static TorchTraits Read(YamlMappingNode entry, YamlReader reader)
    {
        if (YamlReader.Optional(entry, "traits") is not { } node)
        {
            return TorchTraits.None;
        }
        if (node is not YamlMappingNode mapping)
        {
            reader.Report(DiagnosticCodes.MapTraitType, node, "'traits' must be a mapping, e.g. {rng: [dropout], train_dependent: true}");
            return TorchTraits.None;
        }
        var traits = TorchTraits.None;
        foreach (var (key, value) in mapping.Children)
        {
            switch ((key as YamlScalarNode)?.Value)
            {
                case "train_dependent":
                    traits |= Flag(value, "train_dependent", TorchTraits.TrainDependent, reader);
                    break;
                case "stateless":
                    traits |= Flag(value, "stateless", TorchTraits.Stateless, reader);
                    break;
                case "collections":
                    traits |= Names(value, "collections", Collections, "variable collection", reader);
                    break;
                case "rng":
                    traits |= Names(value, "rng", Streams, "RNG stream", reader);
                    break;
                case var name:
                    reader.Report(DiagnosticCodes.MapTrait, key, $"unknown trait '{name}' (known traits: {string.Join(", ", Keys)})");
                    break;
            }
        }
        return traits;
    }

    /// <summary>SWR1016 for each template option that uses the train flag or a random key its traits do not declare.</summary>
    public static void CheckTemplates(YamlMappingNode entry, MapEntry read, IReadOnlyList<HookOption>? options, YamlReader reader)
    {
        var templates = (options?.Where(o => o.Type == OptionType.Template) ?? [])
            .Select(o => (What: $"option '{o.Name}'", Text: read.Options.GetValueOrDefault(o.Name), Node: OptionReader.ValueNode(entry, o.Name)))
            .Append((What: "'value'", Text: read.AsValue, Node: YamlReader.Optional(entry, "value")));
        foreach (var (what, template, node) in templates)
        {
            if (template is null || node is null)
            {
                continue;
            }
            if (template.Contains("{@train}", StringComparison.Ordinal) && !read.Traits.HasFlag(TorchTraits.TrainDependent))
            {
                reader.Report(DiagnosticCodes.MapTraitUndeclared, node,
                    $"{what} uses {{@train}}: declare 'traits: {{train_dependent: true}}' so the converted module gets its train field");
            }
            if (template.Contains("{@key}", StringComparison.Ordinal) && !read.Traits.HasFlag(TorchTraits.NoiseRng))
            {
                reader.Report(DiagnosticCodes.MapTraitUndeclared, node,
                    $"{what} uses {{@key}}: declare 'traits: {{rng: [noise]}}' so the module is applied with a 'noise' RNG stream");
            }
        }
    }

    private static TorchTraits Flag(YamlNode value, string trait, TorchTraits flag, YamlReader reader)
    {
        if ((value as YamlScalarNode)?.Value is "true")
        {
            return flag;
        }
        if ((value as YamlScalarNode)?.Value is not "false")
        {
            reader.Report(DiagnosticCodes.MapTraitType, value, $"trait '{trait}' must be true or false");
        }
        return TorchTraits.None;
    }

    private static TorchTraits Names(YamlNode value, string trait, Dictionary<string, TorchTraits> known, string what, YamlReader reader)
    {
        if (value is not YamlSequenceNode list)
        {
            reader.Report(DiagnosticCodes.MapTraitType, value, $"trait '{trait}' must be a list, e.g. [{known.Keys.First()}]");
            return TorchTraits.None;
        }
        var traits = TorchTraits.None;
        foreach (var item in list)
        {
            if (item is not YamlScalarNode { Value: { } name })
            {
                reader.Report(DiagnosticCodes.MapTraitType, item, $"an item of trait '{trait}' must be a plain name");
            }
            else if (known.TryGetValue(name, out var flag))
            {
                traits |= flag;
            }
            else
            {
                reader.Report(DiagnosticCodes.MapTrait, item, $"unknown {what} '{name}' in '{trait}' (known: {string.Join(", ", known.Keys)})");
            }
        }
        return traits;
    }
}
