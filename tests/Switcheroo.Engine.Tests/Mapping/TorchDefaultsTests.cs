using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// A default a built-in map declares for a torch parameter (<c>params: [bias=True]</c>) is the one
/// real torch has: an argument written equal to it is left out of the converted call, so a wrong
/// one would change what the call means. Read from torch itself (Debian's python3-torch): its signature,
/// or for a builtin without one its docstring's first line, where torch states it.
/// </summary>
public sealed class TorchDefaultsTests
{
    private const string Defaults = """
        import ast, importlib, inspect, sys

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

        def documented(target, parameter):
            # a builtin without a signature (F.avg_pool2d, F.softplus) or torch's boolean_dispatch
            # wrapper (F.max_pool2d, *args) states its signature on its docstring's first line
            line = target.__doc__.strip().splitlines()[0].split("->")[0].strip()
            arguments = ast.parse(f"def {line}: pass").body[0].args
            named = arguments.args[len(arguments.args) - len(arguments.defaults):]
            return {a.arg: ast.literal_eval(d) for a, d in zip(named, arguments.defaults)}[parameter]

        for item in sys.argv[1:]:
            name, parameter = item.split(" ")
            target = resolve(name)
            try:
                parameters = inspect.signature(target.__init__ if inspect.isclass(target) else target).parameters
            except ValueError:
                parameters = {}
            default = parameters[parameter].default if parameter in parameters else documented(target, parameter)
            print(name, parameter, repr(default))
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
