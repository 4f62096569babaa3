using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// A class deriving from a module class of another file converted with it (<see cref="ImportedBases"/>): the base's
/// fields are its constructor as the module index keeps it, so the subclass converts exactly where one of the same file
/// would, and is reported where it reads an attribute the base may keep under another name, or derives from a class its
/// own file keeps (known to the index, which summarises such a file again with its bases' facts).
/// </summary>
public sealed class ImportedBasesTests : IDisposable
{
    private const string Blocks = """
        import torch.nn as nn


        class Block(nn.Module):
            def __init__(self, width, act=None, scale=1.0):
                super().__init__()
                self.fc = nn.Linear(width, width)
                self.act = act
                self.scale = scale

            def forward(self, x):
                y = self.fc(x) * self.scale
                return y if self.act is None else self.act(y)


        class Stem(nn.Module):
            def __init__(self, width, sizes=(1, 2)):
                super().__init__()
                self.fc = nn.Linear(width, width)
                self.sizes = list(sizes)

            def forward(self, x):
                return self.fc(x) * len(self.sizes)


        class Classifier(nn.Module):
            def __init__(self, width, classes, dropout=0.5):
                super().__init__()
                self.fc = nn.Linear(width, classes)
                self.dropout = nn.Dropout(p=dropout)

            def forward(self, x):
                return self.fc(self.dropout(x))


        class Net(nn.Module):
            def __init__(self, width, classes, head=None):
                super().__init__()
                if head is None:
                    head = Classifier
                self.stem = nn.Linear(width, width)
                self.top = head(width, classes)

            def forward(self, x):
                return self.top(self.stem(x))


        class Head(nn.Module):
            def __init__(self, width, proj=None):
                super().__init__()
                self.proj = nn.Linear(width, width) if proj is None else proj

            def forward(self, x):
                return self.proj(x)
        """;

    private const string Variants = """
        import torch
        import torch.nn as nn
        from .blocks import Block, Classifier, Head, Net, Stem


        class TanhBlock(Block):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, act=torch.tanh, **kwargs)


        class WideBlock(Block):
            def __init__(self, width, act=None, scale=2.0, depth=2):
                super().__init__(width, act=act, scale=scale)
                self.extra = nn.Linear(width, depth)

            def forward(self, x):
                return self.extra(super().forward(x))


        class Plain(Block):
            def __init__(self, width, scale=1.0):
                super().__init__(width, scale=scale)


        class Narrow(Stem):
            def __init__(self, width):
                super().__init__(width)


        class SizedStem(Stem):
            def forward(self, x):
                return self.fc(x) + len(self.sizes)


        class Scaled(Block):
            def __init__(self, width):
                super().__init__(width, scale=width ** 0.5)


        class GatedClassifier(Classifier):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.gate = nn.Sigmoid()

            def forward(self, x):
                return self.fc(self.dropout(x * self.gate(x)))


        class GatedNet(Net):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, head=GatedClassifier, **kwargs)


        class SizedTwice(Stem):
            def __init__(self, width, sizes=(3, 4)):
                super().__init__(width, sizes=sizes)
                self.sizes_ = 2

            def forward(self, x):
                return self.fc(x) * len(self.sizes) * self.sizes_


        class TwiceHead(Head):
            def forward(self, x):
                return self.proj(self.proj(x))
        """;

