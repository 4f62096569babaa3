using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// A layer entry's <c>init</c> (which Flax initializer argument takes a torch parameter's
/// initialisation) is read when the map loads; a malformed one is SWR1017 at its YAML position
/// and the entry does not load.
/// </summary>
public sealed class InitRuleTests
{
    private const string File = "maps/user.yaml";
    private const string Linear = "torch: mylib.Linear, kind: class, params: [in_features, out_features, bias], hook: template, "
        + "options: {template: \"flax.linen.Dense(features={out_features}{?, use_bias={bias}})\"}";

    [Theory]
    [InlineData("init: [kernel_init]", "[kernel_init]", "must be a mapping")]
    [InlineData("init: {weight: \"kernel init\"}", "\"kernel init\"", "not a Flax keyword argument name")]
    [InlineData("init: {weight: {to: kernel_init, present: biass}}", "biass", "not a parameter of the entry")]
    [InlineData("init: {weight: {to: kernel_init, colour: red}}", "colour", "unknown init key 'colour'")]
    [InlineData("init: {weight: {to: kernel_init, default: \"(((\"}}", "\"(((\"", "must be a Python expression")]
    [InlineData("init: {weight: {present: bias}}", "{present: bias}", "not a Flax keyword argument name")]
    public void MalformedInitIsSwr1017AtItsPosition(string init, string at, string problem)
    {
        var entry = $"{{{Linear}, {init}}}";
        var (diagnostics, entries) = Load(entry);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Empty(entries);
        Assert.Equal((DiagnosticCodes.MapInit.Code, 3, 5 + entry.IndexOf(at, StringComparison.Ordinal)), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains(problem, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateWithoutKeywordArgumentsCannotTakeAnInitializer()
    {
        var entry = "{torch: mylib.Act, kind: class, params: [x], hook: template, options: {template: \"flax.linen.relu({x})\"}, init: {weight: kernel_init}}";
        var (diagnostics, _) = Load(entry);
        Assert.Equal(DiagnosticCodes.MapInit.Code, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void RulesLoad()
    {
        var entry = $"{{{Linear}, init: {{weight: kernel_init, bias: {{to: bias_init, present: bias, default: [flax.linen.initializers.zeros]}}}}}}";
        var (diagnostics, entries) = Load(entry);
        Assert.Empty(diagnostics);
        var init = Assert.Single(entries).Init;
        Assert.Equal(new InitRule("kernel_init", null, []), init["weight"] with { Defaults = [] });
        Assert.Equal(("bias_init", "bias", "flax.linen.initializers.zeros"), (init["bias"].To, init["bias"].Present, Assert.Single(init["bias"].Defaults)));
    }

    private static (List<Diagnostic> Diagnostics, IReadOnlyList<MapEntry> Entries) Load(string entry)
    {
        var diagnostics = new List<Diagnostic>();
        var file = MapLoader.Load(File, $"version: 1\nentries:\n  - {entry}\n", HookRegistry.BuiltIn.Signatures, diagnostics);
        return (diagnostics, file.Entries);
    }
}
