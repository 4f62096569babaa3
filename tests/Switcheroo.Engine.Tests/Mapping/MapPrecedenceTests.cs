using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Mapping;

/// <summary>
/// The layering of maps (docs/maps.md, "Precedence"): built-in files form one layer where a name
/// may appear once whatever the file order (SWR1003); user maps follow in order and replace an
/// earlier entry only with <c>override: true</c> (SWR1005 without it, SWR1006 when there is
/// nothing to override); an unreadable map file is SWR1007.
/// </summary>
public sealed class MapPrecedenceTests
{
    private static readonly MapFile BuiltIn = Layer("builtin.yaml",
        "{torch: torch.abs, target: jax.numpy.abs}",
        "{torch: torch.exp, target: jax.numpy.exp}");

    [Fact]
    public void DuplicateAcrossBuiltInFilesIsReported()
    {
        var other = Layer("more.yaml", "{torch: torch.log, target: jax.numpy.log}", "{torch: torch.exp, target: jax.numpy.expm1}");
        var (maps, diagnostics) = Build(new[] { BuiltIn, other });
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("more.yaml(4,5): error SWR1003: 'torch.exp' is already mapped at builtin.yaml(4,5)", diagnostic.ToString());
        Assert.Equal("jax.numpy.exp", maps.Find("torch.exp")!.Target);
        Assert.Equal("jax.numpy.log", maps.Find("torch.log")!.Target);
    }

    [Fact]
    public void OrderOfBuiltInFilesDoesNotMatter()
    {
        var other = Layer("more.yaml", "{torch: torch.log, target: jax.numpy.log}", "{torch: torch.exp, target: jax.numpy.expm1}");
        var (forward, forwardDiagnostics) = Build(new[] { BuiltIn, other });
        var (backward, backwardDiagnostics) = Build(new[] { other, BuiltIn });
        Assert.Equal(forwardDiagnostics.Select(d => d.ToString()), backwardDiagnostics.Select(d => d.ToString()));
        Assert.Equal(Describe(forward), Describe(backward));
    }

    [Fact]
    public void UserRedefinitionWithoutOverrideIsAnErrorAndTheBuiltInStays()
    {
        var user = Layer("user.yaml", "{torch: torch.abs, target: jax.numpy.absolute}");
        var (maps, diagnostics) = Build(new[] { BuiltIn }, user);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("user.yaml(3,5): error SWR1005: 'torch.abs' is already mapped at builtin.yaml(3,5); add 'override: true' to replace it",
            diagnostic.ToString());
        Assert.Equal("jax.numpy.abs", maps.Find("torch.abs")!.Target);
    }

    [Fact]
    public void UserRedefinitionWithOverrideReplacesTheBuiltIn()
    {
        var user = Layer("user.yaml", "{torch: torch.abs, target: jax.numpy.absolute, override: true}");
        var (maps, diagnostics) = Build(new[] { BuiltIn }, user);
        Assert.Empty(diagnostics);
        Assert.Equal("jax.numpy.absolute", maps.Find("torch.abs")!.Target);
        Assert.Equal("jax.numpy.exp", maps.Find("torch.exp")!.Target);
    }

    [Fact]
    public void OverrideWithNothingToOverrideIsAWarningAndTheEntryIsAdded()
    {
        var user = Layer("user.yaml", "{torch: torch.sqrt, target: jax.numpy.sqrt, override: true}");
        var (maps, diagnostics) = Build(new[] { BuiltIn }, user);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal("user.yaml(3,5): warning SWR1006: 'torch.sqrt' says 'override: true' but no earlier map defines it", diagnostic.ToString());
        Assert.Equal("jax.numpy.sqrt", maps.Find("torch.sqrt")!.Target);
    }

    [Fact]
    public void LaterUserLayerWithOverrideWins()
    {
        var first = Layer("first.yaml", "{torch: torch.abs, target: jax.numpy.absolute, override: true}");
        var second = Layer("second.yaml", "{torch: torch.abs, target: jax.numpy.fabs, override: true}");
        var (maps, diagnostics) = Build(new[] { BuiltIn }, first, second);
        Assert.Empty(diagnostics);
        Assert.Equal("jax.numpy.fabs", maps.Find("torch.abs")!.Target);
    }

