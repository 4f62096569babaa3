using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// A default a built-in map declares for a torch parameter (<c>params: [bias=True]</c>) is the one
/// real torch has: an argument written equal to it is left out of the converted call, so a wrong
/// one would change what the call means. Read from torch itself (Debian's python3-torch).
/// </summary>
public sealed class TorchDefaultsTests
{
    private const string Defaults = """
        import importlib, inspect, sys

        def resolve(name):
            # the longest importable module, then attributes: a method (torch.nn.quantized.FloatFunctional.cat) too
            parts = name.split(".")
            for cut in range(len(parts) - 1, 0, -1):
                try:
                    target = importlib.import_module(".".join(parts[:cut]))
                    break
                except ImportError:
                    continue
            for attribute in parts[cut:]:
                target = getattr(target, attribute)
            return target

        for item in sys.argv[1:]:
            name, parameter = item.split(" ")
            target = resolve(name)
            signature = inspect.signature(target.__init__ if inspect.isclass(target) else target)
            print(name, parameter, repr(signature.parameters[parameter].default))
        """;

    [Fact]
    public void DeclaredDefaultsAreTorchs()
    {
        var declared = Converter.BuiltInMaps.Entries
            .SelectMany(e => e.Parameters.Where(p => p.Default is not null).Select(p => (e.Torch, p.Name, p.Default!)))
            .OrderBy(d => d.Torch, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(declared);
        var actual = Python.RunWith(Python.WithTorch, Defaults, declared.Select(d => $"{d.Torch} {d.Name}").ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(declared.Select(d => $"{d.Torch} {d.Name} {d.Item3}"), actual.Select(line => line.Trim()));
    }
}
