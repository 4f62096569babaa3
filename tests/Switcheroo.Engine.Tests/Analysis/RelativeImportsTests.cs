using System.Text;
using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Session;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// Relative imports resolved from the packages on disk (<see cref="PackageLayout"/>, <see cref="RelativeImports"/>):
/// a file inside torchvision's model package that imports <c>..ops.misc</c> converts those layers as the maps say,
/// and a file of torch's own package that imports <c>.module</c> or <c>..functional</c> reads torch's names.
/// </summary>
public sealed class RelativeImportsTests : IDisposable
{
    private const string Net = """
        import torch.nn as nn
        from ..ops.misc import MLP


        class Head(nn.Module):
            def __init__(self):
                super().__init__()
                self.mlp = MLP(8, [16, 4])

            def forward(self, x):
                return self.mlp(x)
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "swr-relative-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void PackagesAreTheFoldersWithAnInitFile()
    {
        Write("torchvision/__init__.py", string.Empty);
        Write("torchvision/models/__init__.torch.py", string.Empty);
        var inPackage = Write("torchvision/models/head.py", Net);
        var loose = Write("loose/head.torch.py", Net);

        Assert.Equal("torchvision.models", PackageLayout.PackageOf(inPackage));
        Assert.Null(PackageLayout.PackageOf(loose));
    }

    [Fact]
    public void ARelativeImportOfTorchvisionOpsConvertsThroughTheMaps()
    {
        Write("torchvision/__init__.py", string.Empty);
        Write("torchvision/models/__init__.py", string.Empty);
        var path = Write("torchvision/models/head.py", Net);

        var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path));

        Assert.Empty(result.Diagnostics);
        Assert.Contains("self.mlp = switcheroo_runtime.mlp_layer(self.train)(8, [16, 4])", result.Output);
        Assert.DoesNotContain("ops.misc", result.Output);
    }

    [Fact]
    public void WithoutAPackageOrAboveTheTopPackageTheNameStaysTheFilesOwn()
    {
        var loose = Write("loose/head.py", Net);
        Write("top/__init__.py", string.Empty);
        var escaping = Write("top/head.py", Net);

        foreach (var path in new[] { loose, escaping })
        {
            var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path));
            Assert.Contains("from ..ops.misc import MLP", result.Output);
            Assert.Contains("self.mlp = MLP(8, [16, 4])", result.Output);
        }
    }

    [Fact]
    public void AClassOfTheFilesConvertedTogetherWinsOverTheMaps()
    {
        var project = new ProjectModules();
        project.Set("ops/misc", new Dictionary<string, ClassFacts> { ["MLP"] = ClassFacts.Module });
        Write("torchvision/__init__.py", string.Empty);
        Write("torchvision/models/__init__.py", string.Empty);
        var path = Write("torchvision/models/head.py", Net);

        var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path), "models/head", project);

        Assert.Contains("self.mlp = MLP(8, [16, 4])", result.Output);
    }

    /// <summary>A package under torch laid out as torch's (torch/nn/modules), each folder with its __init__.py.</summary>
    private string WriteTorchModule(string name, string text)
    {
        Write("torch/__init__.py", string.Empty);
        Write("torch/nn/__init__.py", string.Empty);
        Write("torch/nn/modules/__init__.py", string.Empty);
        return Write($"torch/nn/modules/{name}.py", text);
    }

    [Fact]
    public void TorchsOwnRelativeImportsBindTorchsNames()
    {
        // torch.nn.modules.module.Module and torch.nn.functional, known to the maps under torch.nn's names.
        var path = WriteTorchModule("gate", """
            from torch import Tensor
            from .module import Module
            from .. import functional as F


