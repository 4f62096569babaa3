using Switcheroo.Engine.Analysis;
using System.Text;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>Module classes across the files converted together: indexing, import resolution, and their use.</summary>
public sealed class ProjectModulesTests : IDisposable
{
    private const string Block = """
        import torch.nn as nn


        class Block(nn.Module):
            def __init__(self):
                super().__init__()
                self.bn = nn.BatchNorm1d(4)

            def forward(self, x):
                return self.bn(x)


        class Helper:
            pass
        """;

    private const string Net = """
        import torch.nn as nn
        from .block import Block


        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.block = Block()
                self.fc = nn.Linear(4, 2)

            def forward(self, x):
                return self.fc(self.block(x))
        """;

    private const string Plain = """
        import torch.nn as nn


        class Plain(nn.Module):
            def forward(self, x):
                return x
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("switcheroo-project-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string, string) File(string modulePath, string text)
    {
        var path = Path.Combine(_folder, modulePath.Replace('/', Path.DirectorySeparatorChar) + ".torch.py");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return (modulePath, path);
    }

    [Fact]
    public void IndexesModuleClassesWithWhatImportersNeedAcrossFiles()
    {
        var project = Pipeline.Index(Converter.BuiltInMaps, [File("models/block", Block), File("models/net", Net), File("plain", Plain), File("data", "x = 1\n")]);
        Assert.Equal(
            "models/block\tBlock\tModule,Train,BatchStats\n" +
            "models/net\tNet\tModule,Train,BatchStats\n" +   // through Block, imported relatively
            "plain\tPlain\tModule\n",
            project.Serialize().WithoutConstructors());
        Assert.Equal(project.Serialize(), ProjectModules.Parse(project.Serialize()).Serialize());
    }

    [Fact]
    public void TheIndexCacheReusesTheSummariesOfUnchangedFilesOnly()
    {
        (string, string)[] files = [File("models/block", Block), File("models/net", Net)];
        var cache = IndexCache.Parse(null, Converter.BuiltInMaps);
        var first = Pipeline.Index(Converter.BuiltInMaps, files, cache);
        Assert.Equal(0, cache.Reused);

        var again = IndexCache.Parse(cache.Serialize(), Converter.BuiltInMaps);
        Assert.Equal(first.Serialize(), Pipeline.Index(Converter.BuiltInMaps, files, again).Serialize());
        Assert.Equal(2, again.Reused);

        var block = files[0].Item2;
        System.IO.File.WriteAllText(block, Block.Replace("nn.BatchNorm1d(4)", "nn.Linear(4, 4)"));
        System.IO.File.SetLastWriteTimeUtc(block, DateTime.UtcNow.AddMinutes(1));
        var third = IndexCache.Parse(again.Serialize(), Converter.BuiltInMaps);
        var changed = Pipeline.Index(Converter.BuiltInMaps, files, third);
        Assert.Equal(1, third.Reused);
        Assert.Equal("models/block\tBlock\tModule\nmodels/net\tNet\tModule\n", changed.Serialize().WithoutConstructors());

        var foreign = IndexCache.Parse($"switcheroo-index 2 another-engine {Converter.BuiltInMaps.TraitsKey}\n" + third.Serialize().Split('\n', 2)[1], Converter.BuiltInMaps);
        Pipeline.Index(Converter.BuiltInMaps, files, foreign);
        Assert.Equal(0, foreign.Reused);

        // Maps that declare other traits or model bases summarize differently (with none, torch.nn.Module
        // is no model base and Net no module): nothing is reused, and a cache read for other maps is
        // refused rather than trusted.
        var otherTraits = IndexCache.Parse(third.Serialize(), Switcheroo.Engine.Mapping.MapSet.Empty);
        Assert.Equal("", Pipeline.Index(Switcheroo.Engine.Mapping.MapSet.Empty, files[1..], otherTraits).Serialize());
        Assert.Equal(0, otherTraits.Reused);
        Assert.Throws<ArgumentException>(() => Pipeline.Index(Converter.BuiltInMaps, files, otherTraits));
    }

    [Theory]
    [InlineData("models/train", "net.Net", true)]          // beside the importer
    [InlineData("models/train", "models.net.Net", true)]   // from the folder above
    [InlineData("models/sub/train", "net.Net", true)]      // from a folder above the importer
    [InlineData("models/train", ".net.Net", true)]         // relative: the importer's package
    [InlineData("models/sub/train", "..net.Net", true)]    // relative: one package up
    [InlineData("train", "..net.Net", false)]              // above the top
    [InlineData("models/train", "net.Other", false)]
    [InlineData("models/train", "other.Net", false)]
    public void ResolvesImportsAsPythonWouldFindTheConvertedFiles(string importer, string name, bool found)
    {
        var project = new ProjectModules();
        project.Set("models/net", new Dictionary<string, ClassFacts> { ["Net"] = ClassFacts.Module | ClassFacts.Dropout });
        Assert.Equal(found ? ClassFacts.Module | ClassFacts.Dropout : null, project.Resolve(importer, name));
    }

    /// <summary>A canonical training loop over the model that <paramref name="build"/> makes (statements of the function, 4 spaces in).</summary>
    private static string TrainingScript(string import, string build) => $$"""
        import torch
        {{import}}


