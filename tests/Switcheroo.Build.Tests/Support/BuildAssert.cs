using System.Text.RegularExpressions;

namespace Switcheroo.Build.Tests.Support;

/// <summary>Assertions on build logs (at normal verbosity).</summary>
public static class BuildAssert
{
    public static void Succeeded(DotnetRun run) => Assert.True(run.Succeeded, run.ToString());

    public static void Failed(DotnetRun run) => Assert.False(run.Succeeded, run.ToString());

    /// <summary>The conversion target ran and its summary says this many files converted.</summary>
    public static void Converted(DotnetRun run, int files)
    {
        var summaries = run.Lines.Select(l => Regex.Match(l, @"Switcheroo: (\d+) files? converted")).Where(m => m.Success).ToList();
        Assert.True(summaries.Count == 1, $"expected one summary line\n{run}");
        Assert.Equal(files, int.Parse(summaries[0].Groups[1].Value));
    }

    public static void Skipped(DotnetRun run)
    {
        Assert.Contains(run.Lines, l => l.Contains("Skipping target \"_SwitcherooConvert\" because all output files are up-to-date", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Lines, l => l.Contains("Switcheroo: ", StringComparison.Ordinal) && l.Contains(" converted", StringComparison.Ordinal));
    }
}
