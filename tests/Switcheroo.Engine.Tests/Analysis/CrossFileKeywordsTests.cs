using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// A module class passing its <c>**kwargs</c> whole to a module class of another file converted with it
/// (<see cref="ForwardedKeywords"/> over the constructors the module index keeps, <see cref="ConstructorSignature"/>):
/// the keywords that constructor takes are named, with its literal defaults, the keys its <c>**kwargs</c> reads among them.
/// </summary>
public sealed class CrossFileKeywordsTests : IDisposable
{
    private const string Scaling = """
        import torch.nn as nn


        class Scale(nn.Module):
            def __init__(self, width, factor=2.0, offset=None, **kwargs):
                super().__init__()
                self.fc = nn.Linear(width, width)
                self.factor = factor
                self.offset = offset
                self.clip = kwargs.pop("clip", False)

            def forward(self, x):
                y = self.fc(x) * self.factor
                if self.offset is not None:
                    y = y + self.offset
                return y.clamp(-1.0, 1.0) if self.clip else y
        """;

    private const string Model = """
        import torch.nn as nn
        from .scaling import Scale


        class Net(nn.Module):
            def __init__(self, width, depth=1, **kwargs):
                super().__init__()
                self.scale = Scale(width, **kwargs)
                self.out = nn.Linear(width, depth)

            def forward(self, x):
                return self.out(self.scale(x))


        def build(**kwargs):
            return Net(4, **kwargs)
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("swr-crossfile-").FullName;

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
        ("pkg/scaling", Write("pkg/scaling.py", Scaling)),
        ("pkg/model", Write("pkg/model.py", Model)),
    ];

    [Fact]
    public void TheIndexKeepsAModuleClasssConstructorWithTheKeysItsKwargsReads()
    {
        var project = Pipeline.Index(Converter.BuiltInMaps, Package());
        var text = project.Serialize();
        Assert.Contains("%\tpkg/scaling\tScale\tPwidth\tPfactor=2.0\tPoffset=None\tKclip=False\tWkwargs\n", text);
        // Net's own **kwargs is named from Scale's: the index reads model.py again with Scale's constructor known.
        Assert.Contains("%\tpkg/model\tNet\tPwidth\tPdepth=1\tKfactor=2.0\tKoffset=None\tKclip=False\tWkwargs\n", text);
        Assert.Equal(text, ProjectModules.Parse(text).Serialize());
    }

    [Fact]
    public void KeywordsForwardedToAClassOfAnotherFileBecomeFields()
    {
        var files = Package();
        var project = ProjectModules.Parse(Pipeline.Index(Converter.BuiltInMaps, files).Serialize());
        var path = files[2].Item2;
        var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path), "pkg/model", project);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "SWR3006");
        Assert.Contains("    _: dataclasses.KW_ONLY\n    factor: float = 2.0\n    offset: typing.Any = None\n    clip: bool = False\n", result.Output);
        Assert.Contains("Scale(width, factor=factor, offset=offset, clip=clip", result.Output);
        // A mapping unpacked into Net passes on the keywords it names, as torch's Scale ignored the others.
        Assert.Contains("constructor_keywords", result.Output);

        // Converted alone, Scale's constructor is not known: the class stays torch code, reported.
        var alone = Converter.Pipeline.Convert(path, File.ReadAllBytes(path));
        Assert.Contains(alone.Diagnostics, d => d.Code == "SWR3006" && d.Message.Contains("passes **kwargs on to Scale"));
    }

    [Fact]
    public void AnIndexCacheOfTheFormerFormatIsNotRead()
    {
        var files = Package();
        var cache = IndexCache.Parse(null, Converter.BuiltInMaps);
        var first = Pipeline.Index(Converter.BuiltInMaps, files, cache).Serialize();
        var text = cache.Serialize();
        Assert.StartsWith("switcheroo-index 7 ", text);
        Assert.Contains("S\tScale\tPwidth\tPfactor=2.0\tPoffset=None\tKclip=False\tWkwargs\n", text);

        var again = IndexCache.Parse(text, Converter.BuiltInMaps);
        Assert.Equal(first, Pipeline.Index(Converter.BuiltInMaps, files, again).Serialize());
        Assert.Equal(files.Count, again.Reused);

        var old = IndexCache.Parse("switcheroo-index 6 " + text["switcheroo-index 7 ".Length..], Converter.BuiltInMaps);
        Pipeline.Index(Converter.BuiltInMaps, files, old);
        Assert.Equal(0, old.Reused);
    }
}
