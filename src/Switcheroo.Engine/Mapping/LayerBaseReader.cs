using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Reads a layer entry's <c>base</c> (<see cref="MapEntry.Base"/>): a mapping of <c>setup</c> and
/// <c>fields</c> (qualified names), <c>attributes</c> and <c>shadowed</c> (lists of identifiers), on a
/// class entry; anything else is SWR1019 at its YAML position.
/// </summary>
internal static class LayerBaseReader
{
    private static readonly string[] Keys = ["setup", "fields", "attributes", "shadowed"];

    public static LayerBase? Read(YamlMappingNode entry, EntryKind kind, YamlReader reader)
    {
        if (YamlReader.Optional(entry, "base") is not { } node)
        {
            return null;
        }
        if (kind != EntryKind.Class)
        {
            reader.Report(DiagnosticCodes.MapLayerBase, node, "'base' is only for entries of kind 'class'");
            return null;
        }
        if (node is not YamlMappingNode mapping)
        {
            reader.Report(DiagnosticCodes.MapLayerBase, node, "'base' must be a mapping of setup, fields and attributes, e.g. {setup: switcheroo_runtime.Conv2dBase, fields: switcheroo_runtime.TorchConv2d, attributes: [weight, bias]}");
            return null;
        }
        foreach (var key in mapping.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !Keys.Contains(name))
            {
                reader.Report(DiagnosticCodes.MapLayerBase, key, $"unknown key in 'base' (expected {string.Join(", ", Keys)})");
                return null;
            }
        }
        var setup = Name(mapping, "setup", reader);
        var fields = Name(mapping, "fields", reader);
        var attributes = Names(mapping, "attributes", reader);
        var shadowed = Names(mapping, "shadowed", reader);
        return setup is null || fields is null || attributes is null || shadowed is null ? null : new LayerBase(setup, fields, attributes, shadowed);
    }

    private static string? Name(YamlMappingNode mapping, string key, YamlReader reader)
    {
        if (YamlReader.Optional(mapping, key) is not { } value)
        {
            reader.Report(DiagnosticCodes.MapLayerBase, mapping, $"'base' needs '{key}', the qualified name of a runtime Linen class");
            return null;
        }
        if (value is YamlScalarNode { Value: { } name } && PythonText.IsQualifiedName(name))
        {
            return name;
        }
        reader.Report(DiagnosticCodes.MapLayerBase, value, $"'{key}' of 'base' must be a qualified class name, e.g. switcheroo_runtime.Conv2dBase");
        return null;
    }

    private static IReadOnlyList<string>? Names(YamlMappingNode mapping, string key, YamlReader reader)
    {
        if (YamlReader.Optional(mapping, key) is not { } value)
        {
            return [];
        }
        if (value is not YamlSequenceNode list || list.Children.Any(i => i is not YamlScalarNode { Value: { } n } || !PythonText.IsIdentifier(n)))
        {
            reader.Report(DiagnosticCodes.MapLayerBase, value, $"'{key}' of 'base' must be a list of attribute names, e.g. [weight, bias, stride]");
            return null;
        }
        return list.Children.Select(i => ((YamlScalarNode)i).Value!).ToList();
    }
}
