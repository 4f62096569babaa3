using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// Every problem <see cref="MapLoader"/> reports, with its code and its exact YAML line and column
/// (1-based): bad YAML (SWR1001), the map format (SWR1002), a duplicate in one file (SWR1003),
/// an unknown hook (SWR1004); and a bad entry is skipped while the rest of the file loads.
/// </summary>
public sealed class MapLoaderTests
{
    private const string File = "maps/test.yaml";

    /// <summary>Entries in these tests are one flow mapping on line 3, after "  - ", so the entry starts at column 5.</summary>
    private const int EntryLine = 3;
    private const int EntryColumn = 5;

    [Fact]
    public void ValidFileLoadsEveryEntryWithItsLocation()
    {
        var (entries, diagnostics) = Load("""
            version: 1
            entries:
              - {torch: torch.abs, params: [input], target: jax.numpy.abs, args: {input: "@0"}, returns: tensor}
              - torch: torch.Tensor.view
                kind: method
                params: [self, "*size"]
                hook: varargs_shape
                options: {target: jax.numpy.reshape}
                any_receiver: true
            """);
        Assert.Empty(diagnostics);
        Assert.Equal(new[] { "torch.abs", "torch.Tensor.view" }, entries.Select(e => e.Torch));
        Assert.Equal(new MapLocation(File, 3, 5), entries[0].Location);
        Assert.Equal(new MapLocation(File, 4, 5), entries[1].Location);
        Assert.Equal(0, entries[0].Arguments["input"].Position);
        Assert.True(entries[0].ReturnsTensor);
        Assert.True(entries[1].AnyReceiver);
    }

    /// <summary>YamlDotNet places this error at the start of the enclosing mapping, not at the tab.</summary>
    [Fact]
    public void TabIndentationIsInvalidYaml()
    {
        var (entries, diagnostics) = Load("version: 1\nentries:\n\t- {torch: torch.abs, target: jax.numpy.abs}\n");
        AssertOnly(diagnostics, DiagnosticCodes.MapSyntax, 1, 1, "invalid YAML: While scanning a mapping, found invalid tab as indentation.");
        Assert.Empty(entries);
    }

    [Fact]
    public void UnclosedFlowMappingIsInvalidYaml()
    {
        var (entries, diagnostics) = Load("version: 1\nentries:\n  - {torch: torch.abs, target: jax.numpy.abs\n");
        AssertOnly(diagnostics, DiagnosticCodes.MapSyntax, 4, 1, "invalid YAML: While parsing a flow mapping, did not find expected ',' or '}'.");
        Assert.Empty(entries);
    }

    [Fact]
    public void EmptyFileIsASchemaError()
    {
        var (_, diagnostics) = Load("");
        AssertOnly(diagnostics, DiagnosticCodes.MapSchema, 1, 1, "the map file is empty");
    }

    [Fact]
    public void UnknownTopLevelKey()
    {
        var (entries, diagnostics) = Load("version: 1\nentries: []\nentires: []\n");
        AssertOnly(diagnostics, DiagnosticCodes.MapSchema, 3, 1, "unknown key 'entires' (expected one of: version, imports, aliases, entries)");
        Assert.Empty(entries);
    }

    [Fact]
    public void VersionTwoIsRejectedAndNothingLoads()
    {
        var (entries, diagnostics) = Load("version: 2\nentries:\n  - {torch: torch.abs, target: jax.numpy.abs}\n");
        AssertOnly(diagnostics, DiagnosticCodes.MapSchema, 1, 10, "unsupported map version: only 'version: 1' exists");
        Assert.Empty(entries);
    }

    [Fact]
    public void MissingVersion()
    {
        var (_, diagnostics) = Load("entries: []\n");
        AssertOnly(diagnostics, DiagnosticCodes.MapSchema, 1, 1, "missing required key 'version'");
    }

    [Fact]
    public void EntriesMustBeAList()
    {
        var (entries, diagnostics) = Load("version: 1\nentries: {torch: torch.abs, target: jax.numpy.abs}\n");
        AssertOnly(diagnostics, DiagnosticCodes.MapSchema, 2, 10, "'entries' must be a list");
        Assert.Empty(entries);
    }

