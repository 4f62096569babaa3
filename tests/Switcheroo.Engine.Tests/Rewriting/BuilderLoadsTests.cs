using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// A builder's <c>model.load_state_dict(...)</c> whose model another builder of the file returns, as an
/// instance of a class deriving from a class of another file of the project (torchvision's segmentation
/// models: <c>FCN(_SimpleSegmentationModel)</c>): converted alone, the class is not known to be a Linen
/// module and the load says which file to convert with it; converted with that file, it converts.
/// </summary>
public sealed class BuilderLoadsTests : IDisposable
{
    private const string Bases = """
        import torch.nn as nn


        class SegBase(nn.Module):
            def __init__(self, features: int, classes: int) -> None:
                super().__init__()
                self.body = nn.Linear(features, classes)

            def forward(self, x):
                return self.body(x)
        """;

    private const string Models = """
        import torch
        import torch.nn as nn
        from ._bases import SegBase


        class Segmenter(SegBase):
            pass


        def _segmenter(classes: int) -> Segmenter:
            return Segmenter(8, classes)


        def segmenter(state_dict=None):
            model = _segmenter(3)
            if state_dict is not None:
                model.load_state_dict(state_dict)
            return model
        """;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ConvertedAloneTheLoadNamesTheFileOfTheBase()
    {
        _folder.Write("seg/__init__.py", string.Empty);
        var path = _folder.Write("seg/models.py", Models);

        var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SWR3002", diagnostic.Code);
        Assert.Contains("it holds an instance of Segmenter, whose base SegBase, imported from ._bases, is not converted with this file", diagnostic.Message);
    }

    [Fact]
    public void ConvertedWithTheFileOfTheBaseTheLoadConverts()
    {
        _folder.Write("seg/__init__.py", string.Empty);
        var bases = _folder.Write("seg/_bases.py", Bases);
        var path = _folder.Write("seg/models.py", Models);
        var project = Pipeline.Index(Converter.BuiltInMaps, [("seg/_bases", bases), ("seg/models", path)]);

        var result = Converter.Pipeline.Convert(path, File.ReadAllBytes(path), "seg/models", ProjectModules.Parse(project.Serialize()));

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Switcheroo.Engine.Diagnostics.Severity.Warning);
        Assert.Contains("model = switcheroo_runtime.with_state_dict(model, state_dict)", result.Output);
    }
}
