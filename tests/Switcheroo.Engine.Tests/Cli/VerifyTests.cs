using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Cli;

/// <summary>
/// <c>switcheroo verify</c> (docs/fidelity.md): its help, its usage errors, and what it does on a
/// machine without JAX (this one): exit 2 with a message naming the missing packages, never a
/// traceback. The torch half of the fidelity suite runs in <see cref="FidelityTorchHalfTests"/>.
/// </summary>
public sealed class VerifyTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void HelpDocumentsTheCommand()
    {
        var (exit, output, error) = CliRunner.Run("verify", "--help");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        var help = string.Join('\n', output);
        Assert.StartsWith("usage: switcheroo verify FILE...", help);
        foreach (var expected in new[] { "SWITCHEROO_EXAMPLES", "--python PATH", "--examples FILE", "--torch-only", "rtol 1e-4, atol 1e-5", "KeyMapper", "exit status" })
        {
            Assert.Contains(expected, help);
        }
    }

    [Fact]
    public void TopLevelHelpNamesVerify()
    {
        var (exit, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains(output, line => line.TrimStart().StartsWith("verify FILE...", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "give at least one file or directory")]
    [InlineData("a.torch.py --python", "--python needs a value")]
    [InlineData("a.torch.py --rtol x", "--rtol needs a number >= 0, not 'x'")]
    [InlineData("a.torch.py --atol -1", "--atol needs a number >= 0, not '-1'")]
    [InlineData("a.torch.py --fast", "unknown option '--fast' (a path that starts with '-' goes after '--')")]
    public void ArgumentErrorsExitTwo(string args, string message)
    {
        var (exit, output, error) = CliRunner.Run(new[] { "verify" }.Concat(args.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray());
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith($"switcheroo verify: {message}\n", error.ReplaceLineEndings("\n"));
        Assert.Contains("usage: switcheroo verify", error);
    }

    [Fact]
    public void WithoutJaxItExitsTwoNamingWhatIsMissing()
    {
        if (PythonHas(Python.WithTorch, "jax"))
        {
            return; // a machine with JAX runs the comparison instead (tests/fidelity/run-on-device.sh)
        }
        var source = _folder.Write("mlp.torch.py", "import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n");
        var (exit, output, error) = CliRunner.Run("verify", "--python", Python.WithTorch, source);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("cannot import jax, flax, optax; verify needs numpy, torch, jax, flax, optax.", error);
        Assert.Contains("pip install", error);
        Assert.DoesNotContain("Traceback", error);
    }

    [Fact]
    public void APythonThatCannotStartExitsTwo()
    {
        var missing = _folder.Combine("no-python");
        var (exit, _, error) = CliRunner.Run("verify", "--python", missing, _folder.Write("a.torch.py", "x = 1\n"));
        Assert.Equal(2, exit);
        Assert.StartsWith($"switcheroo verify: cannot run '{missing}'", error);
    }

    [Fact]
    public void AMissingInputIsSwr0002AndExitsOne()
    {
        var missing = _folder.Combine("nowhere.torch.py");
        var (exit, output, _) = CliRunner.Run("verify", "--torch-only", "--python", Python.WithTorch, missing);
        Assert.Equal(1, exit);
        Assert.Equal($"{missing}: error SWR0002: no such file or directory: {missing}", Assert.Single(output));
    }

    internal static bool PythonHas(string python, string package) =>
        Python.RunWith(python, $"import importlib.util\nprint(importlib.util.find_spec('{package}') is not None)").Trim() == "True";
}
