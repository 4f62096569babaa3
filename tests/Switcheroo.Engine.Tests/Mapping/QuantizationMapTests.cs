using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// mappings/quantization.yaml against Debian's torch 1.13, whose quantization modules torch.json does
/// not catalogue: the FloatFunctional methods and the stubs take the parameters the entries name, and
/// the golden case's model written for quantization is its float twin in torch (the same state_dict
/// keys, the same outputs from the same weights), which is what lets both convert to one Flax model.
/// </summary>
public sealed class QuantizationMapTests
{
    private const string Signatures = """
        import importlib, inspect, sys
        for name in sys.argv[1:]:
            parts = name.split(".")
            for cut in range(len(parts) - 1, 0, -1):
                try:
                    owner = importlib.import_module(".".join(parts[:cut]))
                    break
                except ImportError:
                    continue
            for attribute in parts[cut:]:
                owner = getattr(owner, attribute)
            target = owner.__init__ if inspect.isclass(owner) else owner
            print(name, " ".join(p for p in inspect.signature(target).parameters if p != "self"))
        """;

    private const string Twins = """
        import importlib.util, sys, torch
        spec = importlib.util.spec_from_file_location("case", sys.argv[1])
        case = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(case)
        torch.manual_seed(0)
        float_model, quantizable = case.GatedBranch(4), case.QuantizableGatedBranch(4)
        print(list(float_model.state_dict()) == list(quantizable.state_dict()))
        quantizable.load_state_dict(float_model.state_dict())
        x = torch.randn(2, 4, 5, 5)
        print(torch.equal(float_model(x), quantizable(x)))
        """;

    [Fact]
    public void EntriesTakeTorchsParameters()
    {
        var entries = Converter.BuiltInMaps.Entries
            .Where(e => e.Kind is EntryKind.Class or EntryKind.Method
                && (e.Torch.StartsWith("torch.nn.quantized.", StringComparison.Ordinal) || e.Torch.StartsWith("torch.ao.quantization.", StringComparison.Ordinal)))
            .OrderBy(e => e.Torch, StringComparer.Ordinal).ToList();
        Assert.Equal(9, entries.Count);
        var actual = Python.RunWith(Python.WithTorch, Signatures, entries.Select(e => e.Torch).ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim());
        var expected = entries.Select(e => $"{e.Torch} {string.Join(' ', e.Parameters.Select(p => p.Name).Where(n => n != "self"))}".Trim());
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TheGoldenCasesQuantizableModelIsItsFloatTwinInTorch()
    {
        var input = Path.Combine(RepositoryPaths.GoldenCases, "quantization_float", "input.torch.py");
        var lines = Python.RunWith(Python.WithTorch, Twins, input).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim());
        Assert.Equal(["True", "True"], lines);
    }
}
