using Switcheroo.Engine.Emitting;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Runtime;

/// <summary>
/// A loop applied when the model initialises (<c>switcheroo_runtime.torch_init</c>) names the torch
/// classes of its branches, which the analysis takes from the layer entries with an <c>init</c>
/// rule; the runtime must tell every one of them from the Flax layers (its class tables).
/// </summary>
public sealed class InitLoopClassesTests
{
    [Fact]
    public void TheRuntimeKnowsEveryLayerWithAnInitRule()
    {
        var layers = Converter.BuiltInMaps.Entries.Where(e => e.Init.Count > 0).Select(e => e.Torch).ToList();
        Assert.NotEmpty(layers);
        foreach (var torch in layers)
        {
            Assert.Contains($"\"{torch}\"", RuntimeModule.Text);
        }
    }
}
