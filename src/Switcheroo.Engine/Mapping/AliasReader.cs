using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Binding;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Reads a map file's <c>aliases</c>: torch module → the torch module whose entries its names take
/// (<c>torch.nn.modules.conv: torch.nn</c>). Both must be torch module names (SWR1002 at the YAML
/// position otherwise), and a module is an alias of one module only.
/// </summary>
internal static class AliasReader
{
    public static IReadOnlyList<ModuleAlias> Read(YamlMappingNode root, YamlReader reader)
    {
        var aliases = new List<ModuleAlias>();
        if (YamlReader.Optional(root, "aliases") is not { } node || reader.Mapping(node, "'aliases'") is not { } mapping)
        {
            return aliases;
        }
        foreach (var (key, value) in mapping.Children)
        {
            if (reader.Scalar(key, "a module name") is not { } module || reader.Scalar(value, "a module name") is not { } canonical)
            {
                continue;
            }
            if (!IsTorchModule(module) || !IsTorchModule(canonical) || module == canonical)
            {
                reader.Error(key, $"'{module}: {canonical}': an alias names a torch module and another torch module whose names it exports");
                continue;
            }
            aliases.Add(new ModuleAlias(module, canonical, reader.Location(key)));
        }
        return aliases;
    }

    private static bool IsTorchModule(string name) => PythonText.IsDottedName(name) && TorchNames.IsTorch(name);
}
