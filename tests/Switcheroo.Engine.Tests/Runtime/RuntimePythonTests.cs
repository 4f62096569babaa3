using System.Diagnostics;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Runtime;

/// <summary>
/// The runtime module's own tests (tests/runtime/*.py), run with Debian's python3 and its
/// python3-torch, python3-numpy: the runtime's functions against torch itself.
/// </summary>
public sealed class RuntimePythonTests
{
    [Fact]
    public async Task RuntimeModulePythonSuitePasses()
    {
        var start = new ProcessStartInfo(Python.WithTorch)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "unittest", "discover", "-s", "tests/runtime", "-v" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"python unittest failed ({process.ExitCode}):\n{error}\n{await output}");
    }
}
