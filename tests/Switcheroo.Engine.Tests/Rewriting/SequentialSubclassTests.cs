using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// Classes that subclass <c>nn.Sequential</c> (the golden case <c>sequential_subclasses</c> shows the
/// conversions): what keeps one as torch code, and a layer class as a constructor default.
/// </summary>
public sealed class SequentialSubclassTests
{
    private const string Header = "import torch\nfrom torch import nn\n\n\n";

    [Theory]
    [InlineData("    def __init__(self, layers: int, sequence: int):\n        super().__init__(nn.Linear(layers, sequence))\n", "constructor arguments 'layers' and 'sequence'")]
    [InlineData("    def __init__(self, w: int):\n        super().__init__(nn.Linear(w, 2))\n        self.extra = nn.ReLU()\n", "assigns more to attributes")]
    [InlineData("    def __init__(self, w: int):\n        if w > 2:\n            super().__init__(nn.Linear(w, 2))\n        else:\n            super().__init__()\n", "exactly once, unconditionally")]
    [InlineData("    def __init__(self, w: int):\n        super().__init__()\n        self.fc = make(w)\n", "cannot tell statically whether self.fc")]
    [InlineData("    def __init__(self, w: int):\n        super().__init__()\n        self.fc = nn.Linear(w, 2)\n\n    def forward(self, x):\n        return self[0](x)\n", "'self' is read as a sequence of layers at line 11")]
    [InlineData("    def forward(self, x):\n        return self[0](x)\n", "no constructor of its own")]
    [InlineData("    def __init__(self, w: int):\n        super().__init__(nn.Linear(w, 2))\n        self.append(nn.ReLU())\n", "self.append(...)")]
    public void WhatCannotConvertIsReportedAndKept(string body, string why)
    {
        var source = Header + "class Head(nn.Sequential):\n" + body;
        var result = Converter.Convert(source);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SWR3006", diagnostic.Code);
        Assert.Equal(5, diagnostic.Line);
        Assert.Contains(why, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("class Head(nn.Sequential):\n" + body, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SubclassBuiltByAModuleTakesItsTrainFlag()
    {
        var source = Header
            + "class Head(nn.Sequential):\n    def __init__(self, w: int):\n        super().__init__(nn.Linear(w, w), nn.Dropout(0.5))\n\n\n"
            + "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.head = Head(4)\n\n    def forward(self, x):\n        return self.head(x)\n";
        var result = Converter.Convert(source);
        Assert.Empty(result.Diagnostics);
        Assert.Contains("        self.layers = [\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("deterministic=not self.train", result.Output, StringComparison.Ordinal);
        Assert.Contains("        self.head = Head(4, train=self.train)\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("    def __call__(self, x):\n        for layer in self.layers:\n            x = layer(x)\n        return x\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LayerClassAsAConstructorDefaultIsTheUnboundClassNotBoundToSelf()
    {
        // The default is a field's, in the class body, where no self exists: the class stands there as
        // its unbound form, a Linen class whose train field the module building it gives.
        var source = Header + "class Block(nn.Module):\n    def __init__(self, c: int, norm_layer=nn.BatchNorm2d):\n        super().__init__()\n"
            + "        self.bn = norm_layer(c)\n\n    def forward(self, x):\n        return self.bn(x)\n";
        var result = Converter.Convert(source);
        Assert.Empty(result.Diagnostics);
        Assert.Contains("    norm_layer: typing.Any = switcheroo_runtime.TorchBatchNorm\n", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("batch_norm_layer(self.train)", result.Output, StringComparison.Ordinal);
        Assert.Contains("self.bn = switcheroo_runtime.with_train(norm_layer, self.train)(c)", result.Output, StringComparison.Ordinal);
    }
}
