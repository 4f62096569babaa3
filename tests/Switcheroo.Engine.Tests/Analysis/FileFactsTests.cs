using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// The analysis stage: a file's facts are computed once, before any edit, and layer uses are
/// linked to their declarations through the class around them.
/// </summary>
public sealed class FileFactsTests
{
    private const string Source = """
        import torch
        import torch.nn as nn


        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv2d(1, 8, 3)
                self.drop = nn.Dropout(0.5)
                self.twice = nn.ReLU()
                self.twice = nn.Tanh()
                self.size = 3

            def forward(self, x):
                x = self.drop(self.conv(x))
                return self.twice(x) + self.size


        class Other(nn.Module):
            def forward(self, x):
                return self.conv(x)

        """;

    private static FileFacts Analyse(string source)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(source));
        return FileFacts.Analyse(tree, SemanticModel.Build(tree), Converter.BuiltInMaps, string.Empty, ProjectModules.Empty);
    }

    private static PythonParser.CallExprContext CallOf(FileFacts facts, string text) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(facts.Tree.Root!).First(c => c.GetText() == text);

    [Fact]
    public void LayerCallIsLinkedToItsDeclarationAndEntry()
    {
        var facts = Analyse(Source);
        var layer = facts.Layers.Applied(CallOf(facts, "self.conv(x)"));
        Assert.NotNull(layer);
        Assert.Equal("conv", layer.Name);
        Assert.Equal("torch.nn.Conv2d", layer.Entry.Torch);
        Assert.Equal("self.conv=nn.Conv2d(1,8,3)", layer.Declaration.GetText());
        Assert.Equal("Net", layer.Class.name().GetText());
        Assert.Equal(["self.conv(x)"], facts.Layers.Uses(layer).Select(c => c.GetText()));
    }

    [Fact]
    public void OnlySingleTorchLayerDeclarationsOfTheSameClassCount()
    {
        var facts = Analyse(Source);
        // Declared twice: no single declaration. Not a layer: a number. Another class: not its layer.
        Assert.Null(facts.Layers.Applied(CallOf(facts, "self.twice(x)")));
        Assert.Null(facts.Layers.Referenced((PythonParser.AttributeExprContext)ParseTrees.Descendants<PythonParser.AttributeExprContext>(facts.Tree.Root!).First(a => a.GetText() == "self.size")));
        var other = ParseTrees.Descendants<PythonParser.CallExprContext>(facts.Tree.Root!).Last(c => c.GetText() == "self.conv(x)");
        Assert.Null(facts.Layers.Applied(other));
        Assert.Equal(["conv", "drop"], facts.Layers.Of(facts.Layers.Applied(CallOf(facts, "self.conv(x)"))!.Class).Keys.Order());
    }

    [Fact]
    public void ClassFactsAreKnownBeforeRewriting()
    {
        var facts = Analyse(Source);
        Assert.True(facts.UsesTorch);
        Assert.True(facts.TrainState.NeedsTrain("Net"));
        Assert.True(facts.TrainState.DrawsDropout("Net"));
        Assert.False(facts.TrainState.NeedsTrain("Other"));
    }

    [Fact]
    public void AFileWithoutTorchUsesNone()
    {
        Assert.False(Analyse("import os\n\n\ndef f(s):\n    return s.detach()\n").UsesTorch);
    }

    [Fact]
    public void ModuleClassesAreThoseThatConvert()
    {
        var facts = Analyse("""
            import torch.nn as nn


            class Kept(nn.Module):
                def __init__(self, *layers):
                    super().__init__()
                    self.layers = nn.ModuleList(layers)

                class Inner(nn.Module):
                    pass


            class Plain:
                pass


            class Net(nn.Module):
                def __init__(self, d=4):
                    super().__init__()
            """);
        Assert.NotNull(facts.ModuleClasses.Named("Net"));
        Assert.Null(facts.ModuleClasses.Named("Kept"));
        Assert.Null(facts.ModuleClasses.Named("Inner"));
        Assert.Null(facts.ModuleClasses.Named("Plain"));
        var net = facts.ModuleClasses.Named("Net")!;
        Assert.Same(net, facts.ModuleClasses.Around(net.block()));
    }

    [Fact]
    public void SeedsAndInitializersAreFoundBeforeRewriting()
    {
        var facts = Analyse("""
            import torch
            import torch.nn as nn


            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.w = nn.Parameter(torch.randn(3))
                    self.c = nn.Parameter(torch.randn(3), requires_grad=False)


            def draw(key):
                torch.manual_seed(0)
                return torch.randn(2)


            def later():
                x = torch.randn(2)
                torch.manual_seed(1)
            """);
        var calls = ParseTrees.Descendants<PythonParser.CallExprContext>(facts.Tree.Root!).Where(c => c.GetText() == "torch.randn(3)").ToList();
        Assert.True(facts.RandomSources.InInitializer(calls[0].Start.TokenIndex));
        Assert.False(facts.RandomSources.InInitializer(calls[1].Start.TokenIndex));
        var draws = ParseTrees.Descendants<PythonParser.CallExprContext>(facts.Tree.Root!).Where(c => c.GetText() == "torch.randn(2)").ToList();
        Assert.Equal("rng_key", facts.RandomSources.SeedIn(facts.Model.ScopeOf(Name(draws[0])), draws[0].Start.TokenIndex));
        // A seed after the call does not seed it.
        Assert.Null(facts.RandomSources.SeedIn(facts.Model.ScopeOf(Name(draws[1])), draws[1].Start.TokenIndex));
    }

    private static PythonParser.NameAtomContext Name(PythonParser.CallExprContext call) =>
        ParseTrees.Descendants<PythonParser.NameAtomContext>(call).First();
}
