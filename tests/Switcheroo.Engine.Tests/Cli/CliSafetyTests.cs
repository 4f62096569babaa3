using System.Text.RegularExpressions;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Cli;

/// <summary>
/// <c>switcheroo convert</c> never loses a user's file and never crashes: an output folder that is
/// an input (or inside one) is refused (SWR0009), two inputs with one output convert neither
/// (SWR0003), a file in the output folder that Switcheroo did not write is left alone (SWR0007), an
/// unwritable output folder is SWR0004 with the path, the directory walk skips generated folders,
/// and an unknown option is a usage error.
/// </summary>
public sealed class CliSafetyTests : IDisposable
{
    private const string Torch = "import torch\n\n\ndef f(x):\n    return torch.exp(x)\n";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AnOutputFolderEqualToTheInputIsRefusedAndTheSourcesStay()
    {
        var source = _folder.Write("models/net.py", Torch);
        var models = Path.Combine(_folder.Path, "models");
        var (exit, output, _) = Run("convert", models, "--out", models);
        Assert.Equal(1, exit);
        Assert.Contains(output, line => line.Contains("error SWR0009", StringComparison.Ordinal));
        Assert.Equal(Torch, File.ReadAllText(source));
        Assert.Equal(new[] { source }, Directory.EnumerateFiles(models));
    }

    [Fact]
    public void AnOutputFolderInsideTheInputIsRefused()
    {
        _folder.Write("models/net.torch.py", Torch);
        var models = Path.Combine(_folder.Path, "models");
        var (exit, output, _) = Run("convert", models, "--out", Path.Combine(models, "out"));
        Assert.Equal(1, exit);
        Assert.Contains(output, line => line.Contains("error SWR0009", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(models, "out")));
    }

    [Fact]
    public void AnInputNamedLikeItsOutputIsRefused()
    {
        var source = _folder.Write("a.py", Torch);
        var (exit, output, _) = Run("convert", source, "--out", _folder.Path);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{source}: error SWR0009: ", output[0], StringComparison.Ordinal);
        Assert.Equal(Torch, File.ReadAllText(source));
    }

    [Fact]
    public void TwoInputsWithOneOutputConvertNeitherAndTheOthersStillConvert()
    {
        var plain = _folder.Write("src/a.py", "x = 1\n");
        var torch = _folder.Write("src/a.torch.py", Torch);
        _folder.Write("src/b.torch.py", Torch);
        var (exit, output, _) = Run("convert", Path.Combine(_folder.Path, "src"), "--out", Out);
        Assert.Equal(1, exit);
        Assert.Equal(new[] { plain, torch }, output.Where(l => l.Contains("SWR0003", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(": error", StringComparison.Ordinal)]));
        Assert.False(File.Exists(Path.Combine(Out, "a.py")));
        Assert.True(File.Exists(Path.Combine(Out, "b.py")));
    }

    [Fact]
    public void AFileSwitcherooDidNotWriteIsNeitherReplacedNorRemoved()
    {
        var mine = _folder.Write("out/net.py", "# written by hand\n");
        var broken = _folder.Write("out/broken.py", "# also by hand\n");
        var source = _folder.Write("src/net.torch.py", Torch);
        _folder.Write("src/broken.torch.py", "import torch\nx = torch.exp(\n");
        var (exit, output, _) = Run("convert", Path.Combine(_folder.Path, "src"), "--out", Out);
        Assert.Equal(1, exit);
        Assert.Contains(output, line => line.StartsWith($"{source}: error SWR0007: {mine} exists and was not written by Switcheroo", StringComparison.Ordinal));
        Assert.Equal("# written by hand\n", File.ReadAllText(mine));
        Assert.Equal("# also by hand\n", File.ReadAllText(broken));
    }

    [Fact]
    public void AnUnwritableOutputFolderIsSwr0004WithThePath()
    {
        var source = _folder.Write("net.torch.py", Torch);
        var blocker = _folder.Write("blocker", "a file where the output folder should be\n");
        var (exit, output, error) = Run("convert", source, "--out", blocker);
        Assert.Equal(1, exit);
        Assert.Empty(error);
        Assert.Contains(output, line => line.StartsWith($"{source}: error SWR0004: cannot write {Path.Combine(blocker, "net.py")}", StringComparison.Ordinal));
    }

    [Fact]
    public void TheWalkSkipsBuildAndHiddenFolders()
    {
        _folder.Write("proj/models/net.torch.py", Torch);
        _folder.Write("proj/obj/Debug/switcheroo/models/net.py", Torch);
        _folder.Write("proj/bin/Debug/models/net.py", Torch);
        _folder.Write("proj/.venv/lib/site.py", "x = 1\n");
        var (exit, output, _) = Run("convert", Path.Combine(_folder.Path, "proj"), "--out", Out);
        Assert.Equal(0, exit);
        Assert.StartsWith("1 files, 1 converted,", output[^1], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "models", "net.py")));
    }

    [Fact]
    public void AFileThatBreaksTheParserOrConverterFailsAloneWithoutAStackTrace()
    {
        var bad = _folder.Write("src/bad.torch.py", "import torch.nn as nn\n\n\nclass A(nn.Module):\n    def f(self):\n        f(a* =1)\n");
        _folder.Write("src/good.torch.py", Torch);
        var (exit, output, error) = Run("convert", Path.Combine(_folder.Path, "src"), "--out", Out);
        Assert.Equal(1, exit);
        Assert.Empty(error);
        Assert.Matches(@"^.*bad\.torch\.py(\(\d+,\d+\))?: error SWR(2\d{3}|9001): ", Assert.Single(output, l => l.Contains(": error ", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(Out, "good.py")));
        Assert.False(File.Exists(Path.Combine(Out, "bad.py")));
    }

    [Theory]
    [InlineData("check", "--bogus")]
    [InlineData("convert", "--bogus")]
    public void AnUnknownOptionIsAUsageError(string command, string option)
    {
        var source = _folder.Write("a.py", "x = 1\n");
        var (exit, output, error) = Run(command, option, source, "--out", Out);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains($"unknown option '{option}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PathsAfterTheDoubleDashAreNeverOptions()
    {
        var odd = _folder.Write("-odd.py", "x = 1\n");
        var (exit, output, _) = Run("check", "--", odd);
        Assert.Equal(0, exit);
        Assert.Matches(new Regex(@"^1 files, 1 ok"), output[^1]);
    }

    private string Out => Path.Combine(_folder.Path, "out");

    private static (int Exit, string[] Output, string Error) Run(params string[] args) => CliRunner.Run(args);
}