        def run(loader):
            {{build}}
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            model.train()
            for x, y in loader:
                optimizer.zero_grad()
                loss = ((model(x) - y) ** 2).mean()
                loss.backward()
                optimizer.step()
        """;

    [Fact]
    public void ATrainingScriptUsesTheImportedClassLikeItsOwn()
    {
        var project = Pipeline.Index(Converter.BuiltInMaps, [File("models/block", Block)]);
        var script = TrainingScript("from block import Block", "torch.manual_seed(0)\n    model = Block()");
        var result = Converter.Pipeline.Convert("train.torch.py", Encoding.UTF8.GetBytes(script), "models/train", project);
        Assert.Empty(result.Diagnostics);
        Assert.Contains("model = model.clone(train=True)", result.Output);
        Assert.Contains("params, batch_stats = variables[\"params\"], variables[\"batch_stats\"]", result.Output); // known: no .get(...)
        Assert.DoesNotContain("dropout", result.Output);                                                        // Block draws no masks

        var alone = Converter.Pipeline.Convert("train.torch.py", Encoding.UTF8.GetBytes(script));
        Assert.Contains(alone.Diagnostics, d => d.Code == "SWR3009"); // without the project the class is unknown
    }

    private const string Kept = """
        import torch.nn as nn


        class Kept(nn.Module):
            def __init__(self, *sizes):
                super().__init__()
                self.fc = nn.Linear(sizes[0], sizes[1])
        """;

    private const string Subclasses = """
        import torch.nn as nn
        from .block import Block
        from .kept import Kept


        class Deeper(Block):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fc = nn.Linear(4, 4)


