using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>Typed access to YAML nodes that reports every mismatch as SWR1002 at the node's position.</summary>
internal sealed class YamlReader(string path, ICollection<Diagnostic> diagnostics)
{
    public string Path { get; } = path;

    public int ErrorCount { get; private set; }

    public void Error(YamlNode node, string message) => Report(DiagnosticCodes.MapSchema, node, message);

    public void Report(DiagnosticDescriptor descriptor, YamlNode node, string message)
    {
        if (descriptor.Severity == Severity.Error)
        {
            ErrorCount++;
        }
        diagnostics.Add(new Diagnostic(descriptor, message, Path, (int)node.Start.Line, (int)node.Start.Column));
    }

    public MapLocation Location(YamlNode node) => new(Path, (int)node.Start.Line, (int)node.Start.Column);

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }
        Error(node, $"{what} must be a mapping");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }
        Error(node, $"{what} must be a list");
        return null;
    }

    public string? Scalar(YamlNode node, string what = "this value")
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            return value;
        }
        Error(node, $"{what} must be a plain value");
        return null;
    }

    public bool? Boolean(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        if (text is null)
        {
            return null;
        }
        if (text is "true" or "false")
        {
            return text == "true";
        }
        Error(node, $"{what} must be true or false");
        return null;
    }

    public YamlNode? Required(YamlMappingNode mapping, string key)
    {
        if (Optional(mapping, key) is { } value)
        {
            return value;
        }
        Error(mapping, $"missing required key '{key}'");
        return null;
    }

    public static YamlNode? Optional(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Reports every key that is not one of <paramref name="allowed"/>; true when there was none.</summary>
    public bool OnlyKeys(YamlMappingNode mapping, params string[] allowed)
    {
        bool clean = true;
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || Array.IndexOf(allowed, name) < 0)
            {
                Error(key, $"unknown key '{name}' (expected one of: {string.Join(", ", allowed)})");
                clean = false;
            }
        }
        return clean;
    }

    /// <summary>A mapping of plain strings to plain strings (e.g. <c>add</c>, <c>options</c>, <c>values</c>).</summary>
    public Dictionary<string, string> StringMap(YamlNode node, string what)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Mapping(node, what) is not { } mapping)
        {
            return result;
        }
        foreach (var (key, value) in mapping.Children)
        {
            if (Scalar(key, $"a key of {what}") is { } name && Scalar(value, $"'{name}' in {what}") is { } text)
            {
                result[name] = text;
            }
        }
        return result;
    }
}
