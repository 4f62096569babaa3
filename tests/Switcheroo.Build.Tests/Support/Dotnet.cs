using System.Diagnostics;

namespace Switcheroo.Build.Tests.Support;

/// <summary>The outcome of one <c>dotnet</c> command: exit code and everything it printed.</summary>
public sealed record DotnetRun(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public IEnumerable<string> Lines => Output.Split('\n').Select(l => l.TrimEnd('\r'));

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>
/// Runs the <c>dotnet</c> CLI out of process, as a user would. The child must find its own MSBuild:
/// the variables a parent MSBuild (dotnet test) or the Locator set are removed, and node reuse is
/// off so no build node outlives the test holding the task assembly.
/// </summary>
public static class Dotnet
{
    private static readonly string[] Inherited = { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" };

    public static DotnetRun Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in Inherited)
        {
            start.Environment.Remove(name);
        }
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new DotnetRun(process.ExitCode, output + error.Result);
    }
}
