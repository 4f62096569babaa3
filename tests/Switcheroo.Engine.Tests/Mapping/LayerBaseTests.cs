using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// A layer entry's <c>base</c> (the runtime classes a class deriving from the layer derives from) is
/// read when the map loads; a malformed one is SWR1019 at its YAML position and the entry does not
/// load; the shipped convolutions and LayerNorm name theirs.
/// </summary>
public sealed class LayerBaseTests
{
    private const string File = "maps/user.yaml";
    private const string Block = "torch: mylib.Block, kind: class, params: [c], hook: template, options: {template: \"mylib_flax.Block({c})\"}";

    [Theory]
    [InlineData("base: mylib_flax.BlockBase", "mylib_flax.BlockBase", "must be a mapping")]
    [InlineData("base: {setup: mylib_flax.BlockBase}", "{setup", "needs 'fields'")]
    [InlineData("base: {setup: BlockBase, fields: mylib_flax.Block}", "BlockBase,", "must be a qualified class name")]
    [InlineData("base: {setup: mylib_flax.BlockBase, fields: mylib_flax.Block, attributes: weight}", "weight}", "must be a list of attribute names")]
    [InlineData("base: {setup: mylib_flax.BlockBase, fields: mylib_flax.Block, other: 1}", "other", "unknown key")]
    public void MalformedBaseIsSwr1019AtItsPosition(string layerBase, string at, string problem)
    {
        var entry = $"{{{Block}, {layerBase}}}";
        var (diagnostics, entries) = Load(entry);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Empty(entries);
        Assert.Equal((DiagnosticCodes.MapLayerBase.Code, 3, 5 + entry.IndexOf(at, StringComparison.Ordinal)), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains(problem, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaseIsOnlyForClasses()
    {
        var (diagnostics, _) = Load("{torch: mylib.block, params: [c], target: mylib_flax.block, base: {setup: mylib_flax.A, fields: mylib_flax.B}}");
        Assert.Equal(DiagnosticCodes.MapLayerBase.Code, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void BaseLoads()
    {
        var (diagnostics, entries) = Load($"{{{Block}, base: {{setup: mylib_flax.BlockBase, fields: mylib_flax.TorchBlock, attributes: [weight, c]}}}}");
        Assert.Empty(diagnostics);
        var layerBase = Assert.Single(entries).Base!;
        Assert.Equal(("mylib_flax.BlockBase", "mylib_flax.TorchBlock"), (layerBase.Setup, layerBase.Fields));
        Assert.Equal(["weight", "c"], layerBase.Attributes);
    }

    [Theory]
    [InlineData("torch.nn.Conv1d", "switcheroo_runtime.Conv1dBase", "switcheroo_runtime.TorchConv1d")]
    [InlineData("torch.nn.Conv2d", "switcheroo_runtime.Conv2dBase", "switcheroo_runtime.TorchConv2d")]
    [InlineData("torch.nn.Conv3d", "switcheroo_runtime.Conv3dBase", "switcheroo_runtime.TorchConv3d")]
    [InlineData("torch.nn.LayerNorm", "switcheroo_runtime.LayerNormBase", "switcheroo_runtime.TorchLayerNorm")]
    public void ShippedLayersNameTheirBases(string layer, string setup, string fields)
    {
        var layerBase = Converter.BuiltInMaps.Find(layer)!.Base!;
        Assert.Equal((setup, fields), (layerBase.Setup, layerBase.Fields));
        Assert.Contains("weight", layerBase.Attributes);
    }

    private static (List<Diagnostic> Diagnostics, IReadOnlyList<MapEntry> Entries) Load(string entry)
    {
        var diagnostics = new List<Diagnostic>();
        var file = MapLoader.Load(File, $"version: 1\nentries:\n  - {entry}\n", HookRegistry.BuiltIn.Signatures, diagnostics);
        return (diagnostics, file.Entries);
    }
}
