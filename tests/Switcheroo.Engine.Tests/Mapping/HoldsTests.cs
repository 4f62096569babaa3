using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// A composite layer entry's <c>holds</c> (the torch layer classes it builds inside it) is read when
/// the map loads; a malformed one is SWR1018 at its YAML position and the entry does not load; every
/// composite of the shipped maps declares it.
/// </summary>
public sealed class HoldsTests
{
    private const string File = "maps/user.yaml";
    private const string Block = "torch: mylib.Block, kind: class, params: [c], hook: template, options: {template: \"mylib_flax.Block({c})\"}";

    [Theory]
    [InlineData("holds: torch.nn.Conv2d", "torch.nn.Conv2d", "must be a non-empty list")]
    [InlineData("holds: []", "[]", "must be a non-empty list")]
    [InlineData("holds: [Conv2d]", "Conv2d", "must be a qualified torch layer class")]
    [InlineData("holds: [[torch.nn.Conv2d]]", "[torch.nn.Conv2d]]", "must be a qualified torch layer class")]
    public void MalformedHoldsIsSwr1018AtItsPosition(string holds, string at, string problem)
    {
        var entry = $"{{{Block}, {holds}}}";
        var (diagnostics, entries) = Load(entry);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Empty(entries);
        Assert.Equal((DiagnosticCodes.MapHolds.Code, 3, 5 + entry.IndexOf(at, StringComparison.Ordinal)), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains(problem, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HoldsIsOnlyForClasses()
    {
        var (diagnostics, _) = Load("{torch: mylib.block, params: [c], target: mylib_flax.block, holds: [torch.nn.Conv2d]}");
        Assert.Equal(DiagnosticCodes.MapHolds.Code, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void HoldsLoadsInOrder()
    {
        var (diagnostics, entries) = Load($"{{{Block}, holds: [torch.nn.Conv2d, torch.nn.BatchNorm2d, torch.nn.Conv2d]}}");
        Assert.Empty(diagnostics);
        Assert.Equal(["torch.nn.Conv2d", "torch.nn.BatchNorm2d", "torch.nn.Conv2d"], Assert.Single(entries).Holds);
    }

    [Theory]
    [InlineData("torchvision.ops.Conv2dNormActivation", "torch.nn.Conv2d")]
    [InlineData("torchvision.ops.Conv3dNormActivation", "torch.nn.Conv3d")]
    [InlineData("torchvision.ops.SqueezeExcitation", "torch.nn.Conv2d")]
    [InlineData("torchvision.ops.MLP", "torch.nn.Linear")]
    public void ShippedCompositesDeclareTheirLayers(string composite, string held)
    {
        Assert.Contains(held, Converter.BuiltInMaps.Find(composite)!.Holds);
    }

    private static (List<Diagnostic> Diagnostics, IReadOnlyList<MapEntry> Entries) Load(string entry)
    {
        var diagnostics = new List<Diagnostic>();
        var file = MapLoader.Load(File, $"version: 1\nentries:\n  - {entry}\n", HookRegistry.BuiltIn.Signatures, diagnostics);
        return (diagnostics, file.Entries);
    }
}
