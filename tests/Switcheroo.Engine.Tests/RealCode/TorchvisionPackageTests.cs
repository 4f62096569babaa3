using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.RealCode;

/// <summary>
/// torchvision's quantization models converted with their package: every <c>torchvision/models/**/*.py</c> of
/// Debian's python3-torchvision indexed together, as the CLI converts the folder, and each
/// <c>quantization/*.py</c> converted with that index. Their absolute imports of the float models
/// (<c>from torchvision.models.resnet import BasicBlock</c>) become relative imports of the converted files
/// (docs/maps.md, "Relative imports"), so no output imports torchvision's models, every output compiles,
/// and the warnings per file are those recorded in docs/coverage.md, beside those of each file converted
/// alone (SWITCHEROO_UPDATE_GOLDEN=1 rewrites the table). Their total may never exceed
/// <see cref="WarningsCeiling"/>: lower it as the quantizable classes convert.
/// </summary>
public sealed class TorchvisionPackageTests
{
    /// <summary>The quantization files' warnings with their package when this test was written (67 each file alone); may only go down.</summary>
    /// <remarks>
    /// Raised once, 36 → 47: a parameter annotated <c>nn.Module</c> holds a module, so what only torch's modules have is
    /// reported on it (utils.py's <c>module.named_children()</c>, <c>module._modules[key] = value</c>, <c>model.training</c>,
    /// <c>model.qconfig = ...</c>), and a layer class compared with <c>type(m)</c> is reported as in an <c>isinstance</c> test
    /// (<c>_replace_relu</c>'s <c>type(mod) is nn.ReLU</c>, the <c>fuse_model</c> methods): all of it converted to code a Flax
    /// module fails at, or to a type test that never matches, without a warning. Lowered 47 → 37: a subclass of a float model's
    /// class takes that class's fields from the index (the quantizable Inception blocks, ShuffleNetV2, GoogLeNet's Inception).
    /// 36: the index records where a float model's class moves an attribute to NAME_ (InceptionAux's dropout_), which
    /// QuantizableInceptionAux reads, so it and QuantizableGoogLeNet convert (fuse_model's self.modules() reported instead).
    /// </remarks>
    private const int WarningsCeiling = 36;

    private const string FindModels = """
        import importlib.util, os
        print(os.path.join(importlib.util.find_spec("torchvision").submodule_search_locations[0], "models"))
        """;

    [Fact]
    public void QuantizationModelsConvertedWithTheirPackageImportTheConvertedFloatModels()
    {
        var folder = Python.RunWith(Python.WithTorch, FindModels).Trim();
        var files = Directory.GetFiles(folder, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (ModulePath: Path.GetRelativePath(folder, f).Replace('\\', '/')[..^3], Path: f)).ToList();
        var quantization = files.Where(f => f.ModulePath.StartsWith("quantization/", StringComparison.Ordinal)).ToList();
        Assert.True(quantization.Count >= 6, $"expected torchvision's quantization models in {folder}");

        var project = Pipeline.Index(Converter.BuiltInMaps, files);
        var results = quantization.AsParallel().AsOrdered().Select(f => (f.ModulePath, Alone: Converter.Pipeline.Convert(f.Path, File.ReadAllBytes(f.Path)),
            Together: Converter.Pipeline.Convert(f.Path, File.ReadAllBytes(f.Path), f.ModulePath, project))).ToList();

        Assert.All(results, r => Assert.NotNull(r.Together.Output));
        Assert.Empty(CPythonVerdicts.Rejected(results.Select(r => r.Together.Output!)));
        Assert.All(results, r => Assert.DoesNotMatch(@"(?m)^\s*(from|import)\s+torchvision\.models\b", r.Together.Output));
        var rows = results.Select(r => $"| `{r.ModulePath}.py` | {r.Alone.Count(Severity.Warning)} | {r.Together.Count(Severity.Warning)} |").ToList();
        int alone = results.Sum(r => r.Alone.Count(Severity.Warning)), together = results.Sum(r => r.Together.Count(Severity.Warning));
        rows.Add($"| **all {results.Count} files** | **{alone}** | **{together}** |");

        Assert.True(together <= WarningsCeiling, $"{together} warnings in the quantization models converted with their package (at most {WarningsCeiling})");
        CoverageDocument.Check("quantization-table", "| file | warnings, converted alone | warnings, converted with the package |\n|---|---:|---:|", rows);
    }
}
