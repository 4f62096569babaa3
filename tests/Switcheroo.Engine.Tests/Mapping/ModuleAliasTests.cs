using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// The built-in maps' <c>aliases</c> (docs/maps.md, "Module aliases"): a name imported from the
/// module torch defines it in (<c>torch.nn.modules.instancenorm.InstanceNorm2d</c>) takes the entry
/// of the name torch exports it as, and every alias holds in torch itself.
/// </summary>
public sealed class ModuleAliasTests
{
    private const string SameObjects = """
        import importlib, sys
        for item in sys.argv[1:]:
            module, canonical, name = item.split(" ")
            alias = importlib.import_module(module)
            if hasattr(alias, name):
                same = getattr(alias, name) is getattr(importlib.import_module(canonical), name)
                print(module, name, "same" if same else "different")
        """;

    [Theory]
    [InlineData("torch.nn.modules.instancenorm.InstanceNorm2d", "torch.nn.InstanceNorm2d")]
    [InlineData("torch.nn.modules.batchnorm.BatchNorm2d", "torch.nn.BatchNorm2d")]
    [InlineData("torch.nn.modules.Conv2d", "torch.nn.Conv2d")]
    [InlineData("torch.nn.modules.module.Module", "torch.nn.Module")]
    [InlineData("torch.nn.parameter.Parameter", "torch.nn.Parameter")]
    public void AModuleNameTakesTheEntryTorchExportsItAs(string name, string entry)
    {
        Assert.Equal(entry, Converter.BuiltInMaps.Find(name)?.Torch);
        Assert.Equal(Converter.BuiltInMaps.TraitsOf(entry), Converter.BuiltInMaps.TraitsOf(name));
        Assert.Equal(Converter.BuiltInMaps.BuildsModules(entry), Converter.BuiltInMaps.BuildsModules(name));
    }

    [Fact]
    public void ANameTheCanonicalModuleHasNoEntryForKeepsItsOwn() =>
        Assert.Null(Converter.BuiltInMaps.Find("torch.nn.modules.utils._list_with_default"));

    [Fact]
    public void EveryAliasedNameIsTheSameObjectInTorch()
    {
        var maps = Converter.BuiltInMaps;
        Assert.NotEmpty(maps.Aliases);
        var checks = maps.Aliases
            .SelectMany(a => maps.Entries.Where(e => e.Kind is EntryKind.Class or EntryKind.Function
                    && e.Torch.StartsWith(a.Canonical + ".", StringComparison.Ordinal) && !e.Torch[(a.Canonical.Length + 1)..].Contains('.'))
                .Select(e => $"{a.Module} {a.Canonical} {e.Torch[(a.Canonical.Length + 1)..]}"))
            .Order(StringComparer.Ordinal).ToArray();
        var lines = Python.RunWith(Python.WithTorch, SameObjects, checks).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.DoesNotContain(lines, l => l.EndsWith(" different", StringComparison.Ordinal));
        // Each alias exports some mapped name, so none is a misspelt module.
        foreach (var alias in maps.Aliases)
        {
            Assert.Contains(lines, l => l.StartsWith(alias.Module + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AnAliasNamesTorchModules()
    {
        var diagnostics = new List<Diagnostic>();
        var text = "version: 1\naliases:\n  torch.nn.modules.conv: torch.nn\n  numpy.linalg: torch.linalg\n";
        var file = MapLoader.Load("user.yaml", text, HookRegistry.BuiltIn.Signatures, diagnostics);
        Assert.Equal(["torch.nn.modules.conv"], file.Aliases.Select(a => a.Module));
        Assert.Equal(["SWR1002"], diagnostics.Select(d => d.Code));
    }
}