    /// <summary>
    /// One bad entry each; the diagnostic points at the first occurrence of <paramref name="at"/>
    /// in the entry (the entry's own '{' for problems of the whole entry).
    /// </summary>
    [Theory]
    [InlineData("{torch: torch.abs, target: jax.numpy.abs, colour: red}", "colour", "unknown key 'colour' (expected one of: torch, kind, params, target,")]
    [InlineData("{target: jax.numpy.abs}", "{", "missing required key 'torch'")]
    [InlineData("{torch: torch.abs, params: [input]}", "{", "an entry needs one of 'target', 'method', 'hook' or 'unsupported'")]
    [InlineData("{torch: torch.abs, target: jax.numpy.abs, hook: drop_call}", "{", "an entry takes only one of 'target', 'method', 'hook' or 'unsupported', not target and hook")]
    [InlineData("{torch: torch.abs, method: abs}", "{", "'method' (keep a method call or attribute under a name) is only for entries of kind 'method' or 'attribute'")]
    [InlineData("{torch: torch.abs, params: [input], target: jax.numpy.abs, args: {other: '@0'}}", "other", "'other' is not in this entry's 'params'")]
    [InlineData("{torch: torch.abs, params: [input], target: jax.numpy.abs, args: {input: '@first'}}", "'@first'", "'@first' is not a position: write @0, @1, ...")]
    [InlineData("{torch: torch.abs, params: [input], target: jax.numpy.abs, args: {input: '@-1'}}", "'@-1'", "'@-1' is not a position")]
    [InlineData("{torch: torch.abs, params: [input], target: jax.numpy.abs, args: {input: 2nd}}", "2nd", "'2nd' is not a Python keyword argument name")]
    [InlineData("{torch: torch.abs, params: [input], target: jax.numpy.abs, args: {input: {to: x, drop: true}}}", "{to:", "the rule for 'input' needs exactly one of 'to' and 'drop: true'")]
    [InlineData("{torch: torch.abs, params: [input, slope], target: jax.numpy.abs, args: {input: {to: x, only_with: {slope: 0}}}}", "0}", "'only_with' of 'input' lists the literals 'slope' may have: write slope: [literal, ...]")]
    [InlineData("{torch: torch.Tensor.abs, kind: method, params: [self], target: jax.numpy.abs, value: jax.numpy.absolute}", "jax.numpy.absolute", "'value' (a class's or function's form where it is used as a value) is only for entries of kind 'class' or 'function'")]
    [InlineData("{torch: torch.abs, kind: operator, target: jax.numpy.abs}", "operator", "unknown kind 'operator' (expected function, class, method, attribute, constant or namespace)")]
    [InlineData("{torch: torch.abs, target: jax.numpy.abs, override: yes}", "yes", "'override' must be true or false")]
    [InlineData("{torch: torch.abs, target: jax.numpy.abs, any_receiver: 1}", "1", "'any_receiver' must be true or false")]
    [InlineData("{torch: torch.abs, target: jax.numpy.abs, returns: array}", "array", "'returns' must be 'tensor', 'new_tensor', 'tensors', 'self' or 'other'")]
    [InlineData("{torch: torch.abs, target: jax.numpy.abs, returns: self}", "self", "'returns: self' is for methods (kind: method): only a method has a receiver to return")]
    [InlineData("{torch: torch.utils.data.DataLoader, kind: class, target: jax.numpy.abs, yields: batches}", "batches", "'yields' must be 'tensors'")]
    [InlineData("{torch: torch.abs, target: jax.numpy.abs, yields: tensors}", "tensors", "'yields' is for entries of kind class")]
    [InlineData("{torch: torch.Tensor, kind: constant, target: jax.Array, instances: arrays}", "arrays", "'instances' must be 'tensor', 'device', 'dtype', 'module' or 'parameter'")]
    [InlineData("{torch: torch.relu, target: jax.nn.relu, instances: module}", "module", "'instances: module' is for entries of kind class (an object is built by calling one)")]
    [InlineData("{torch: torch.relu, target: jax.nn.relu, settings: {eps: epsilon}}", "{eps", "'settings' is for entries of kind class (the attributes of a layer)")]
    [InlineData("{torch: torch.nn.LayerNorm, kind: class, target: flax.linen.LayerNorm, settings: {eps: 1e-5}}", "{eps", "'settings': 'eps: 1e-5' must name an attribute by a field, both identifiers")]
    [InlineData("{torch: [torch.abs], target: jax.numpy.abs}", "[", "'torch' must be a plain value")]
    [InlineData("{torch: torch.abs, target: jax.numpy.abs, params: input}", "input", "'params' must be a list")]
    [InlineData("torch.abs", "torch.abs", "an entry must be a mapping")]
    public void SchemaViolationIsReportedAtItsNode(string entry, string at, string message)
    {
        var (entries, diagnostics) = Load(FileWith(entry));
        AssertOnly(diagnostics, DiagnosticCodes.MapSchema, EntryLine, EntryColumn + entry.IndexOf(at, StringComparison.Ordinal), message);
        Assert.Empty(entries);
    }

