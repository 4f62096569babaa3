using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// The value analysis across the files converted together (docs/maps.md, "Which values are
/// tensors"): each case is a project of files (module path → text); the value asked for is the
/// expression on the line marked <c># &lt;-</c> of the first file that has one.
/// </summary>
public sealed class ProjectValuesTests : IDisposable
{
    private const string Marker = "# <-";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ACallOfAnImportedFunctionIsWhatItReturns()
    {
        var value = ValueOf("x",
            ("pkg/ops", "import torch\n\n\ndef make(n):\n    return torch.ones(n)\n"),
            ("pkg/main", "from .ops import make\n\nx = make(3)\nx  # <-\n"));
        Assert.Equal("tensor", value);
    }

    [Fact]
    public void AParameterTakesWhatEveryCallFromEveryFilePasses()
    {
        const string ops = "def scale(x):\n    return x * 2  # <-\n";
        Assert.Equal("tensor", ValueOf("x",
            ("ops", ops),
            ("a", "import torch\nfrom ops import scale\n\nscale(torch.ones(2))\n"),
            ("b", "import torch\nfrom ops import scale\n\nscale(x=torch.zeros(3))\n")));
        Assert.Equal("unknown", ValueOf("x",
            ("ops", ops),
            ("a", "import torch\nfrom ops import scale\n\nscale(torch.ones(2))\n"),
            ("b", "from ops import scale\n\nscale(3)\n")));
    }

    [Fact]
    public void AReturnDependsOnTheCallsOfEveryFile()
    {
        const string ops = "def same(x):\n    return x\n";
        Assert.Equal("tensor", ValueOf("y",
            ("a", "import torch\nfrom ops import same\n\ny = same(torch.ones(2))\ny  # <-\n"),
            ("ops", ops)));
        Assert.Equal("unknown", ValueOf("y",
            ("a", "import torch\nfrom ops import same\n\ny = same(torch.ones(2))\ny  # <-\n"),
            ("b", "from ops import same\n\nsame('text')\n"),
            ("ops", ops)));
    }

    [Theory]
    [InlineData("used as a value", "from ops import scale\n\nhandlers = [scale]\n")]
    [InlineData("called in a lambda", "from ops import scale\n\nlater = lambda s: scale(s)\n")]
    [InlineData("its module imported whole", "import ops\n\nops.scale(socket)\n")]
    [InlineData("imported inside a function", "def run(s):\n    from ops import scale\n    scale(s)\n")]
    [InlineData("star import", "from ops import *\n\nscale(socket)\n")]
    public void AFunctionAnotherFileMayCallUnseenTakesAnything(string what, string other)
    {
        const string ops = "import torch\n\n\ndef scale(x):\n    return x.detach()  # <-\n\n\nscale(torch.ones(1))\n";
        Assert.True(ValueOf("x", ("ops", ops), ("other", other)) == "unknown", what);
        Assert.Equal("tensor", ValueOf("x", ("ops", ops)));
    }

    [Fact]
    public void AMethodAFileImportingItsClassMayCallIsOpen()
    {
        const string base_ = """
            import torch


            class Base:
                def run(self):
                    return self.helper(torch.ones(1))

                def helper(self, x):
                    return x  # <-
            """;
        Assert.Equal("tensor", ValueOf("x", ("base", base_)));
        Assert.Equal("unknown", ValueOf("x", ("base", base_),
            ("middle", "from base import Base\n\n\nclass Middle(Base):\n    pass\n"),
            ("leaf", "from middle import Middle\n\n\nclass Leaf(Middle):\n    def go(self):\n        return self.helper(3)\n")));
    }

    [Fact]
    public void AnAnnotatedParameterOfAnOpenFunctionIsWhatItSays()
    {
        const string ops = "from torch import Tensor\n\n\ndef scale(x: Tensor):\n    return x  # <-\n";
        Assert.Equal("tensor", ValueOf("x", ("ops", ops), ("other", "import ops\n\nops.scale(3)\n")));
    }

