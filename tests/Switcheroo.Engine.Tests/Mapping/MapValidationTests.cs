using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// A user map with a mistake is reported when it loads, at the YAML line and column of the mistake,
/// and never reaches a conversion: malformed templates (SWR1008), Python text that is not an
/// expression or a target that is not a qualified name (SWR1009), a target no map says how to
/// import (SWR1010), a bad import rule (SWR1011), hook options (SWR1012, SWR1013), and traits
/// (SWR1014 unknown, SWR1015 wrong type, SWR1016 a template relying on a trait it does not declare).
/// </summary>
public sealed class MapValidationTests
{
    private const string File = "maps/user.yaml";

    /// <summary>Entries are one flow mapping on line 3, after "  - ", so the entry starts at column 5.</summary>
    private const int EntryLine = 3;
    private const int EntryColumn = 5;

    private const string Linear = "torch: torch.nn.Linear, kind: class, params: [in_features, out_features, bias], hook: template";

    [Theory]
    [InlineData("\"flax.linen.Dense({out_features)\"", "unbalanced braces")]
    [InlineData("\"flax.linen.Dense(features={out_features})}\"", "unbalanced braces")]
    [InlineData("\"flax.linen.Dense({out_features}, use_bias={@unknown})\"", "unknown template value '{@unknown}'")]
    [InlineData("\"flax.linen.Dense({out_features:tuple9})\"", "unknown size form 'tuple9'")]
    [InlineData("\"flax.linen.Dense({out_featurs})\"", "'{out_featurs}' names no parameter")]
    public void MalformedTemplateIsSwr1008AtTheTemplate(string template, string problem)
    {
        var entry = $"{{{Linear}, options: {{template: {template}}}}}";
        var diagnostic = Assert.Single(Load(entry));
        AssertAt(diagnostic, DiagnosticCodes.MapTemplate, entry, template);
        Assert.Contains(problem, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{torch: torch.fft.fft, params: [input, n], target: jax.numpy.fft.fft, args: {input: \"@0\"}, add: {n: \"(((\"}}", "\"(((\"")]
    [InlineData("{torch: torch.fft.ifft, params: [input], target: \"jax.numpy.fft.ifft(); import os; os.system\"}", "\"jax.numpy.fft.ifft()")]
    [InlineData("{torch: torch.exp, params: [input], target: jax.numpy.exp, args: {input: \"@0\"}, add: {where: \"1, 2\"}}", "\"1, 2\"")]
    [InlineData("{torch: torch.exp, params: [input], target: jax.numpy.exp, args: {input: \"@0\"}, add: {where: \"x # rest\"}}", "\"x # rest\"")]
    [InlineData("{torch: torch.gelu, params: [input, approximate], target: jax.nn.gelu, args: {input: \"@0\", approximate: {to: approximate, values: {\"'tanh'\": \"True)\"}}}}", "\"True)\"")]
    [InlineData("{torch: torch.gelu, params: [input, approximate], target: jax.nn.gelu, args: {input: \"@0\", approximate: {to: approximate, default: \"x; y\"}}}", "\"x; y\"")]
    [InlineData("{torch: torch.Tensor.view, kind: method, params: [self], method: \"view()\"}", "\"view()\"")]
    [InlineData("{" + Linear + ", options: {template: \"flax.linen.Dense({out_features}{?, use_bias=({bias}})\"}}", "\"flax.linen.Dense(")]
    [InlineData("{" + Linear + ", options: {template: \"flax.linen.Dense({out_features}{?, use_bias={bias}})) + 1\"}}", "\"flax.linen.Dense(")]
    public void TextThatIsNotAnExpressionIsSwr1009AtTheText(string entry, string at)
    {
        var diagnostic = Assert.Single(Load(entry));
        AssertAt(diagnostic, DiagnosticCodes.MapPythonText, entry, at);
    }

    [Fact]
    public void TemplateIsCheckedWithEveryCombinationOfItsOptionalArguments()
    {
        // Fine with both arguments or none; with only 'bias' the parenthesis never closes.
        var entry = $"{{{Linear}, options: {{template: \"f({{?g({{out_features}}, }}{{?{{bias}})}}\"}}}}";
        var diagnostic = Assert.Single(Load(entry));
        Assert.Equal(DiagnosticCodes.MapPythonText.Code, diagnostic.Code);
    }

    [Fact]
    public void TargetWithoutAnImportRuleIsSwr1010AndLeftOut()
    {
        const string entry = "{torch: torch.fft.rfft, params: [input], target: scipy.fft.rfft, args: {input: \"@0\"}}";
        var (maps, diagnostics) = BuildOverBuiltIns(FileWith(entry));
        var diagnostic = Assert.Single(diagnostics);
        AssertAt(diagnostic, DiagnosticCodes.MapTargetNotImportable, entry, "scipy.fft.rfft");
        Assert.Null(maps.Find("torch.fft.rfft"));
    }

    [Fact]
    public void HookTargetOptionWithoutAnImportRuleIsSwr1010()
    {
        const string entry = "{torch: torch.Tensor.tile, kind: method, params: [self, \"*dims\"], hook: varargs_shape, options: {target: einops.repeat}}";
        var (_, diagnostics) = BuildOverBuiltIns(FileWith(entry));
        AssertAt(Assert.Single(diagnostics), DiagnosticCodes.MapTargetNotImportable, entry, "einops.repeat");
    }

    [Fact]
    public void UserMapWithAnImportRuleTargetsAnyModule()
    {
        var yaml = """
            version: 1
            imports:
              einops: import einops
              scipy.fft: [from scipy import fft as sfft, from scipy import fft as scipy_fft]
            entries:
              - {torch: torch.fft.rfft, params: [input], target: scipy.fft.rfft, args: {input: "@0"}, returns: tensor}
              - torch: torch.nn.Flatten
                kind: class
                params: [start_dim, end_dim]
                hook: template
                options: {template: "lambda x: einops.rearrange(x, 'b c h w -> b (c h w)')"}
            """;
        var (maps, diagnostics) = BuildOverBuiltIns(yaml, overrideFlatten: true);
        Assert.Empty(diagnostics);
        var result = new Pipeline(maps, HookRegistry.BuiltIn).Convert(SourceText(
            "import torch\nimport torch.nn as nn\n\n\ndef f(x, sfft):\n    return torch.fft.rfft(x), torch.exp(x), nn.Flatten()\n"));
        Assert.Equal(
            "import jax.numpy as jnp\nimport einops\nfrom scipy import fft as scipy_fft\n\n\ndef f(x, sfft):\n    return scipy_fft.rfft(x), jnp.exp(x), lambda x: einops.rearrange(x, 'b c h w -> b (c h w)')\n",
            result.Output);
    }

    [Theory]
    [InlineData("einops: import os", "import os")]
    [InlineData("einops: \"import einops; import os\"", "\"import einops")]
    [InlineData("einops: [import einops, from einops import layers]", "from einops import layers")]
    [InlineData("\"einops()\": import einops", "\"einops()\"")]
    public void MalformedImportRuleIsSwr1011(string rule, string at)
    {
        var yaml = $"version: 1\nimports: {{{rule}}}\n";
        var diagnostics = new List<Diagnostic>();
        MapLoader.Load(File, yaml, HookRegistry.BuiltIn.Signatures, diagnostics);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.MapImport.Code, 2, "imports: {".Length + 1 + rule.IndexOf(at, StringComparison.Ordinal)),
            (diagnostic.Code, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void RedeclaringABuiltInImportDifferentlyIsSwr1011()
    {
        var (maps, diagnostics) = BuildOverBuiltIns("version: 1\nimports:\n  jax.numpy: import jax.numpy as np\n");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.MapImport.Code, File, 3, 3), (diagnostic.Code, diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.Equal("jnp", maps.Imports.Find("jax.numpy")!.Names[0].Reference);
    }

    [Theory]
    [InlineData("hook: template, options: {tempalte: \"f({input})\"}", "tempalte", "has no option 'tempalte'")]
    [InlineData("hook: drop_call, options: {template: \"f({input})\"}", "template", "takes no options")]
    [InlineData("hook: template", "{", "needs the option 'template'")]
    [InlineData("hook: state_flag_injection", "{", "needs the option 'sets'")]
    public void UnknownOrMissingHookOptionIsSwr1012(string hook, string at, string problem)
    {
        var entry = $"{{torch: torch.Tensor.relu, kind: method, params: [self, input], {hook}}}";
        var diagnostic = Assert.Single(Load(entry));
        AssertAt(diagnostic, DiagnosticCodes.MapHookOption, entry, at);
        Assert.Contains(problem, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hook: varargs_shape, options: {target: jax.random.normal, random: yes}", "yes")]
    [InlineData("hook: varargs_shape, options: {target: \"jax.numpy.zeros()\"}", "\"jax.numpy.zeros()\"")]
    [InlineData("hook: container, options: {type: set}", "set")]
    [InlineData("hook: state_flag_injection, options: {sets: test}", "test")]
    [InlineData("hook: device_placement, options: {moves: maybe}", "maybe")]
    public void HookOptionOfTheWrongTypeIsSwr1013(string hook, string at)
    {
        var entry = $"{{torch: torch.Tensor.relu, kind: method, params: [self, input], {hook}}}";
        AssertAt(Assert.Single(Load(entry)), DiagnosticCodes.MapHookOptionType, entry, at);
    }

    private const string Dropout = "torch: mylib.Drop, kind: class, params: [p], hook: template, options: {template: \"flax.linen.Dropout(rate={p})\"}";

    [Theory]
    [InlineData("traits: {rng: [dropuot]}", "dropuot", "unknown RNG stream 'dropuot'")]
    [InlineData("traits: {collections: [running]}", "running", "unknown variable collection 'running'")]
    [InlineData("traits: {train: true}", "train", "unknown trait 'train'")]
    public void UnknownTraitIsSwr1014AtTheName(string traits, string at, string problem)
    {
        var entry = $"{{{Dropout}, {traits}}}";
        var diagnostic = Assert.Single(Load(entry));
        AssertAt(diagnostic, DiagnosticCodes.MapTrait, entry, at);
        Assert.Contains(problem, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("traits: {rng: dropout}", "dropout")]
    [InlineData("traits: {train_dependent: yes}", "yes")]
    [InlineData("traits: [dropout]", "[dropout]")]
    [InlineData("traits: {collections: [{batch_stats: 1}]}", "{batch_stats: 1}")]
    public void TraitOfTheWrongTypeIsSwr1015(string traits, string at)
    {
        var entry = $"{{{Dropout}, {traits}}}";
        AssertAt(Assert.Single(Load(entry)), DiagnosticCodes.MapTraitType, entry, at);
    }

    [Theory]
    [InlineData("\"flax.linen.Dropout(rate={p}, deterministic=not {@train})\"", "traits: {rng: [dropout]}", "{@train}")]
    [InlineData("\"jax.random.normal({@key}, (2,)) * {p}\"", "traits: {train_dependent: true}", "{@key}")]
    public void TemplateRelyingOnAnUndeclaredTraitIsSwr1016(string template, string traits, string problem)
    {
        var entry = $"{{torch: mylib.Drop, kind: class, params: [p], hook: template, options: {{template: {template}}}, {traits}}}";
        var diagnostic = Assert.Single(Load(entry));
        AssertAt(diagnostic, DiagnosticCodes.MapTraitUndeclared, entry, template);
        Assert.Contains(problem, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("value: \"switcheroo_runtime.linear_layer({out_features})\"", "SWR1008", "\"switcheroo_runtime.linear_layer(")]
    [InlineData("value: \"switcheroo_runtime.linear_layer(\"", "SWR1009", "\"switcheroo_runtime.linear_layer(")]
    [InlineData("value: \"switcheroo_runtime.batch_norm_layer({@train})\"", "SWR1016", "\"switcheroo_runtime.batch_norm_layer(")]
    public void ValueFormIsATemplateWithoutArguments(string value, string code, string at)
    {
        var entry = $"{{{Linear}, options: {{template: \"flax.linen.Dense(features={{out_features}})\"}}, {value}}}";
        var diagnostic = Assert.Single(Load(entry));
        Assert.Equal(code, diagnostic.Code);
        AssertAt(diagnostic, diagnostic.Descriptor, entry, at);
    }

    [Theory]
    [InlineData("value: switcheroo_runtime.linear_layer, unbound_value: switcheroo_runtime.TorchBatchNorm", "'unbound_value' is for a class whose 'value' follows the train flag")]
    [InlineData("unbound_value: switcheroo_runtime.TorchBatchNorm", "'unbound_value' is for a class whose 'value' follows the train flag")]
    [InlineData("traits: {train_dependent: true}, value: \"switcheroo_runtime.batch_norm_layer({@train})\", unbound_value: \"a b\"", "'unbound_value' must be a qualified name")]
    public void UnboundValueIsANameBesideATrainFollowingValue(string keys, string problem)
    {
        var entry = $"{{{Linear}, options: {{template: \"flax.linen.Dense(features={{out_features}})\"}}, {keys}}}";
        var diagnostic = Assert.Single(Load(entry));
        Assert.Contains(problem, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredTraitsLoad()
    {
        var entry = "{torch: mylib.Drop, kind: class, params: [p], hook: template, options: {template: \"flax.linen.Dropout(rate={p}, deterministic=not {@train})\"}, traits: {rng: [dropout, noise], collections: [batch_stats], train_dependent: true}}";
        var diagnostics = new List<Diagnostic>();
        var file = MapLoader.Load(File, FileWith(entry), HookRegistry.BuiltIn.Signatures, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(TorchTraits.TrainDependent | TorchTraits.BatchStats | TorchTraits.DropoutRng | TorchTraits.NoiseRng, Assert.Single(file.Entries).Traits);
    }

    private static string FileWith(string entry) => $"version: 1\nentries:\n  - {entry}\n";

    private static List<Diagnostic> Load(string entry)
    {
        var diagnostics = new List<Diagnostic>();
        var file = MapLoader.Load(File, FileWith(entry), HookRegistry.BuiltIn.Signatures, diagnostics);
        Assert.True(diagnostics.Count == 0 || file.Entries.Count == 0, "an entry with an error must not load");
        return diagnostics;
    }

    /// <summary>The built-in maps as the first layer, then <paramref name="yaml"/> as a user map.</summary>
    private static (MapSet Maps, List<Diagnostic> Diagnostics) BuildOverBuiltIns(string yaml, bool overrideFlatten = false)
    {
        var diagnostics = new List<Diagnostic>();
        var builtIn = Directory.EnumerateFiles(RepositoryPaths.Mappings, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => MapLoader.Load(path, System.IO.File.ReadAllText(path), HookRegistry.BuiltIn.Signatures, diagnostics)).ToList();
        var user = MapLoader.Load(File, overrideFlatten ? yaml.Replace("hook: template\n", "hook: template\n    override: true\n") : yaml,
            HookRegistry.BuiltIn.Signatures, diagnostics);
        return (MapSet.Build(builtIn, new[] { user }, diagnostics), diagnostics);
    }

    private static Switcheroo.Engine.Parsing.SourceText SourceText(string text) =>
        Switcheroo.Engine.Parsing.SourceText.FromString(text, "input.torch.py");

    private static void AssertAt(Diagnostic diagnostic, DiagnosticDescriptor code, string entry, string at)
    {
        Assert.True(entry.Contains(at, StringComparison.Ordinal), $"'{at}' is not in the entry");
        Assert.Equal((code.Code, File, EntryLine, EntryColumn + entry.IndexOf(at, StringComparison.Ordinal)),
            (diagnostic.Code, diagnostic.File, diagnostic.Line, diagnostic.Column));
    }
}