    [Fact]
    public void LaterUserLayerWithoutOverrideConflictsWithTheEarlierUserLayer()
    {
        var first = Layer("first.yaml", "{torch: torch.sqrt, target: jax.numpy.sqrt}");
        var second = Layer("second.yaml", "{torch: torch.sqrt, target: jax.numpy.cbrt}");
        var (maps, diagnostics) = Build(new[] { BuiltIn }, first, second);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("SWR1005", diagnostic.Code);
        Assert.Contains("already mapped at first.yaml(3,5)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("jax.numpy.sqrt", maps.Find("torch.sqrt")!.Target);
    }

    [Fact]
    public void MissingUserMapFileIsUnreadable()
    {
        using var folder = new TemporaryFolder();
        var missing = Path.Combine(folder.Path, "missing.yaml");
        var diagnostics = new List<Diagnostic>();
        MapCatalog.Load(folder.Path, new[] { missing }, HookRegistry.BuiltIn.Signatures, diagnostics);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.MapUnreadable.Code, missing, 0, 0), (diagnostic.Code, diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.StartsWith("cannot read map file: ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectoryGivenAsUserMapIsUnreadableAndOtherMapsStillLoad()
    {
        using var folder = new TemporaryFolder();
        var good = Path.Combine(folder.Path, "good.yaml");
        File.WriteAllText(good, "version: 1\nimports: {jax.numpy: import jax.numpy as jnp}\nentries:\n  - {torch: torch.sqrt, target: jax.numpy.sqrt}\n");
        var diagnostics = new List<Diagnostic>();
        var maps = MapCatalog.Load(Path.Combine(folder.Path, "no-built-ins"), new[] { folder.Path, good }, HookRegistry.BuiltIn.Signatures, diagnostics);
        Assert.Equal(DiagnosticCodes.MapUnreadable.Code, Assert.Single(diagnostics).Code);
        Assert.Equal("jax.numpy.sqrt", maps.Find("torch.sqrt")!.Target);
    }

    [Fact]
    public void BuiltInFolderLoadsEveryYamlFile()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, "b.yaml"), "version: 1\nentries:\n  - {torch: torch.exp, target: jax.numpy.exp}\n");
        File.WriteAllText(Path.Combine(folder.Path, "a.yaml"), "version: 1\nimports: {jax.numpy: import jax.numpy as jnp}\nentries:\n  - {torch: torch.exp, target: jax.numpy.expm1}\n");
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "not a map");
        var diagnostics = new List<Diagnostic>();
        var maps = MapCatalog.Load(folder.Path, Array.Empty<string>(), HookRegistry.BuiltIn.Signatures, diagnostics);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("SWR1003", Path.Combine(folder.Path, "b.yaml")), (diagnostic.Code, diagnostic.File));
        Assert.Equal("jax.numpy.expm1", maps.Find("torch.exp")!.Target);
    }

    private static MapFile Layer(string file, params string[] entries)
    {
        var yaml = "version: 1\nentries:\n" + string.Concat(entries.Select(e => $"  - {e}\n"));
        var diagnostics = new List<Diagnostic>();
        var loaded = MapLoader.Load(file, yaml, HookRegistry.BuiltIn.Signatures, diagnostics);
        Assert.Empty(diagnostics);
        return loaded;
    }

    /// <summary>The layers, with an imports-only built-in file so that the jax targets are importable.</summary>
    private static (MapSet Maps, List<Diagnostic> Diagnostics) Build(MapFile[] builtIn, params MapFile[] user)
    {
        var diagnostics = new List<Diagnostic>();
        var imports = MapLoader.Load("mappings/imports.yaml", "version: 1\nimports: {jax.numpy: import jax.numpy as jnp}\n", HookRegistry.BuiltIn.Signatures, diagnostics);
        return (MapSet.Build(builtIn.Append(imports), user, diagnostics), diagnostics);
    }

    private static IEnumerable<string> Describe(MapSet maps) =>
        maps.Entries.Select(e => $"{e.Torch} -> {e.Target} @ {e.Location}").Order(StringComparer.Ordinal);
}
