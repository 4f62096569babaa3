using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Reads a composite layer entry's <c>holds</c> (<see cref="MapEntry.Holds"/>): a non-empty list of
/// qualified torch layer classes, on a class entry; anything else is SWR1018 at its YAML position.
/// </summary>
internal static class HoldsReader
{
    public static IReadOnlyList<string> Read(YamlMappingNode entry, EntryKind kind, YamlReader reader)
    {
        if (YamlReader.Optional(entry, "holds") is not { } node)
        {
            return [];
        }
        if (kind != EntryKind.Class)
        {
            reader.Report(DiagnosticCodes.MapHolds, node, "'holds' is only for entries of kind 'class'");
            return [];
        }
        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            reader.Report(DiagnosticCodes.MapHolds, node, "'holds' must be a non-empty list of torch layer classes, e.g. [torch.nn.Conv2d, torch.nn.BatchNorm2d]");
            return [];
        }
        var held = new List<string>();
        foreach (var item in list)
        {
            if (item is YamlScalarNode { Value: { } name } && PythonText.IsQualifiedName(name))
            {
                held.Add(name);
            }
            else
            {
                reader.Report(DiagnosticCodes.MapHolds, item, "an item of 'holds' must be a qualified torch layer class, e.g. torch.nn.Conv2d");
            }
        }
        return held;
    }
}
