using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// One rule of "a class has a model base" (<see cref="ModelBases"/>, docs/maps.md "Module classes"):
/// the classes that convert, the index's summaries and the value analysis agree on every case.
/// </summary>
public sealed class ModelBasesTests
{
    [Theory]
    [InlineData("nn.Module", true)]
    [InlineData("torch.nn.Module", true)]
    [InlineData("Mixin, nn.Module", true)]
    [InlineData("(nn.Module)", true)]
    [InlineData("Mixin", false)]
    [InlineData("Mixin, metaclass=nn.Module", false)]
    [InlineData("Wrapper[nn.Module]", false)]
    [InlineData("mixin(nn.Module)", false)]
    [InlineData("nn.Linear", false)]
    public void EveryReaderAgreesWhetherAClassHasAModelBase(string bases, bool expected)
    {
        var source = $"import torch\nimport torch.nn as nn\n\n\nclass Mixin:\n    pass\n\n\nclass Net({bases}):\n    def forward(self, x):\n        return self\n";
        var tree = PythonSyntax.Parse(SourceText.FromString(source, "test.py"));
        var model = SemanticModel.Build(tree);
        var maps = Converter.BuiltInMaps;
        var cls = ParseTrees.Descendants<Grammar.PythonParser.Class_defContext>(tree.Root!).Single(c => c.name().GetText() == "Net");
        Assert.Equal(expected, ModelBases.Has(cls, model, maps));
        Assert.Equal(expected, ModuleClasses.Of(tree.Root!, model, maps).Named("Net") is not null);
        Assert.Equal(expected, ModuleSummary.Of(tree.Root!, model, maps).Classes.Single(c => c.Name == "Net").IsModule);
        var self = ParseTrees.Descendants<Grammar.PythonParser.ExprContext>(tree.Root!).Last(e => e.GetText() == "self");
        Assert.Equal(expected ? "module Net" : "instance Net", new ValueAnalysis(model, maps).ValueOf(self).ToString());
    }
}
