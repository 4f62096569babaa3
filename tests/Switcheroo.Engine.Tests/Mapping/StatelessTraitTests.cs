using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// A class a built-in map declares <c>traits: {stateless: true}</c> holds no parameters or buffers in
/// real torch: a converted class renames an attribute holding one (docs/maps.md, Traits), which would
/// lose a checkpoint key if torch's <c>state_dict</c> had one. Each class is built in Debian's
/// python3-torch with its required arguments set to 2 (or the arguments its constructor checks:
/// <c>nn.Unflatten</c> wants a tuple of sizes) and its <c>state_dict</c> read.
/// </summary>
public sealed class StatelessTraitTests
{
    private const string StateDicts = """
        import importlib, inspect, sys
        CHECKED = {"torch.nn.Unflatten": (1, (2, 2))}
        for name in sys.argv[1:]:
            module, _, attribute = name.rpartition(".")
            cls = getattr(importlib.import_module(module), attribute)
            required = [p for p in list(inspect.signature(cls.__init__).parameters.values())[1:]
                        if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            layer = cls(*CHECKED.get(name, [2] * len(required)))
            print(name, len(layer.state_dict()))
        """;

    [Fact]
    public void StatelessClassesHaveNoStateInTorch()
    {
        var stateless = Converter.BuiltInMaps.Entries
            .Where(e => e.Kind == EntryKind.Class && e.Traits.HasFlag(TorchTraits.Stateless))
            .Select(e => e.Torch).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("torch.nn.Dropout", stateless);
        var actual = Python.RunWith(Python.WithTorch, StateDicts, stateless.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim());
        Assert.Equal(stateless.Select(name => $"{name} 0"), actual);
    }
}
