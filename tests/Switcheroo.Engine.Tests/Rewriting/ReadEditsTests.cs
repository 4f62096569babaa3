using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// Edits that depend on whether code survives every conversion, settled by the sink at the end
/// (EditSink.Reads) or by the reporter over the finished plan, never by a pass asking the plan.
/// </summary>
public sealed class ReadEditsTests
{
    [Fact]
    public void AFieldReadOnlyInsideADroppedArgumentIsNotBoundToALocal()
    {
        var result = Converter.Convert(
            "import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self, n, m):\n        super().__init__()\n"
            + "        self.bn = nn.BatchNorm1d(n)\n        self.scale = m * 2\n\n    def forward(self, x):\n        return self.bn(x) * self.scale\n");
        Assert.Empty(result.Diagnostics);
        Assert.Contains("    def setup(self):\n        m = self.m\n        self.bn = switcheroo_runtime.BatchNorm(", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("n = self.n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceNoPlacementReadsAnyMoreGoes()
    {
        var result = Converter.Convert("import torch\n\ndevice = torch.device(\"cuda\")\nx = torch.zeros(3).to(device)\n");
        Assert.DoesNotContain("device", result.Output, StringComparison.Ordinal);
        Assert.Equal(["SWR3007", "SWR3007"], result.Diagnostics.Select(d => d.Code));
        Assert.Equal((3, 1), (result.Diagnostics[0].Line, result.Diagnostics[0].Column));
    }

    [Fact]
    public void ADeviceReadElsewhereStays()
    {
        var result = Converter.Convert("import torch\n\ndevice = torch.device(\"cuda\")\nx = torch.zeros(3).to(device)\nprint(device)\n");
        Assert.Contains("device = \"cuda\"\n", result.Output, StringComparison.Ordinal);
        Assert.Equal([4], result.Diagnostics.Select(d => d.Line));
    }

    [Fact]
    public void AWarningInsideAnArgumentTheConversionDropsIsForgottenWithItsMarker()
    {
        var result = Converter.Convert("import torch.optim as optim\n\n\ndef make(model):\n    return optim.SGD(model.parameters(), lr=0.1)\n");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("import optax\n\n\ndef make(model):\n    return optax.sgd(learning_rate=0.1)\n", result.Output);
    }
}
