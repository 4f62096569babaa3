using System.Diagnostics;
using Switcheroo.Build.Tests.Support;

namespace Switcheroo.Build.Tests.Builds;

/// <summary>
/// The command-line tool as a <c>dotnet tool</c> package: packed with a unique version into a
/// folder feed, installed from that feed alone into a tool path, and run; it finds its built-in
/// maps in the tool's folder.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public void TheCliPacksAsADotnetToolThatConverts()
    {
        using var work = new TemporaryFolder();
        var feed = LocalFeed.Pack(work, "src/Switcheroo.Cli");
        BuildAssert.Succeeded(Dotnet.Run(work.Path, "tool", "install", "Switcheroo.Cli", "--version", feed.Version,
            "--tool-path", work.Combine("tools"), "--configfile", feed.Config));

        var source = work.Write("models/f.torch.py", Sources.Functions);
        var run = Process.Start(new ProcessStartInfo(work.Combine("tools/switcheroo"), new[] { "convert", source, "--out", work.Combine("out") })
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var output = run.StandardOutput.ReadToEnd();
        run.WaitForExit();
        Assert.True(run.ExitCode == 0, output);
        Assert.Contains("jnp.exp(x)", File.ReadAllText(work.Combine("out/f.py")));
    }
}
