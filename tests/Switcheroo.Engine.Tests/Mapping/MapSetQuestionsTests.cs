using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// What the converter asks the maps about a torch name instead of spelling it in C# (issue 9), answered
/// by the built-in maps' <c>instances</c> and hooks (docs/maps.md).
/// </summary>
public sealed class MapSetQuestionsTests
{
    [Theory]
    [InlineData("torch.optim", true)]
    [InlineData("torch.optim.sgd", true)] // from torch.optim.sgd import SGD: under the optimizers' module
    [InlineData("torch.optim.lr_scheduler", false)]
    [InlineData("torch.nn", false)]
    [InlineData("torch", false)]
    public void OptimizersAreBuiltInTheModuleOfTheOptimizerConstructors(string module, bool expected) =>
        Assert.Equal(expected, Converter.BuiltInMaps.BuildsOptimizers(module));

    [Theory]
    [InlineData("torch.nn.Conv2d", true)]
    [InlineData("torch.nn.", true)] // a join of torch.nn objects
    [InlineData("torch.nn.Parameter", false)]
    [InlineData("torch.optim.SGD", false)]
    [InlineData("torch.optim.", false)]
    [InlineData("torch.nn.PReLU", false)] // unmapped: what calling it gives is not known
    public void CallingAnObjectRunsItWhenItsClassIsAModule(string name, bool expected) =>
        Assert.Equal(expected, Converter.BuiltInMaps.BuildsModules(name));

    [Theory]
    [InlineData("torch.nn.Linear", true)]
    [InlineData("torch.nn.Parameter", true)]
    [InlineData("torch.nn.PReLU", true)] // unmapped, in the module of torch's layers
    [InlineData("torch.nn.init.orthogonal_", true)] // unmapped, under torch.nn
    [InlineData("torch.nn.init.zeros_", false)] // mapped: it returns the tensor it fills
    [InlineData("torch.nn.functional.relu", false)]
    [InlineData("torch.zeros", false)]
    [InlineData("torch.device", false)]
    [InlineData("torch.unmapped_function", false)]
    [InlineData("torchvision.models.resnet18", null)] // no module around it has class entries
    public void WhatBuildsVariablesComesFromTheEntriesInstances(string name, bool? expected) =>
        Assert.Equal(expected, Converter.BuiltInMaps.BuildsVariables(name));

    [Theory]
    [InlineData("torch.Tensor.view", true)]
    [InlineData("torch.nn.Module.to", false)]
    [InlineData("torch.optim.Optimizer.step", false)]
    public void ATensorMethodBelongsToATypeWhoseInstancesAreTensors(string name, bool expected) =>
        Assert.Equal(expected, Converter.BuiltInMaps.IsTensorMember(Converter.BuiltInMaps.Entries.Single(e => e.Torch == name)));

    [Fact]
    public void EveryBuiltInClassOfTorchsLayerModuleSaysWhatItsInstancesAre()
    {
        // A class entry under torch.nn without 'instances' is not known to build a module: its calls
        // would not count as layers (a pooling layer added without it is a silent regression).
        var unstated = Converter.BuiltInMaps.Entries
            .Where(e => e.Kind == Switcheroo.Engine.Mapping.EntryKind.Class && e.Torch.StartsWith("torch.nn.", StringComparison.Ordinal)
                && e.Instances == Switcheroo.Engine.Mapping.EntryInstances.None && e.Unsupported is null)
            .Select(e => e.Torch).Order(StringComparer.Ordinal).ToList();
        Assert.Empty(unstated);
    }
}