            class Gate(Module):
                def forward(self, input: Tensor) -> Tensor:
                    return F.relu(input) * F.sigmoid(input)
            """);

        var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path));

        Assert.Empty(result.Diagnostics);
        Assert.Contains("class Gate(nn.Module):", result.Output);
        Assert.Contains("def __call__(self, input: jax.Array) -> jax.Array:", result.Output);
        Assert.Contains("return jax.nn.relu(input) * jax.nn.sigmoid(input)", result.Output);
        Assert.DoesNotContain("functional", result.Output);
        Assert.DoesNotContain(".module", result.Output);
    }

    [Fact]
    public void AClassTorchsFileDefinesIsItsOwnAndAnotherFileImportsTorchsName()
    {
        // linear.py defines Linear: the class converts from its body, and Linear in the file is that class.
        var linear = WriteTorchModule("linear", """
            from torch import Tensor
            from .module import Module
            from .lazy import LazyModuleMixin


            class Linear(Module):
                def __init__(self, scale: float = 2.0) -> None:
                    super().__init__()
                    self.scale = scale

                def forward(self, input: Tensor) -> Tensor:
                    return input * self.scale


            class Doubled(Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.inner = Linear(4.0)

                def forward(self, input: Tensor) -> Tensor:
                    return self.inner(input)
            """);
        // head.py, converted alone, imports torch's Linear: the maps convert it.
        var head = WriteTorchModule("head", """
            from torch import Tensor
            from .module import Module
            from .linear import Linear


            class Head(Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.fc = Linear(8, 4)

                def forward(self, input: Tensor) -> Tensor:
                    return self.fc(input)
            """);

        var own = Converter.Pipeline.Convert(linear, File.ReadAllBytes(linear));
        var imported = Converter.Pipeline.Convert(head, File.ReadAllBytes(head));

        Assert.Empty(own.Diagnostics);
        Assert.Contains("class Linear(nn.Module):\n    scale: float = 2.0", own.Output!.ReplaceLineEndings("\n"));
        Assert.Contains("self.inner = Linear(4.0)", own.Output);
        // A name the maps do not cover stays the file's own, as before: unused here, its import stays as written.
        Assert.Contains("from .lazy import LazyModuleMixin", own.Output);
        Assert.Empty(imported.Diagnostics);
        Assert.Contains("self.fc = nn.Dense(", imported.Output);
        Assert.DoesNotContain(".linear", imported.Output);
    }

    [Fact]
    public void APackagesInitKeepsItsRelativeImports()
    {
        // torch/nn/modules/__init__.py re-exports the package's modules: dropped as torch names, the package would lose them.
        var path = WriteTorchModule("__init__", "from .module import Module\nfrom .linear import Identity, Linear\n\n__all__ = ['Module', 'Identity', 'Linear']\n");

        var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path));

        Assert.Contains("from .module import Module", result.Output);
        Assert.Contains("from .linear import Identity, Linear", result.Output);
    }

    [Fact]
    public void ARelativeImportOfANameTheScopeAlsoDefinesStaysTheFilesOwn()
    {
        var path = WriteTorchModule("shadow", """
            import torch
            from .module import Module
            try:
                from .linear import Linear
            except ImportError:
                class Linear(Module):
                    def forward(self, x):
                        return x


            def build():
                return Linear(2, 3)
            """);

        var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path));

        Assert.Contains("return Linear(2, 3)", result.Output);
        Assert.DoesNotContain("Dense", result.Output);
    }

    [Fact]
    public void AClassDerivingFromAProjectClassNotConvertedWithItIsKeptWholeAndReported()
    {
        // UnseenBases: Block may be a torch module; converting Gated's body alone would leave a torch
        // module computing with jax.numpy. A library's base (NamedTuple) is not taken for one.
        Write("proj/__init__.py", string.Empty);
        var path = Write("proj/gated.py", """
            from typing import NamedTuple

            import torch
            import torch.nn as nn
            from .blocks import Block


            class Gated(Block):
                def forward(self, x):
                    return torch.sigmoid(super().forward(x))


            class Config(NamedTuple):
                scale: object = torch.ones(2)
            """);

        var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SWR3006", diagnostic.Code);
        Assert.Contains("class Gated derives from Block, imported from .blocks, which is not converted with this file", diagnostic.Message);
        Assert.Contains("return torch.sigmoid(super().forward(x))", result.Output);
        Assert.Contains("scale: object = jnp.ones((2,))", result.Output);
    }
}
