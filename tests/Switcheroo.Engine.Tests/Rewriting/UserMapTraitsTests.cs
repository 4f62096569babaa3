using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// A user map teaches Switcheroo a stateful or train-dependent layer by declaring its traits (or
/// replaces a built-in entry, here StochasticDepth's): the module using it gets the <c>train</c>
/// field, the training step applies it with the mutable collections and RNG streams the traits
/// name — as the built-in Dropout and BatchNorm entries do — here and in another file that imports
/// the module.
/// </summary>
public sealed class UserMapTraitsTests
{
    private const string UserMap = """
        version: 1
        entries:
          - torch: torchvision.ops.StochasticDepth
            kind: class
            params: [p, mode]
            hook: template
            args: {mode: {drop: true, values: {"'row'": "'row'"}}}
            options: {template: "flax.linen.Dropout(rate={p}, broadcast_dims=(1, 2, 3), deterministic=not {@train})"}
            traits: {rng: [dropout], train_dependent: true}
            override: true
          - torch: torch.nn.LazyBatchNorm2d
            kind: class
            params: [eps, momentum, affine, track_running_stats, device, dtype]
            hook: template
            args: {eps: {to: epsilon, default: "1e-05"}}
            options: {template: "flax.linen.BatchNorm(use_running_average=not {@train}, axis=1, epsilon={eps})"}
            traits: {collections: [batch_stats], train_dependent: true}
        """;

    private const string Source = """
        import torch
        import torch.nn as nn
        from torch import optim
        from torchvision.ops import StochasticDepth


        class Block(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv2d(3, 8, 3, padding=1)
                self.norm = nn.LazyBatchNorm2d()
                self.depth = StochasticDepth(0.2, 'row')

            def forward(self, x):
                return x + self.depth(self.norm(self.conv(x)))


        def train(loader):
            torch.manual_seed(0)
            model = Block()
            optimizer = optim.SGD(model.parameters(), lr=0.1)
            criterion = nn.MSELoss()
            for images, targets in loader:
                optimizer.zero_grad()
                loss = criterion(model(images), targets)
                loss.backward()
                optimizer.step()
            return model

        """;

    [Fact]
    public void DeclaredTraitsGiveTheModuleItsTrainFieldCollectionsAndStreams()
    {
        var result = new Pipeline(Maps(UserMap), HookRegistry.BuiltIn).Convert(Switcheroo.Engine.Parsing.SourceText.FromString(Source, "input.torch.py"));
        Assert.Equal(["SWR3013"], result.Diagnostics.Select(d => d.Code)); // the returned model has no weights: unrelated
        var output = result.Output!;
        Assert.Contains("    train: bool = True\n", output, StringComparison.Ordinal);
        Assert.Contains("nn.Dropout(rate=0.2, broadcast_dims=(1, 2, 3), deterministic=not self.train)", output, StringComparison.Ordinal);
        Assert.Contains("nn.BatchNorm(use_running_average=not self.train, axis=1, epsilon=1e-05)", output, StringComparison.Ordinal);
        Assert.Contains("mutable=[\"batch_stats\"]", output, StringComparison.Ordinal);
        Assert.Contains("rngs={\"dropout\": dropout_key}", output, StringComparison.Ordinal);
        ParseAssert.Accepts(output);
    }

    [Fact]
    public void WithoutTraitsTheSameLayerGivesNoTrainField()
    {
        // The facts come from the declarations alone: the same entries without traits (and without
        // {@train}, which SWR1016 would refuse) leave the module stateless.
        var plain = string.Join("\n", UserMap.Replace("not {@train}", "False").Split('\n').Where(line => !line.TrimStart().StartsWith("traits:", StringComparison.Ordinal)));
        var output = new Pipeline(Maps(plain), HookRegistry.BuiltIn).Convert(Switcheroo.Engine.Parsing.SourceText.FromString(Source, "input.torch.py")).Output!;
        Assert.DoesNotContain("train: bool", output, StringComparison.Ordinal);
        Assert.DoesNotContain("batch_stats", output, StringComparison.Ordinal);
        Assert.DoesNotContain("dropout_key", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImportingFileTakesTheFactsFromTheIndexWithTheSameMaps()
    {
        using var folder = new TemporaryFolder();
        var block = folder.Write("block.torch.py", Source[..Source.IndexOf("\n\ndef train", StringComparison.Ordinal)] + "\n");
        var maps = Maps(UserMap);
        var project = Pipeline.Index(maps, [("block", block)]);
        Assert.Equal("block\tBlock\tModule,Train,BatchStats,Dropout\n", project.Serialize().WithoutConstructors());
        // The built-in maps know StochasticDepth (the runtime's) but not LazyBatchNorm2d's statistics.
        Assert.Equal("block\tBlock\tModule,Train,Dropout\n", Pipeline.Index(Converter.BuiltInMaps, [("block", block)]).Serialize().WithoutConstructors());
    }

    private static MapSet Maps(string userMap)
    {
        var diagnostics = new List<Diagnostic>();
        var builtIn = Directory.EnumerateFiles(RepositoryPaths.Mappings, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => MapLoader.Load(path, File.ReadAllText(path), HookRegistry.BuiltIn.Signatures, diagnostics)).ToList();
        var user = MapLoader.Load("user.yaml", userMap, HookRegistry.BuiltIn.Signatures, diagnostics);
        var maps = MapSet.Build(builtIn, [user], diagnostics);
        Assert.Empty(diagnostics);
        return maps;
    }
}