    [Fact]
    public void ALambdaCallMakesAFunctionOfTheFileOpen()
    {
        const string source = "import torch\n\n\ndef f(x):\n    return x  # <-\n\n\nf(torch.ones(1))\ng = lambda: f(3)\n";
        Assert.Equal("unknown", ValueOf("x", ("main", source)));
    }

    [Fact]
    public void TheModulesFileCarriesTheFunctions()
    {
        var paths = new[]
        {
            ("ops", _folder.Write("ops.torch.py", "import torch\n\n\ndef pair(x, n=None):\n    return (x, torch.ones(1), n)\n\n\ndef other(y):\n    return y\n\n\nclass C:\n    def run(self):\n        pass\n")),
            ("a", _folder.Write("a.torch.py", "import torch\nfrom ops import C, other, pair\n\npair(torch.ones(2), n=3)\npair([1], None)\nhandlers = [other]\nC().run()\n")),
        };
        var project = Pipeline.Index(Converter.BuiltInMaps, paths);
        var text = project.Serialize();
        Assert.Contains("@R\tops\tpair\t(U T ?I)", text);
        Assert.Contains("@C\tops\tpair\t0\t=T\tn=I", text);
        Assert.Contains("@O\tops\tother", text);
        Assert.Contains("@M\tops\trun", text);
        Assert.Equal(text, ProjectModules.Parse(text).Serialize());
    }

    [Fact]
    public void TheIndexCacheLinksTheFunctionsOfUnchangedFilesWithoutParsingThem()
    {
        var paths = new[]
        {
            ("ops", _folder.Write("ops.torch.py", "import torch\n\n\ndef same(x):\n    return x\n")),
            ("a", _folder.Write("a.torch.py", "import torch\nfrom ops import same\n\ny = same(torch.ones(2))\n")),
            ("b", _folder.Write("b.torch.py", "import torch\n\nz = torch.zeros(1)\n")),
        };
        var first = IndexCache.Parse(null, Converter.BuiltInMaps);
        var expected = Pipeline.Index(Converter.BuiltInMaps, paths, first).Serialize();
        Assert.Equal(3, first.FunctionFilesParsed);
        Assert.Contains("@R\tops\tsame\tT", expected);

        // Nothing changed: the same links, and no file is parsed for them.
        var second = IndexCache.Parse(first.Serialize(), Converter.BuiltInMaps);
        Assert.Equal(expected, Pipeline.Index(Converter.BuiltInMaps, paths, second).Serialize());
        Assert.Equal(0, second.FunctionFilesParsed);

        // A changed file is read again, with the file whose analysis reads what it changed; the result is the uncached one.
        System.IO.File.WriteAllText(paths[1].Item2, "from ops import same\n\ny = same(3)\n");
        System.IO.File.SetLastWriteTimeUtc(paths[1].Item2, DateTime.UtcNow.AddMinutes(1));
        var third = IndexCache.Parse(second.Serialize(), Converter.BuiltInMaps);
        var changed = Pipeline.Index(Converter.BuiltInMaps, paths, third).Serialize();
        Assert.Equal(Pipeline.Index(Converter.BuiltInMaps, paths).Serialize(), changed);
        Assert.Contains("@R\tops\tsame\tI", changed);
        Assert.Equal(2, third.FunctionFilesParsed);

        // The next build reuses what this one found.
        var fourth = IndexCache.Parse(third.Serialize(), Converter.BuiltInMaps);
        Assert.Equal(changed, Pipeline.Index(Converter.BuiltInMaps, paths, fourth).Serialize());
        Assert.Equal(0, fourth.FunctionFilesParsed);
    }

    private string ValueOf(string expression, params (string ModulePath, string Text)[] files)
    {
        var paths = files.Select(f => (f.ModulePath, Path: _folder.Write(f.ModulePath + ".torch.py", f.Text))).ToList();
        var project = Pipeline.Index(Converter.BuiltInMaps, paths);
        var (modulePath, path) = paths.First(p => File.ReadAllText(p.Path).Contains(Marker));
        var (model, node) = ValueAnalysisTests.Marked(File.ReadAllText(path), path, expression);
        return new ValueAnalysis(model, Converter.BuiltInMaps, null, project.Functions.For(modulePath, model)).ValueOf(node).ToString();
    }
}
