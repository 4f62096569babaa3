using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>Reads and validates one item of a map file's <c>entries</c> list (the format is in docs/maps.md).</summary>
internal static partial class EntryReader
{
    private static readonly string[] Keys =
    {
        "torch", "kind", "params", "target", "method", "args", "add", "hook", "options",
        "unsupported", "instead", "override", "any_receiver", "returns", "traits", "holds", "base", "init", "note", "value", "unbound_value", "annotation", "yields", "instances", "settings",
    };

    private static readonly string[] Exclusive = { "target", "method", "hook", "unsupported" };

    public static MapEntry? Read(YamlNode item, YamlReader reader, IReadOnlyDictionary<string, IReadOnlyList<HookOption>> hooks)
    {
        int errorsBefore = reader.ErrorCount;
        if (reader.Mapping(item, "an entry") is not { } node)
        {
            return null;
        }
        reader.OnlyKeys(node, Keys);
        var torch = reader.Required(node, "torch") is { } t ? reader.Scalar(t, "'torch'") : null;
        var kind = ReadKind(node, reader);
        var parameters = ReadParameters(node, reader);
        CheckExactlyOneAction(node, reader, kind);
        var hook = ReadHook(node, reader, hooks);
        var declared = hook is null ? null : hooks.GetValueOrDefault(hook);
        var returns = Returns(node, kind, reader);
        var entry = new MapEntry
        {
            Torch = torch ?? string.Empty,
            Kind = kind,
            Parameters = parameters,
            Target = Text(node, "target", reader),
            TargetMethod = Text(node, "method", reader),
            Arguments = ArgumentReader.Read(node, parameters, reader),
            Add = YamlReader.Optional(node, "add") is { } add ? reader.StringMap(add, "'add'") : new Dictionary<string, string>(),
            Settings = Settings(node, kind, reader),
            Hook = hook,
            Options = OptionReader.Read(node, hook, declared, reader),
            Unsupported = Text(node, "unsupported", reader),
            Instead = Text(node, "instead", reader),
            Override = Flag(node, "override", reader),
            AnyReceiver = Flag(node, "any_receiver", reader),
            ReturnsTensor = returns is "tensor" or "new_tensor",
            ReturnsNewTensor = returns == "new_tensor",
            ReturnsTensors = returns == "tensors",
            ReturnsSelf = returns == "self",
            YieldsTensors = Choice(node, "yields", "tensors", EntryKind.Class, kind, reader),
            Instances = Instances(node, kind, reader),
            Traits = TraitReader.Read(node, reader),
            Holds = HoldsReader.Read(node, kind, reader),
            Base = LayerBaseReader.Read(node, kind, reader),
            Init = InitReader.Read(node, parameters, reader),
            Note = Text(node, "note", reader),
            AsValue = Text(node, "value", reader),
            AsUnboundValue = Text(node, "unbound_value", reader),
            AsAnnotation = Text(node, "annotation", reader),
            Location = reader.Location(node),
        };
        new TextChecks(node, entry, reader, declared).Run();
        TraitReader.CheckTemplates(node, entry, declared, reader);
        InitReader.CheckTemplate(node, entry, reader);
        entry = entry with { TargetUses = TargetUses(node, entry, declared, reader) };
        return torch is null || reader.ErrorCount > errorsBefore ? null : entry;
    }

    /// <summary>A class entry's <c>settings</c>: torch attribute names to the converted layer's field names, both identifiers.</summary>
    private static IReadOnlyDictionary<string, string> Settings(YamlMappingNode node, EntryKind kind, YamlReader reader)
    {
        if (YamlReader.Optional(node, "settings") is not { } value || reader.StringMap(value, "'settings'") is not { } settings)
        {
            return new Dictionary<string, string>();
        }
        if (kind != EntryKind.Class)
        {
            reader.Error(value, "'settings' is for entries of kind class (the attributes of a layer)");
        }
        foreach (var (torchName, field) in settings)
        {
            if (!PythonText.IsIdentifier(torchName) || !PythonText.IsIdentifier(field))
            {
                reader.Error(value, $"'settings': '{torchName}: {field}' must name an attribute by a field, both identifiers");
            }
        }
        return settings;
    }

