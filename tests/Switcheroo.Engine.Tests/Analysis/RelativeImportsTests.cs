using System.Text;
using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Session;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// Relative imports resolved from the packages on disk (<see cref="PackageLayout"/>, <see cref="RelativeImports"/>):
/// a file inside torchvision's model package that imports <c>..ops.misc</c> converts those layers as the maps say.
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

    [Fact]
    public void TorchsOwnFilesKeepTheirImports()
    {
        Write("torch/__init__.py", string.Empty);
        Write("torch/nn/__init__.py", string.Empty);
        var path = Write("torch/nn/layer.py", "import torch\nfrom .modules import Module\n\n\nclass Layer(Module):\n    pass\n");

        Assert.Contains("class Layer(Module):", Converter.Pipeline.Convert(path, File.ReadAllBytes(path)).Output);
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
