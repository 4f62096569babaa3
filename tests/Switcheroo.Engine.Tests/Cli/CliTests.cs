using System.Text.RegularExpressions;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Cli;

/// <summary>
/// The <c>switcheroo</c> command as a user runs it: <c>check</c> and <c>convert</c> over files in
/// a temporary folder, their canonical diagnostic lines, summary lines, exit codes and output files.
/// </summary>
public sealed class CliTests : IDisposable
{
    private const string Torch = "import torch\n\n\ndef f(x):\n    return torch.exp(x)\n";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void CheckPrintsCanonicalErrorsAndASummaryAndFailsOnErrors()
    {
        var good = _folder.Write("src/good.py", "x = 1\ny = 2\n");
        var bad = _folder.Write("src/pkg/bad.py", "x = (1,\n");
        var (exit, output, _) = Run("check", Path.Combine(_folder.Path, "src"));
        Assert.Equal(1, exit);
        Assert.Equal($"{bad}(1,5): error SWR2003: '(' was never closed", output[0]);
        Assert.Equal((2, 1, 1, 3), CheckSummary(output[^1]));
        Assert.Equal(2, output.Length);
        Assert.True(File.Exists(good));
    }

    [Fact]
    public void CheckOfGoodFilesSucceeds()
    {
        var first = _folder.Write("a.py", "x = 1\n");
        var second = _folder.Write("b.py", "def f():\n    return 2");
        var (exit, output, _) = Run("check", first, second);
        Assert.Equal(0, exit);
        Assert.Equal((2, 2, 0, 3), CheckSummary(Assert.Single(output)));
    }

    [Fact]
    public void CheckOfAMissingPathIsSwr0002()
    {
        var missing = Path.Combine(_folder.Path, "nowhere");
        var (exit, output, _) = Run("check", missing);
        Assert.Equal(1, exit);
        Assert.Equal($"{missing}: error SWR0002: no such file or directory: {missing}", output[0]);
        Assert.Equal((0, 0, 0, 0), CheckSummary(output[^1]));
    }

    [Theory]
    [InlineData("in.py", "--out DIR is required")]
    [InlineData("in.py --out", "--out needs a value")]
    [InlineData("--out out", "give at least one file or directory")]
    public void ConvertWithoutInputsOrOutputIsAUsageError(string args, string message)
    {
        var (exit, output, error) = Run(new[] { "convert" }.Concat(args.Split(' ')).ToArray());
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Equal($"switcheroo convert: {message}", error.TrimEnd());
    }

