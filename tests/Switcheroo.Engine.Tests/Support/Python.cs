using System.Diagnostics;

namespace Switcheroo.Engine.Tests.Support;

/// <summary>
/// The machine's CPython, which tests ask for the truth (what compiles, where the stdlib is).
/// SWITCHEROO_PYTHON overrides; otherwise the first python3 on PATH.
/// </summary>
public static class Python
{
    public static string Executable { get; } = Environment.GetEnvironmentVariable("SWITCHEROO_PYTHON") is { Length: > 0 } chosen
        ? chosen
        : "python3";

    /// <summary>
    /// Debian's Python, where apt installs python3-torch and python3-torchvision (test.sh does);
    /// SWITCHEROO_TORCH_PYTHON overrides.
    /// </summary>
    public static string WithTorch { get; } = Environment.GetEnvironmentVariable("SWITCHEROO_TORCH_PYTHON") is { Length: > 0 } torch
        ? torch
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>The standard library folder of <see cref="Executable"/> (throws when there is no such python).</summary>
    public static string StdlibFolder() => Run("import sysconfig; print(sysconfig.get_paths()['stdlib'])").Trim();

    /// <summary>Runs a Python script (given as text on stdin) and returns its standard output; throws on failure.</summary>
    public static string Run(string script, params string[] arguments) => RunWith(Executable, script, arguments);

    public static string RunWith(string executable, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} failed ({process.ExitCode}): {error.Result}");
        }
        return output;
    }
}
