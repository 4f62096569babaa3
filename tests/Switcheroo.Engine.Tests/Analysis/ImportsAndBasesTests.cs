using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Session;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// The function index reads a file's imported module classes from <see cref="ModuleSummary.ImportsAndBases"/>, not from the
/// whole summary: both give <see cref="ProjectModules.Imported"/> the same classes, on a project made for it and on
/// torchvision's model files indexed as one project.
/// </summary>
public sealed class ImportsAndBasesTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ImportedClassesAreTheWholeSummarysOnAProjectMadeForIt()
    {
        var blocks = _folder.Write("nets/blocks.torch.py", "import torch.nn as nn\n\n\nclass Block(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.bn = nn.BatchNorm1d(4)\n\n    def forward(self, x):\n        return self.bn(x)\n");
        // A base through an imported module, a class defined twice, a layer helper, and a base imported by name.
        var models = _folder.Write("nets/models.torch.py",
            "import torch.nn as nn\nfrom . import blocks\nfrom .blocks import Block\n\n\nclass Deep(blocks.Block):\n    pass\n\n\nclass Twice(Block):\n    pass\n\n\n" +
            "class Twice(nn.Module):\n    pass\n\n\ndef make(c):\n    return nn.Sequential(nn.BatchNorm1d(c))\n\n\nclass Named(Block):\n    def __init__(self):\n        super().__init__()\n        self.body = make(4)\n");
        AssertSameImported([("nets/blocks", blocks), ("nets/models", models)], atLeast: 1);
    }

    [Fact]
    public void ImportedClassesAreTheWholeSummarysOnTorchvisionsModels()
    {
        var root = Path.Combine(Python.RunWith(Python.WithTorch, "import torchvision, os\nprint(os.path.dirname(torchvision.__file__))").Trim(), "models");
        var files = Directory.GetFiles(root, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (OutputNaming.ModulePath(Path.GetRelativePath(root, f)), f)).ToList();
        AssertSameImported(files, atLeast: 10);
    }

    private static void AssertSameImported(List<(string ModulePath, string Path)> files, int atLeast)
    {
        var project = Pipeline.Index(Converter.BuiltInMaps, files);
        int importing = 0;
        foreach (var (modulePath, path) in files)
        {
            var tree = AbsoluteImports.Relativise(PythonSyntax.Parse(path, File.ReadAllBytes(path)), modulePath, project.Packages);
            if (tree.Root is null)
            {
                continue;
            }
            var model = SemanticModel.Build(tree);
            var whole = LargeStack.Run(() => project.Imported(modulePath, ModuleSummary.Of(tree.Root, model, Converter.BuiltInMaps)));
            var read = project.Imported(modulePath, ModuleSummary.ImportsAndBases(tree.Root, model));
            Assert.Equal(whole.OrderBy(c => c.Key, StringComparer.Ordinal), read.OrderBy(c => c.Key, StringComparer.Ordinal));
            importing += whole.Count > 0 ? 1 : 0;
        }
        Assert.True(importing >= atLeast, $"{importing} files import module classes of the project");
    }
}
