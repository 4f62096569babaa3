using System.Text.RegularExpressions;
using Switcheroo.Build.Tests.Support;

namespace Switcheroo.Build.Tests.Builds;

/// <summary>
/// Diagnostics as a build shows them: a syntax error fails the build in the canonical form while the
/// other files still convert and the broken file keeps no output; <c>NoWarn</c> silences a code,
/// <c>WarningsAsErrors</c> and <c>SwitcherooTreatWarningsAsErrors</c> promote it.
/// </summary>
public sealed class DiagnosticBuildTests
{
    [Fact]
    public void ASyntaxErrorFailsTheBuildAndLeavesNoOutputOfThatFile()
    {
        using var project = new TestProject();
        var good = "models/good.torch.py";
        var bad = "models/bad.torch.py";
        project.Write(good, Sources.Mlp);
        var badPath = project.Write(bad, Sources.Functions);
        BuildAssert.Converted(project.Build(), 2);

        project.Write(bad, Sources.SyntaxError);
        File.SetLastWriteTimeUtc(project.Path(good), DateTime.UtcNow.AddSeconds(2));
        var broken = project.Build();
        BuildAssert.Failed(broken);
        Assert.Matches(new Regex($@"^\s*{Regex.Escape(badPath)}\(5,\d+\): error SWR2\d{{3}}: ", RegexOptions.Multiline), broken.Output);
        BuildAssert.Converted(broken, 1);
        Assert.False(File.Exists(project.Converted(bad)));
        Assert.True(File.Exists(project.Converted(good)));

        // The broken file has no output, so the next build reports it again instead of skipping.
        var again = project.Build();
        BuildAssert.Failed(again);
        Assert.Contains("error SWR2", again.Output);
    }

    [Fact]
    public void TargetsImportedFromTheProjectBodyAreSwr0006()
    {
        using var project = new TestProject();
        var file = project.Path($"{project.Name}.csproj");
        var text = File.ReadAllText(file);
        var targets = $"""<Import Project="{Repository.BuildFiles}/Switcheroo.Build.targets" />""";
        File.WriteAllText(file, text.Replace(targets, "").Replace("""<Import Project="Sdk.targets" """, targets + """<Import Project="Sdk.targets" """));
        project.Write("a.torch.py", Sources.Functions);
        var build = project.Build();
        BuildAssert.Failed(build);
        Assert.Contains("error SWR0006", build.Output);
    }

    [Fact]
    public void NoWarnSilencesAndWarningsAsErrorsPromoteACode()
    {
        using var project = new TestProject();
        project.Write("spectrum.torch.py", Sources.Unmapped);

        var plain = project.Build();
        BuildAssert.Succeeded(plain);
        Assert.Contains("warning SWR3001: torch.fft.fft has no mapping", plain.Output);

        var silenced = project.Build("--no-incremental", "-p:NoWarn=SWR3001");
        BuildAssert.Succeeded(silenced);
        BuildAssert.Converted(silenced, 1);
        Assert.DoesNotContain("warning SWR3001", silenced.Output);

        var promoted = project.Build("--no-incremental", "-p:WarningsAsErrors=SWR3001");
        BuildAssert.Failed(promoted);
        Assert.Contains("error SWR3001", promoted.Output);
        Assert.False(File.Exists(project.Converted("spectrum.torch.py")));

        var strict = project.Build("-p:SwitcherooTreatWarningsAsErrors=true");
        BuildAssert.Failed(strict);
        Assert.Contains("error SWR3001", strict.Output);
    }
}