    private static EntryKind ReadKind(YamlMappingNode node, YamlReader reader)
    {
        if (YamlReader.Optional(node, "kind") is not { } value || reader.Scalar(value, "'kind'") is not { } text)
        {
            return EntryKind.Function;
        }
        switch (text)
        {
            case "function": return EntryKind.Function;
            case "class": return EntryKind.Class;
            case "method": return EntryKind.Method;
            case "attribute": return EntryKind.Attribute;
            case "constant": return EntryKind.Constant;
            case "namespace": return EntryKind.Namespace;
            default:
                reader.Error(value, $"unknown kind '{text}' (expected function, class, method, attribute, constant or namespace)");
                return EntryKind.Function;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(True|False|None|-?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?)$")]
    private static partial System.Text.RegularExpressions.Regex TorchDefault();

    private static IReadOnlyList<SourceParameter> ReadParameters(YamlMappingNode node, YamlReader reader)
    {
        if (YamlReader.Optional(node, "params") is not { } value || reader.Sequence(value, "'params'") is not { } list)
        {
            return Array.Empty<SourceParameter>();
        }
        var names = new List<string>();
        foreach (var item in list)
        {
            if (reader.Scalar(item, "a parameter name") is not { } name)
            {
                continue;
            }
            // name=default: torch's default, a literal (compared with what a call writes)
            if (name.IndexOf('=') is var equals and > 0 && !TorchDefault().IsMatch(name[(equals + 1)..].Trim()))
            {
                reader.Error(item, $"parameter '{name}': a default must be a literal (True, False, None or a number)");
                name = name[..equals];
            }
            names.Add(name);
        }
        return SourceParameter.ParseList(names);
    }

    private static void CheckExactlyOneAction(YamlMappingNode node, YamlReader reader, EntryKind kind)
    {
        var present = Exclusive.Where(key => YamlReader.Optional(node, key) is not null).ToList();
        if (present.Count != 1)
        {
            reader.Error(node, present.Count == 0
                ? "an entry needs one of 'target', 'method', 'hook' or 'unsupported'"
                : $"an entry takes only one of 'target', 'method', 'hook' or 'unsupported', not {string.Join(" and ", present)}");
        }
        if (kind == EntryKind.Namespace && !present.Contains("unsupported") && !present.Contains("hook"))
        {
            reader.Error(node, "a namespace entry only states why its names are not converted ('unsupported') or names the hook that keeps them ('hook')");
        }
        if (present.Contains("method") && kind is not (EntryKind.Method or EntryKind.Attribute))
        {
            reader.Error(node, "'method' (keep a method call or attribute under a name) is only for entries of kind 'method' or 'attribute'");
        }
    }

    private static string? ReadHook(YamlMappingNode node, YamlReader reader, IReadOnlyDictionary<string, IReadOnlyList<HookOption>> hooks)
    {
        if (YamlReader.Optional(node, "hook") is not { } value || reader.Scalar(value, "'hook'") is not { } name)
        {
            return null;
        }
        if (!hooks.ContainsKey(name))
        {
            reader.Report(DiagnosticCodes.MapUnknownHook, value,
                $"unknown hook '{name}' (known hooks: {string.Join(", ", hooks.Keys.Order(StringComparer.Ordinal))})");
        }
        return name;
    }

    /// <summary>The target and the target options, with where the map writes them (for the import check).</summary>
    private static IReadOnlyList<TargetUse> TargetUses(YamlMappingNode node, MapEntry entry, IReadOnlyList<HookOption>? declared, YamlReader reader)
    {
        var uses = new List<TargetUse>();
        foreach (var key in new[] { "target", "annotation", "unbound_value" })
        {
            var text = key switch { "target" => entry.Target, "annotation" => entry.AsAnnotation, _ => entry.AsUnboundValue };
            if (text is { } name && PythonText.IsDottedName(name) && !(key == "annotation" && TextChecks.BuiltinTypes.Contains(name)))
            {
                uses.Add(new TargetUse(name, reader.Location(YamlReader.Optional(node, key)!)));
            }
        }
        if (entry.Base is { } layerBase && YamlReader.Optional(node, "base") is { } baseNode)
        {
            uses.Add(new TargetUse(layerBase.Setup, reader.Location(baseNode)));
            uses.Add(new TargetUse(layerBase.Fields, reader.Location(baseNode)));
        }
        foreach (var option in declared?.Where(o => o.Type == OptionType.Target) ?? [])
        {
            if (entry.Options.TryGetValue(option.Name, out var name))
            {
                uses.Add(new TargetUse(name, reader.Location(OptionReader.ValueNode(node, option.Name)!)));
            }
        }
        return uses;
    }

    private static string? Returns(YamlMappingNode node, EntryKind kind, YamlReader reader)
    {
        var text = Text(node, "returns", reader);
        if (text is not (null or "tensor" or "new_tensor" or "tensors" or "self" or "other"))
        {
            reader.Error(YamlReader.Optional(node, "returns")!, "'returns' must be 'tensor', 'new_tensor', 'tensors', 'self' or 'other'");
        }
        else if (text == "self" && kind != EntryKind.Method)
        {
            reader.Error(YamlReader.Optional(node, "returns")!, "'returns: self' is for methods (kind: method): only a method has a receiver to return");
        }
        return text;
    }

    /// <summary>A key whose one value is <paramref name="value"/> (<c>yields: tensors</c>), for entries of <paramref name="only"/> kind when given.</summary>
    private static bool Choice(YamlMappingNode node, string key, string value, EntryKind? only, EntryKind kind, YamlReader reader)
    {
        if (Text(node, key, reader) is not { } text)
        {
            return false;
        }
        if (text != value)
        {
            reader.Error(YamlReader.Optional(node, key)!, $"'{key}' must be '{value}'");
            return false;
        }
        if (only is { } needed && kind != needed)
        {
            reader.Error(YamlReader.Optional(node, key)!, $"'{key}' is for entries of kind {needed.ToString().ToLowerInvariant()}");
            return false;
        }
        return true;
    }

    private static EntryInstances Instances(YamlMappingNode node, EntryKind kind, YamlReader reader)
    {
        var instances = Text(node, "instances", reader) switch
        {
            null => EntryInstances.None,
            "tensor" => EntryInstances.Tensor,
            "device" => EntryInstances.Device,
            "dtype" => EntryInstances.Dtype,
            "module" => EntryInstances.Module,
            "parameter" => EntryInstances.Parameter,
            _ => (EntryInstances?)null,
        };
        if (instances is null)
        {
            reader.Error(YamlReader.Optional(node, "instances")!, "'instances' must be 'tensor', 'device', 'dtype', 'module' or 'parameter'");
            return EntryInstances.None;
        }
        if (instances is EntryInstances.Module or EntryInstances.Parameter && kind != EntryKind.Class)
        {
            reader.Error(YamlReader.Optional(node, "instances")!, $"'instances: {instances.Value.ToString().ToLowerInvariant()}' is for entries of kind class (an object is built by calling one)");
            return EntryInstances.None;
        }
        return instances.Value;
    }

    private static string? Text(YamlMappingNode node, string key, YamlReader reader) =>
        YamlReader.Optional(node, key) is { } value ? reader.Scalar(value, $"'{key}'") : null;

    private static bool Flag(YamlMappingNode node, string key, YamlReader reader) =>
        YamlReader.Optional(node, key) is { } value && reader.Boolean(value, $"'{key}'") == true;
}
