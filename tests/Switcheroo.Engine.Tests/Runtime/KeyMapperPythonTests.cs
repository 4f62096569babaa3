using System.Diagnostics;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Runtime;

/// <summary>
/// The generated runtime (src/Switcheroo.Engine/Emitting/switcheroo_runtime.py) is Python, tested
/// in Python against real torch modules and state_dicts (tests/runtime/, unittest, Debian's
/// python3-torch/python3-torchvision, which test.sh installs). This runs that suite as part of the
/// .NET test run.
/// </summary>
public sealed class KeyMapperPythonTests
{
    [Fact]
    public async Task PythonSuitePasses()
    {
        var start = new ProcessStartInfo(Python.WithTorch)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "unittest", "discover", "-s", Path.Combine("tests", "runtime"), "-v" })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the Python suite did not finish in 5 minutes");
        }
        var report = await output + await error;
        Assert.True(process.ExitCode == 0, $"{Python.WithTorch} -m unittest discover -s tests/runtime failed ({process.ExitCode}):\n{report}");
        Assert.Contains("OK", report);
    }

    [Fact]
    public void RuntimeImportsOnlyTheStandardLibraryAndNumpyAtTopLevel()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Switcheroo.Engine", "Emitting", "switcheroo_runtime.py"));
        var topLevelImports = text.Split('\n')
            .Where(line => line.StartsWith("import ", StringComparison.Ordinal) || line.StartsWith("from ", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .ToList();
        Assert.Equal(["import functools", "import warnings", "import numpy as np"], topLevelImports);
    }
}
