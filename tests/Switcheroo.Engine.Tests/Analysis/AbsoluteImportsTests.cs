using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// Absolute imports of the files converted together (<see cref="AbsoluteImports"/>, <see cref="ProjectPackages"/>):
/// <c>from proj.blocks import Block</c> in <c>proj/sub/net.py</c> reads as <c>from ..blocks import Block</c> when
/// <c>proj/blocks.py</c> is converted in the same run, for the analysis and in the output.
/// </summary>
public sealed class AbsoluteImportsTests : IDisposable
{
    private const string Blocks = """
        import torch.nn as nn


        class Block(nn.Module):
            def __init__(self, width):
                super().__init__()
                self.bn = nn.BatchNorm1d(width)

            def forward(self, x):
                return self.bn(x)


        def width():
            return 4
        """;

    private const string Net = """
        import torch.nn as nn
        from proj.blocks import Block, width
        from proj import blocks


        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.block = Block(width())
                self.fc = nn.Linear(4, 2)

            def forward(self, x):
                return self.fc(self.block(x))


        class Deeper(Block):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fc = nn.Linear(4, 4)


        class Wider(blocks.Block):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.relu = nn.ReLU()
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("swr-absolute-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The package <c>proj</c> under src/: blocks, sub/net, and their <c>__init__.py</c>.</summary>
    private string WritePackage()
    {
        Write("src/proj/__init__.py", string.Empty);
        Write("src/proj/blocks.py", Blocks);
        Write("src/proj/sub/__init__.py", string.Empty);
        Write("src/proj/sub/net.py", Net);
        return Path.Combine(_root, "src", "proj");
    }

    [Fact]
    public void AnAbsoluteImportOfAFileConvertedTogetherIsItsRelativeImport()
    {
        var package = WritePackage();
        var files = new[] { ("__init__", "__init__.py"), ("blocks", "blocks.py"), ("sub/__init__", "sub/__init__.py"), ("sub/net", "sub/net.py") }
            .Select(f => (f.Item1, Path.Combine(package, f.Item2))).ToList();
        var project = Pipeline.Index(Converter.BuiltInMaps, files);
        Assert.EndsWith("=\tproj\t__init__\n=\tproj.blocks\tblocks\n=\tproj.sub\tsub/__init__\n=\tproj.sub.net\tsub/net\n", project.Serialize());
        Assert.StartsWith(
            "blocks\tBlock\tModule,Train,BatchStats\n" +
            "sub/net\tDeeper\tModule,Train,BatchStats\n" +   // derived from Block, imported absolutely
            "sub/net\tNet\tModule,Train,BatchStats\n" +     // builds Block
            "sub/net\tWider\tModule,Train,BatchStats\n",     // derived from blocks.Block, through the module
            project.Serialize());
        Assert.Equal(project.Serialize(), ProjectModules.Parse(project.Serialize()).Serialize());

        var path = files[3].Item2;
        var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path), "sub/net", ProjectModules.Parse(project.Serialize()));
        Assert.Empty(result.Diagnostics);
        Assert.Contains("from ..blocks import Block, width\nfrom .. import blocks\n", result.Output);
        Assert.Contains("self.block = Block(width(), train=self.train)", result.Output);
        Assert.Contains("class Deeper(Block):\n    def setup(self):\n        super().setup()\n", result.Output);
        Assert.Contains("class Wider(blocks.Block):\n    def setup(self):\n        super().setup()\n        self.relu = nn.relu", result.Output);

        // Converted alone, the same import names a module no file of the run is: it stays as written.
        var alone = Converter.Pipeline.Convert(path, File.ReadAllBytes(path));
        Assert.Contains("from proj.blocks import Block, width", alone.Output);
    }

    [Fact]
    public void AnAliasedImportOfAFileConvertedTogetherImportsTheConvertedFile()
    {
        var package = WritePackage();
        var aliased = Write("src/proj/sub/aliased.py", """
            import torch.nn as nn
            import proj.blocks as B
            import proj.blocks