    [Fact]
    public void ConvertNamesOutputsAfterTheirInputs()
    {
        _folder.Write("src/models/net.torch.py", Torch);
        _folder.Write("src/util/helpers.py", "def helper():\n    return 1\n");
        var single = _folder.Write("single.torch.py", Torch);
        var (exit, output, _) = Run("convert", Path.Combine(_folder.Path, "src"), single, "--out", Out);
        Assert.Equal(0, exit);
        Assert.Equal((3, 3, 0, 0), ConvertSummary(Assert.Single(output)));
        Assert.Equal(
            new[] { ".switcheroo-outputs", "models/net.py", "single.py", "util/helpers.py" },
            Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Out, f).Replace('\\', '/')).Order());
        Assert.Contains("jnp.exp(x)", File.ReadAllText(Path.Combine(Out, "models", "net.py")), StringComparison.Ordinal);
        Assert.Equal("def helper():\n    return 1\n", File.ReadAllText(Path.Combine(Out, "util", "helpers.py")));
    }

    [Fact]
    public void ConvertWritesTheRuntimeModuleBesideFilesThatUseIt()
    {
        var input = _folder.Write("src/train/loss.torch.py", "import torch.nn.functional as F\n\nloss = F.mse_loss(a, b)\n");
        _folder.Write("src/plain.py", "x = 1\n");
        var (exit, _, _) = Run("convert", Path.Combine(_folder.Path, "src"), "--out", Out);
        Assert.Equal(0, exit);
        Assert.Contains("switcheroo_runtime.mse_loss(a, b)", File.ReadAllText(Path.Combine(Out, "train", "loss.py")), StringComparison.Ordinal);
        Assert.Equal(Switcheroo.Engine.Emitting.RuntimeModule.Text, File.ReadAllText(Path.Combine(Out, "train", "switcheroo_runtime.py")));
        Assert.False(File.Exists(Path.Combine(Out, "switcheroo_runtime.py")));
    }

    [Fact]
    public void ConvertReportsWarningsAndStillSucceeds()
    {
        var input = _folder.Write("fft.torch.py", "import torch\n\ny = torch.fft.fft(x)\n");
        var (exit, output, _) = Run("convert", input, "--out", Out);
        Assert.Equal(0, exit);
        Assert.Equal($"{input}(3,5): warning SWR3001: torch.fft.fft has no mapping; kept as is", output[0]);
        Assert.Equal((1, 1, 1, 0), ConvertSummary(output[^1]));
        Assert.True(File.Exists(Path.Combine(Out, "fft.py")));
    }

    [Fact]
    public void FileWithASyntaxErrorIsNotWrittenAndTheOthersStillConvert()
    {
        var broken = _folder.Write("src/broken.torch.py", "import torch\nx = torch.exp(\n");
        _folder.Write("src/fine.torch.py", Torch);
        var (exit, output, _) = Run("convert", Path.Combine(_folder.Path, "src"), "--out", Out);
        Assert.Equal(1, exit);
        Assert.Equal($"{broken}(2,14): error SWR2003: '(' was never closed", output[0]);
        Assert.Equal((2, 1, 0, 1), ConvertSummary(output[^1]));
        Assert.False(File.Exists(Path.Combine(Out, "broken.py")));
        Assert.True(File.Exists(Path.Combine(Out, "fine.py")));
    }

    [Fact]
    public void ConvertOfAMissingPathIsSwr0002()
    {
        var missing = Path.Combine(_folder.Path, "nowhere.torch.py");
        var (exit, output, _) = Run("convert", missing, "--out", Out);
        Assert.Equal(1, exit);
        Assert.Equal($"{missing}: error SWR0002: no such file or directory: {missing}", output[0]);
        Assert.Equal((0, 0, 0, 1), ConvertSummary(output[^1]));
    }

    [Fact]
    public void UserMapOverridingAnEntryChangesTheOutput()
    {
        var input = _folder.Write("net.torch.py", Torch);
        var map = _folder.Write("maps/mine.yaml",
            "version: 1\nentries:\n  - {torch: torch.exp, params: [input], target: jax.numpy.expm1, args: {input: \"@0\"}, override: true}\n");
        var (exit, _, _) = Run("convert", input, "--out", Out, "--map", map);
        Assert.Equal(0, exit);
        Assert.Contains("return jnp.expm1(x)", File.ReadAllText(Path.Combine(Out, "net.py")), StringComparison.Ordinal);
    }

    [Fact]
    public void UserMapConflictStopsTheConversion()
    {
        var input = _folder.Write("net.torch.py", Torch);
        var map = _folder.Write("mine.yaml", "version: 1\nentries:\n  - {torch: torch.exp, params: [input], target: jax.numpy.expm1, args: {input: \"@0\"}}\n");
        var (exit, output, _) = Run("convert", input, "--out", Out, "--map", map);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{map}(3,5): error SWR1005: 'torch.exp' is already mapped at ", output[0], StringComparison.Ordinal);
        Assert.Equal((1, 0, 0, 1), ConvertSummary(output[^1]));
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void SecondRunLeavesUnchangedFilesUntouched()
    {
        _folder.Write("src/a.torch.py", Torch);
        _folder.Write("src/sub/b.py", "x = 1\n");
        var source = Path.Combine(_folder.Path, "src");
        Assert.Equal(0, Run("convert", source, "--out", Out).Exit);
        var outputs = Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var longAgo = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        foreach (var file in outputs)
        {
            File.SetLastWriteTimeUtc(file, longAgo);
        }
        Assert.Equal(0, Run("convert", source, "--out", Out).Exit);
        Assert.Equal(outputs, Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        Assert.All(outputs, file => Assert.Equal(longAgo, File.GetLastWriteTimeUtc(file)));
    }

    [Fact]
    public void AnOutputChangedByHandIsRewrittenBecauseSwitcherooWroteIt()
    {
        var input = _folder.Write("a.torch.py", Torch);
        Assert.Equal(0, Run("convert", input, "--out", Out).Exit);
        File.WriteAllText(Path.Combine(Out, "a.py"), "edited\n");
        Assert.Equal(0, Run("convert", input, "--out", Out).Exit);
        Assert.Contains("jnp.exp(x)", File.ReadAllText(Path.Combine(Out, "a.py")), StringComparison.Ordinal);
    }

    private string Out => Path.Combine(_folder.Path, "out");

    [Fact]
    public void BrokenUserMapIsAnErrorAtItsYamlPositionWithoutAStackTrace()
    {
        var input = _folder.Write("net.torch.py", Torch);
        const string entry = "  - {torch: torch.exp, params: [input], hook: template, options: {template: \"jax.numpy.exp({input\"}, override: true}";
        var map = _folder.Write("broken.yaml", $"version: 1\nentries:\n{entry}\n");
        var (exit, output, error) = Run("convert", input, "--out", Out, "--map", map);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{map}(3,{entry.IndexOf('"', StringComparison.Ordinal) + 1}): error SWR1008: ", output[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", string.Join("\n", output) + error, StringComparison.Ordinal);
        Assert.Empty(error);
        Assert.False(Directory.Exists(Out) && Directory.EnumerateFiles(Out).Any());
    }

    private static (int Exit, string[] Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    /// <summary>Parses <c>N files, N ok, N with errors, N lines, T ms</c>.</summary>
    private static (int Files, int Ok, int WithErrors, int Lines) CheckSummary(string line)
    {
        var match = Regex.Match(line, @"^(\d+) files, (\d+) ok, (\d+) with errors, (\d+) lines, \d+ ms$");
        Assert.True(match.Success, $"not a check summary: {line}");
        return (Number(match, 1), Number(match, 2), Number(match, 3), Number(match, 4));
    }

    /// <summary>Parses <c>N files, N converted, N warnings, N errors, T ms</c>.</summary>
    private static (int Files, int Converted, int Warnings, int Errors) ConvertSummary(string line)
    {
        var match = Regex.Match(line, @"^(\d+) files, (\d+) converted, (\d+) warnings, (\d+) errors, \d+ ms$");
        Assert.True(match.Success, $"not a convert summary: {line}");
        return (Number(match, 1), Number(match, 2), Number(match, 3), Number(match, 4));
    }

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
}