        class Again(Kept):
            pass
        """;

    [Fact]
    public void SubclassesOfImportedModuleClassesTakeTheirFactsAndConvertOnlyFromConvertedOnes()
    {
        var project = Pipeline.Index(Converter.BuiltInMaps, [File("models/block", Block), File("models/kept", Kept), File("models/deeper", Subclasses)]);
        Assert.StartsWith(
            "models/block\tBlock\tModule,Train,BatchStats\n" +
            "models/deeper\tAgain\tModule,Kept\n" +               // derived from Kept, which its file keeps
            "models/deeper\tDeeper\tModule,Train,BatchStats\n" +   // derived from Block, imported
            "models/kept\tKept\tModule,Kept\n@",                     // then the functions' lines
            project.Serialize().WithoutConstructors());
        var result = Converter.Pipeline.Convert("deeper.torch.py", Encoding.UTF8.GetBytes(Subclasses), "models/deeper", project);
        Assert.Contains("class Deeper(Block):\n    def setup(self):\n        super().setup()\n", result.Output);
        Assert.DoesNotContain("train: bool", result.Output);   // Block declares it
        var kept = Assert.Single(result.Diagnostics, d => d.Code == "SWR3006");
        Assert.Contains("Kept stays torch code in the file it is imported from", kept.Message);
    }

    [Fact]
    public void AModelOfAnImportedClassKeptAsTorchIsNotTrainedAsAFlaxModule()
    {
        var project = Pipeline.Index(Converter.BuiltInMaps, [File("models/kept", Kept)]);
        var script = TrainingScript("from kept import Kept", "model = Kept(4, 2)");
        var result = Converter.Pipeline.Convert("train.torch.py", Encoding.UTF8.GetBytes(script), "models/train", project);

        Assert.Contains("model.train()", result.Output);
        Assert.DoesNotContain("model.clone(", result.Output);
        Assert.Contains(result.Diagnostics, d => d.Code == "SWR3009");
    }

    [Fact]
    public void ASubmoduleBuiltFromAFileConvertedTogetherIsNotReportedAsUnseen()
    {
        const string helpers = """
            import torch.nn as nn


            def make_block(width):
                return nn.Linear(width, width)
            """;
        const string net = """
            import torch.nn as nn
            from .helpers import make_block
            from .elsewhere import Other


            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.block = make_block(4)
                    self.other = Other(4)

                def forward(self, x):
                    return self.other(self.block(x))
            """;
        var project = Pipeline.Index(Converter.BuiltInMaps, [File("models/helpers", helpers), File("models/net", net)]);
        var result = Converter.Pipeline.Convert("net.torch.py", Encoding.UTF8.GetBytes(net), "models/net", project);

        var unseen = Assert.Single(result.Diagnostics, d => d.Code == "SWR3020");
        Assert.Contains("self.other is built by Other, imported from .elsewhere", unseen.Message);
    }

    private const string Tolerant = """
        import torch.nn as nn


        class Tolerant(nn.Module):
            def __init__(self, width, **kwargs):
                super().__init__()
                self.fc = nn.Linear(width, width)

            def forward(self, x):
                return self.fc(x)
        """;

    private const string Builder = """
        from tolerant import Tolerant


        class Wrapped(Tolerant):
            pass


        def build(width, **options):
            return Tolerant(width, **options), Tolerant(width, name="first"), Wrapped(width, **options), Tolerant(width)
        """;

    [Fact]
    public void ConstructionsOfAnImportedClassIgnoringArgumentsAreReportedWhereTheyMayPassThem()
    {
        var project = Pipeline.Index(Converter.BuiltInMaps, [File("models/tolerant", Tolerant), File("models/builder", Builder)]);
        Assert.StartsWith(
            "models/builder\tWrapped\tModule,IgnoresArguments\n" +   // built by its imported base's constructor, which ignores them
            "models/tolerant\tTolerant\tModule,IgnoresArguments\n@",
            project.Serialize().WithoutConstructors());
        var result = Converter.Pipeline.Convert("builder.torch.py", Encoding.UTF8.GetBytes(Builder), "models/builder", project);
        var reported = result.Diagnostics.Where(d => d.Code == "SWR3003").Select(d => (d.Column, d.Message)).ToList();
        Assert.Equal([12, 40], reported.Select(r => r.Column));   // not Tolerant(width)
        Assert.Contains("passes **options", reported[0].Message);
        Assert.Contains("the keyword 'name', which torch ignored and the Flax module takes as its own 'name' field", reported[1].Message);
        // Wrapped's fields are Tolerant's, known from the index's constructor (ImportedBases): the mapping passes on only those.
        Assert.Contains("Wrapped(\n        width, **switcheroo_runtime.constructor_keywords(options, (\"width\",))\n    )", result.Output);
    }
}
