using YamlDotNet.RepresentationModel;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Reads an entry's <c>args</c>: each key is a torch parameter from <c>params</c>; the value is a
/// target keyword (<c>axis</c>), a target position (<c>"@0"</c>), or a mapping with <c>to</c>,
/// <c>values</c>, <c>default</c> and <c>drop</c>.
/// </summary>
internal static class ArgumentReader
{
    public static IReadOnlyDictionary<string, ArgumentRule> Read(YamlMappingNode entry, IReadOnlyList<SourceParameter> parameters, YamlReader reader)
    {
        var rules = new Dictionary<string, ArgumentRule>(StringComparer.Ordinal);
        if (YamlReader.Optional(entry, "args") is not { } node || reader.Mapping(node, "'args'") is not { } args)
        {
            return rules;
        }
        foreach (var (key, value) in args.Children)
        {
            if (reader.Scalar(key, "an argument name") is not { } source)
            {
                continue;
            }
            if (!parameters.Any(p => p.Name == source))
            {
                reader.Error(key, $"'{source}' is not in this entry's 'params'");
                continue;
            }
            if (ReadRule(source, value, reader) is { } rule)
            {
                rules[source] = rule;
            }
        }
        return rules;
    }

    private static ArgumentRule? ReadRule(string source, YamlNode value, YamlReader reader)
    {
        if (value is YamlScalarNode)
        {
            return reader.Scalar(value) is { } plain ? Destination(source, plain, value, reader) : null;
        }
        if (reader.Mapping(value, $"the rule for '{source}'") is not { } rule)
        {
            return null;
        }
        reader.OnlyKeys(rule, "to", "values", "default", "drop", "only_with");
        bool drop = YamlReader.Optional(rule, "drop") is { } d && reader.Boolean(d, "'drop'") == true;
        var toNode = YamlReader.Optional(rule, "to");
        if (drop == (toNode is not null))
        {
            reader.Error(rule, $"the rule for '{source}' needs exactly one of 'to' and 'drop: true'");
            return null;
        }
        var destination = toNode is not null && reader.Scalar(toNode) is { } to
            ? Destination(source, to, toNode, reader)
            : new ArgumentRule(source, null, null, true, ArgumentRule.EmptyValues, null);
        if (destination is null)
        {
            return null;
        }
        return destination with
        {
            Values = YamlReader.Optional(rule, "values") is { } v ? reader.StringMap(v, "'values'") : ArgumentRule.EmptyValues,
            Default = YamlReader.Optional(rule, "default") is { } def ? reader.Scalar(def, "'default'") : null,
            OnlyWith = YamlReader.Optional(rule, "only_with") is { } only ? OnlyWith(source, only, reader) : ArgumentRule.NoConditions,
        };
    }

    /// <summary><c>only_with: {other: [literal, ...]}</c>: the literals each other argument may have beside this one.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> OnlyWith(string source, YamlNode node, YamlReader reader)
    {
        var conditions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (reader.Mapping(node, $"'only_with' of '{source}'") is not { } mapping)
        {
            return conditions;
        }
        foreach (var (key, value) in mapping.Children)
        {
            if (reader.Scalar(key) is not { } other)
            {
                continue;
            }
            if (value is not YamlSequenceNode literals || literals.Children.Any(l => l is not YamlScalarNode))
            {
                reader.Error(value, $"'only_with' of '{source}' lists the literals '{other}' may have: write {other}: [literal, ...]");
                continue;
            }
            conditions[other] = literals.Children.Select(l => ((YamlScalarNode)l).Value ?? string.Empty).ToList();
        }
        return conditions;
    }

    private static ArgumentRule? Destination(string source, string to, YamlNode node, YamlReader reader)
    {
        if (to.StartsWith('@'))
        {
            if (int.TryParse(to.AsSpan(1), out var position) && position >= 0)
            {
                return new ArgumentRule(source, null, position, false, ArgumentRule.EmptyValues, null);
            }
            reader.Error(node, $"'{to}' is not a position: write @0, @1, ...");
            return null;
        }
        if (!PythonText.IsIdentifier(to))
        {
            reader.Error(node, $"'{to}' is not a Python keyword argument name");
            return null;
        }
        return ArgumentRule.Rename(source, to);
    }
}