            class Deeper(B.Block):
                def forward(self, x):
                    return super().forward(x) * 2
            """);
        var files = new[] { ("__init__", "__init__.py"), ("blocks", "blocks.py"), ("sub/__init__", "sub/__init__.py"), ("sub/aliased", "sub/aliased.py") }
            .Select(f => (f.Item1, Path.Combine(package, f.Item2))).ToList();
        var project = Pipeline.Index(Converter.BuiltInMaps, files);
        Assert.Contains("sub/aliased\tDeeper\tModule,Train,BatchStats\n", project.Serialize());

        var result = Converter.Pipeline.Convert(aliased, File.ReadAllBytes(aliased), "sub/aliased", project);
        Assert.Empty(result.Diagnostics);
        // The alias binds the converted module; a plain import binds the top package, and stays.
        Assert.Contains("from .. import blocks as B\nimport proj.blocks\n", result.Output);
        Assert.Contains("class Deeper(B.Block):\n    def __call__(self, x):\n        return super().__call__(x) * 2", result.Output);
    }

    [Fact]
    public void AnIndexCacheIsNotReusedForOtherFilesConvertedTogether()
    {
        var package = WritePackage();
        (string, string) net = ("sub/net", Path.Combine(package, "sub", "net.py")), blocks = ("blocks", Path.Combine(package, "blocks.py"));
        var cache = IndexCache.Parse(null, Converter.BuiltInMaps);
        Assert.DoesNotContain("Deeper", Pipeline.Index(Converter.BuiltInMaps, [net], cache).Serialize());

        // With blocks.py in the run, net.py's import reads as relative: its summary is made again, not reused.
        var again = IndexCache.Parse(cache.Serialize(), Converter.BuiltInMaps);
        Assert.Contains("sub/net\tDeeper\tModule,Train,BatchStats\n", Pipeline.Index(Converter.BuiltInMaps, [blocks, net], again).Serialize());
        Assert.Equal(0, again.Reused);
    }

    [Fact]
    public void PythonImportingTheOutputPackageGetsTheConvertedModule()
    {
        var package = WritePackage();
        var output = Path.Combine(_root, "out", "converted");
        var (exit, lines, error) = CliRunner.Run("convert", package, "--out", output);
        Assert.True(exit == 0, string.Join("\n", lines) + error);

        // The folder converted is the package: the output folder is its top, and holds its one runtime,
        // which its files import relatively. Only the output's parent is on the path (and the sources'
        // folder, where an absolute import would find the torch file).
        Assert.Contains("from . import switcheroo_runtime\n", File.ReadAllText(Path.Combine(output, "blocks.py")));
        Assert.True(File.Exists(Path.Combine(output, "switcheroo_runtime.py")));
        Assert.False(File.Exists(Path.Combine(output, "sub", "switcheroo_runtime.py")));
        var script = """
            import sys
            sys.path[:0] = sys.argv[1:]
            import converted.sub.net as net
            print(net.Block.__module__, net.blocks.__name__, "proj.blocks" in sys.modules, net.blocks.switcheroo_runtime.__name__)
            """;
        var printed = Python.RunWith(Python.WithTorch, script, WriteStubs(), Path.Combine(_root, "out"), Path.Combine(_root, "src"));
        Assert.Equal("converted.blocks converted.blocks False converted.switcheroo_runtime", printed.Trim());
    }

    [Fact]
    public void PythonImportingAPackageOfTheOutputGetsItsOneRuntime()
    {
        WritePackage();
        Write("src/proj/sub/norm.py", """
            import torch.nn as nn


            class Norm(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.bn = nn.BatchNorm1d(4)

                def forward(self, x):
                    return self.bn(x)
            """);
        Write("src/train.py", "import torch.nn.functional as F\n\n\ndef probs(x):\n    return F.softmax(x)\n");
        var output = Path.Combine(_root, "out");
        var (exit, lines, error) = CliRunner.Run("convert", Path.Combine(_root, "src"), "--out", output);
        Assert.True(exit == 0, string.Join("\n", lines) + error);

        // One runtime in the package's top folder, imported relatively from every folder of the package;
        // a file in no package keeps the runtime beside it.
        Assert.Contains("from .. import switcheroo_runtime\n", File.ReadAllText(Path.Combine(output, "proj", "sub", "norm.py")));
        Assert.Contains("from . import switcheroo_runtime\n", File.ReadAllText(Path.Combine(output, "proj", "blocks.py")));
        Assert.Contains("import switcheroo_runtime\n", File.ReadAllText(Path.Combine(output, "train.py")));
        Assert.DoesNotContain("from", File.ReadAllText(Path.Combine(output, "train.py")));
        Assert.True(File.Exists(Path.Combine(output, "proj", "switcheroo_runtime.py")));
        Assert.True(File.Exists(Path.Combine(output, "switcheroo_runtime.py")));
        Assert.False(File.Exists(Path.Combine(output, "proj", "sub", "switcheroo_runtime.py")));
        var script = """
            import sys
            sys.path[:0] = sys.argv[1:]
            import proj.sub.net
            import proj.sub.norm as norm
            import proj.blocks as blocks
            print(norm.switcheroo_runtime.__name__, norm.switcheroo_runtime is blocks.switcheroo_runtime)
            """;
        var printed = Python.RunWith(Python.WithTorch, script, WriteStubs(), output);
        Assert.Equal("proj.switcheroo_runtime True", printed.Trim());
    }

    /// <summary>Stand-ins for jax and flax (not installed here) that accept whatever the outputs do at import.</summary>
    private string WriteStubs()
    {
        foreach (var module in new[] { "jax", "jax/numpy", "jax/nn", "jax/random", "flax", "flax/linen" })
        {
            Write($"stubs/{module}/__init__.py", Stub);
        }
        return Path.Combine(_root, "stubs");
    }

    private const string Stub = """
        class _Any:
            def __init__(self, *args, **kwargs):
                pass

            def __call__(self, *args, **kwargs):
                return args[0] if args else self

            def __getattr__(self, name):
                return _Any()


        def __getattr__(name):
            return _Any if name[:1].isupper() else _Any()
        """;

    [Fact]
    public void TorchsOwnFilesAndImportsOfFilesNotConvertedKeepTheirImports()
    {
        Write("torch/__init__.py", string.Empty);
        var layer = Write("torch/nn/layer.py", "import torch.nn as nn\nfrom torch.nn.base import Base\n\n\nclass Layer(Base):\n    pass\n");
        var base_ = Write("torch/nn/base.py", "import torch.nn as nn\n\n\nclass Base(nn.Module):\n    pass\n");
        Write("torch/nn/__init__.py", string.Empty);
        var project = Pipeline.Index(Converter.BuiltInMaps, [("nn/layer", layer), ("nn/base", base_)]);
        Assert.Contains("from torch.nn.base import Base", Converter.Pipeline.Convert(layer, File.ReadAllBytes(layer), "nn/layer", project).Output);

        var package = WritePackage();
        var net = Path.Combine(package, "sub", "net.py");
        var without = Pipeline.Index(Converter.BuiltInMaps, [("sub/net", net)]);
        Assert.Contains("from proj.blocks import Block, width", Converter.Pipeline.Convert(net, File.ReadAllBytes(net), "sub/net", without).Output);
    }
}