    [Fact]
    public void DuplicateInOneFileKeepsTheFirst()
    {
        var (entries, diagnostics) = Load("""
            version: 1
            entries:
              - {torch: torch.abs, target: jax.numpy.abs}
              - {torch: torch.exp, target: jax.numpy.exp}
              - {torch: torch.abs, target: jax.numpy.absolute}
            """);
        AssertOnly(diagnostics, DiagnosticCodes.MapDuplicate, 5, 5, "duplicate entry for 'torch.abs' (first at line 3)");
        Assert.Equal(new[] { "torch.abs", "torch.exp" }, entries.Select(e => e.Torch));
        Assert.Equal("jax.numpy.abs", entries[0].Target);
    }

    [Fact]
    public void UnknownHookListsTheKnownHooks()
    {
        const string entry = "{torch: torch.nn.BatchNorm2d, kind: class, hook: batchnorm}";
        var (entries, diagnostics) = Load(FileWith(entry));
        var known = string.Join(", ", HookRegistry.BuiltIn.Names.Order(StringComparer.Ordinal));
        AssertOnly(diagnostics, DiagnosticCodes.MapUnknownHook, EntryLine, EntryColumn + entry.IndexOf("batchnorm", StringComparison.Ordinal),
            $"unknown hook 'batchnorm' (known hooks: {known})");
        Assert.Empty(entries);
    }

    [Fact]
    public void BadEntryIsSkippedAndTheRestLoads()
    {
        var (entries, diagnostics) = Load("""
            version: 1
            entries:
              - {torch: torch.abs, target: jax.numpy.abs}
              - {torch: torch.exp, target: jax.numpy.exp, kind: operator}
              - {torch: torch.log, target: jax.numpy.log}
              - {torch: torch.sin, hook: nowhere}
              - {torch: torch.cos, target: jax.numpy.cos}
            """);
        Assert.Equal(new[] { "SWR1002", "SWR1004" }, diagnostics.Select(d => d.Code));
        Assert.Equal(new[] { 4, 6 }, diagnostics.Select(d => d.Line));
        Assert.Equal(new[] { "torch.abs", "torch.log", "torch.cos" }, entries.Select(e => e.Torch));
    }

    [Fact]
    public void SeveralProblemsInOneEntryAreAllReported()
    {
        const string entry = "{torch: torch.abs, kind: operator, returns: array, colour: red}";
        var (entries, diagnostics) = Load(FileWith(entry));
        Assert.All(diagnostics, d => Assert.Equal("SWR1002", d.Code));
        Assert.Equal(new[] { "colour", "operator", "{", "array" }.Select(at => EntryColumn + entry.IndexOf(at, StringComparison.Ordinal)),
            diagnostics.Select(d => d.Column));
        Assert.Empty(entries);
    }

    private static string FileWith(string entry) => $"version: 1\nentries:\n  - {entry}\n";

    [Fact]
    public void ATorchDefaultIsReadAndMustBeALiteral()
    {
        var (entries, diagnostics) = Load("""
            version: 1
            entries:
              - torch: torch.nn.Linear
                kind: class
                params: [in_features, out_features, bias=True, device=torch.device("cpu")]
                target: flax.linen.Dense
            """);
        AssertOnly(diagnostics, DiagnosticCodes.MapSchema, 5, 52, "parameter 'device=torch.device(\"cpu\")': a default must be a literal");
        Assert.Empty(entries);
        var parameters = SourceParameter.ParseList(["in_features", "bias=True", "*", "eps=1e-5"]);
        Assert.Equal(["in_features", "bias", "eps"], parameters.Select(p => p.Name));
        Assert.Equal([null, "True", "1e-5"], parameters.Select(p => p.Default));
    }

    private static (IReadOnlyList<MapEntry> Entries, List<Diagnostic> Diagnostics) Load(string yaml)
    {
        var diagnostics = new List<Diagnostic>();
        var entries = MapLoader.Load(File, yaml, HookRegistry.BuiltIn.Signatures, diagnostics).Entries;
        return (entries, diagnostics);
    }

    private static void AssertOnly(IReadOnlyList<Diagnostic> diagnostics, DiagnosticDescriptor code, int line, int column, string messageStart)
    {
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((code.Code, File, line, column), (diagnostic.Code, diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.StartsWith(messageStart, diagnostic.Message, StringComparison.Ordinal);
    }
}
