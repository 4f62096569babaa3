using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// Shapes of module classes that torch's own layer files show (torch/nn/modules, converted since their
/// relative imports read as torch's names), each reported or converted exactly, never left to fail in Flax.
/// </summary>
public sealed class TorchLayerShapesTests
{
    private static string Messages(Switcheroo.Engine.ConversionResult result) =>
        string.Join("\n", result.Diagnostics.Select(d => $"{d.Code} {d.Message}"));

    [Fact]
    public void AClassDefiningInitMoreThanOnceIsKeptAndReported()
    {
        var result = Converter.Convert("""
            from typing import overload
            import torch.nn as nn


            class Stack(nn.Module):
                @overload
                def __init__(self, *layers: nn.Module) -> None:
                    ...

                def __init__(self, *layers):
                    super().__init__()
                    self.count = len(layers)
            """);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SWR3006", diagnostic.Code);
        Assert.Contains("it defines __init__ more than once", diagnostic.Message);
    }

    [Fact]
    public void AClassDerivingFromAKeptModuleClassIsKeptAndReportedToo()
    {
        // ConstantPad is kept (its 'value', a keyword-only field in Flax, is passed by position where it is built); ZeroPad derives from it.
        var result = Converter.Convert("""
            import torch.nn as nn
            import torch.nn.functional as F


            class Pad(nn.Module):
                def __init__(self, value: float):
                    super().__init__()
                    self.value = value

                def forward(self, x):
                    return F.pad(x, (1, 1), value=self.value)


            class ConstantPad(Pad):
                def __init__(self, padding, value: float):
                    super().__init__(value)
                    self.padding = padding


            class ZeroPad(ConstantPad):
                def __init__(self, padding):
                    super().__init__(padding, 0.0)


            def build():
                return ConstantPad(2, 1.0)
            """);

        var messages = Messages(result);
        Assert.Contains("class ConstantPad is not converted to a Flax module", messages);
        Assert.Contains("class ZeroPad is not converted to a Flax module: it derives from the module class ConstantPad, and ConstantPad stays torch code", messages);
        Assert.Contains("        super().__init__(padding, 0.0)", result.Output);
    }

    [Fact]
    public void EveryAssignmentOfAReportedFieldIsReportedAndFlaxsNameFieldMoves()
    {
        var result = Converter.Convert("""
            import torch.nn as nn
            from helpers import legacy


            class Loss(nn.Module):
                def __init__(self, reduction: str = "mean", old=None):
                    super().__init__()
                    self.name = type(self).__name__
                    if old is not None:
                        self.reduction = legacy(old)
                    else:
                        self.reduction = reduction

                def forward(self, x):
                    return x.mean() if self.reduction == "mean" else x.sum()
            """);

        Assert.Equal(2, result.Diagnostics.Count(d => d.Code == "SWR3006" && d.Message.StartsWith("'reduction' is a field of Loss", StringComparison.Ordinal)));
        Assert.Contains("self.name_ = type(self).__name__", result.Output);
        Assert.DoesNotContain("self.name =", result.Output);
    }

    [Fact]
    public void ABufferNamedAsAConstructorArgumentIsReported()
    {
        var result = Converter.Convert("""
            import torch
            import torch.nn as nn


            class Pool(nn.Module):
                def __init__(self, size: int, _samples=None):
                    super().__init__()
                    self.size = size
                    self.register_buffer('_samples', _samples)

                def forward(self, x):
                    return x[..., : self.size]
            """);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == "SWR3006");
        Assert.Contains("'_samples' is a field of Pool (a constructor argument) and setup may not assign it; a buffer's name is its checkpoint key", diagnostic.Message);
        Assert.DoesNotContain("self._samples = self.variable(", result.Output);
    }
}