    private const string Final = """
        from .variants import Scaled


        class Last(Scaled):
            def forward(self, x):
                return super().forward(x) * 2
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("swr-importedbases-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private List<(string, string)> Package() =>
    [
        ("pkg/__init__", Write("pkg/__init__.py", string.Empty)),
        ("pkg/blocks", Write("pkg/blocks.py", Blocks)),
        ("pkg/variants", Write("pkg/variants.py", Variants)),
        ("pkg/final", Write("pkg/final.py", Final)),
    ];

    private static ConversionResult Convert(List<(string, string)> files, int index, ProjectModules project) =>
        Converter.Pipeline.Convert(files[index].Item2, File.ReadAllBytes(files[index].Item2), files[index].Item1, project);

    [Fact]
    public void TheIndexSaysWhichAttributesAConstructorSetsToAnotherValue()
    {
        var text = Pipeline.Index(Converter.BuiltInMaps, Package()).Serialize();
        Assert.Contains("%\tpkg/blocks\tBlock\tPwidth\tPact=None\tPscale=1.0\n", text);
        // Stem stores list(sizes): its Linen class keeps that as sizes_, which the index records.
        Assert.Contains("%\tpkg/blocks\tStem\tPwidth\tpsizes>sizes_?\n", text);
        // Head stores a layer under proj, a checkpoint key its Linen class keeps (reported), so it is not known to move.
        Assert.Contains("%\tpkg/blocks\tHead\tPwidth\tpproj=None\n", text);
        // A dropout holds no variables: Classifier's Linen class builds it as dropout_.
        Assert.Contains("%\tpkg/blocks\tClassifier\tPwidth\tPclasses\tpdropout>dropout_=0.5\n", text);
        // A class deriving from another of the project may have its attributes set by that one's constructor.
        Assert.Contains("%\tpkg/variants\tWideBlock\tpwidth\tpact=None\tpscale=2.0\tpdepth=2\n", text);
        Assert.Equal(text, ProjectModules.Parse(text).Serialize());
    }

    [Fact]
    public void AnIndexLineKeepsTheAttributeAnArgumentMovesTo()
    {
        // The moved attribute stands between the name and the default, which may hold '>' itself.
        var fields = new[] { "pdropout>dropout_=0.5", "psizes>sizes__?", "Kmode=\"a>b\"", "pact" };
        var signature = ConstructorSignature.Parse(fields)!;
        Assert.Equal(["dropout_", "sizes__", null, null], signature.Parameters.Select(p => p.Moved));
        Assert.Equal(["0.5", null, "\"a>b\"", null], signature.Parameters.Select(p => p.Default));
        Assert.True(signature.Parameters[1].OpaqueDefault);
        Assert.Equal(fields, signature.Fields());
    }

    [Fact]
    public void ASubclassOfAnImportedBaseConvertsWithTheBasesFields()
    {
        var files = Package();
        var project = ProjectModules.Parse(Pipeline.Index(Converter.BuiltInMaps, files).Serialize());
        var result = Convert(files, 2, project);
        Assert.NotNull(result.Output);
        // A keyword beside *args, **kwargs is the default of the base's field, declared again in its place.
        Assert.Contains("class TanhBlock(Block):\n    act: typing.Any = jnp.tanh\n", result.Output);
        // Arguments passed on unchanged: the base's fields, those whose default changes declared again, then the new ones.
        Assert.Contains("class WideBlock(Block):\n    scale: float = 2.0\n    depth: int = 2\n", result.Output);
        Assert.Contains("super().__call__(x)", result.Output);
        // A field it does not take is declared again keyword-only with the base's literal default, as the index keeps it.
        Assert.Contains("class Plain(Block):\n    _: dataclasses.KW_ONLY\n    act: typing.Any = None\n", result.Output);
        var kept = result.Diagnostics.Where(d => d.Code == "SWR3006").Select(d => d.Message).ToList();
        // SizedStem reads self.sizes, which Stem's Linen class moves to sizes_: read there, as by a subclass in Stem's own file.
        Assert.Contains("class SizedStem(Stem):\n    def __call__(self, x):\n        return self.fc(x) + len(self.sizes_)\n", result.Output);
        // GatedClassifier reads self.dropout, which Classifier's Linen class builds as dropout_ (a dropout holds no variables).
        Assert.Contains("    def __call__(self, x):\n        return self.fc(self.dropout_(x * self.gate(x)))\n", result.Output);
        // So a class passing it to its base's constructor converts too (torchvision's QuantizableGoogLeNet, blocks=[...]).
        Assert.Contains("class GatedNet(Net):\n    head: typing.Any = GatedClassifier\n", result.Output);
        Assert.Equal(4, kept.Count);
        // One that has a sizes_ of its own cannot read Stem's there.
        Assert.Contains(kept, m => m.StartsWith("class SizedTwice ", StringComparison.Ordinal) && m.Contains("self.sizes"));
        // sizes=(1, 2) is no literal the index repeats: not taken, it cannot be declared again.
        Assert.Contains(kept, m => m.StartsWith("class Narrow ", StringComparison.Ordinal) && m.Contains("'sizes', whose default is not known here"));
        // Head keeps proj under its name (a layer): TwiceHead's reads cannot follow it.
        Assert.Contains(kept, m => m.StartsWith("class TwiceHead ", StringComparison.Ordinal) && m.Contains("self.proj"));
        Assert.Contains(kept, m => m.StartsWith("class Scaled ", StringComparison.Ordinal) && m.Contains("'scale=width**0.5'"));

        // Converted alone, the base's fields are not known: a subclass with arguments of its own stays torch code.
        var alone = Converter.Pipeline.Convert(files[2].Item2, File.ReadAllBytes(files[2].Item2));
        Assert.DoesNotContain("class WideBlock(Block):\n    scale", alone.Output ?? string.Empty);
    }

    [Fact]
    public void ASubclassOfAnImportedClassItsFileKeepsIsKept()
    {
        var files = Package();
        var project = ProjectModules.Parse(Pipeline.Index(Converter.BuiltInMaps, files).Serialize());
        Assert.Contains("pkg/variants\tScaled\tModule,Kept", project.Serialize());
        var result = Convert(files, 3, project);
        Assert.Contains(result.Diagnostics, d => d.Code == "SWR3006" && d.Message.Contains("Scaled stays torch code in the file it is imported from"));
        Assert.Contains("def forward(self, x):", result.Output);
    }
}
