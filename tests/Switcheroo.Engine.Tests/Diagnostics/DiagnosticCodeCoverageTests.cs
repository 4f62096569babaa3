using System.Reflection;
using System.Text.RegularExpressions;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Diagnostics;

/// <summary>
/// Every diagnostic code is documented in docs/diagnostics.md and exercised by at least one test:
/// some file under tests/ (sources, golden expectations) names the code ("SWR1003") or its field
/// (<c>DiagnosticCodes.MapDuplicate</c>).
/// </summary>
public sealed class DiagnosticCodeCoverageTests
{
    /// <summary>Codes no test can produce yet, each with the reason.</summary>
    private static readonly Dictionary<string, string> NotYetProduced = new(StringComparer.Ordinal);

    public static IEnumerable<object[]> Codes() =>
        DiagnosticCodes.All.Select(d => new object[] { d.Code });

    [Fact]
    public void CodesAreUniqueAndWellFormed()
    {
        var codes = DiagnosticCodes.All.Select(d => d.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches(@"^SWR[01234]\d{3}$|^SWR9\d{3}$", code));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void CodeIsDocumentedWithItsSeverity(string code)
    {
        var descriptor = DiagnosticCodes.All.Single(d => d.Code == code);
        var documentation = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        var row = Regex.Match(documentation, $@"^\| {code} \| (\w+) \|", RegexOptions.Multiline);
        Assert.True(row.Success, $"{code} has no row in docs/diagnostics.md");
        Assert.Equal(descriptor.Severity.ToString().ToLowerInvariant(), row.Groups[1].Value);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void CodeIsExercisedByATest(string code)
    {
        if (NotYetProduced.ContainsKey(code))
        {
            return;
        }
        var field = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Single(f => f.GetValue(null) is DiagnosticDescriptor d && d.Code == code).Name;
        Assert.True(TestFiles.Value.Any(text => text.Contains(code, StringComparison.Ordinal) || text.Contains($"DiagnosticCodes.{field}", StringComparison.Ordinal)),
            $"no test under tests/ mentions {code} or DiagnosticCodes.{field}");
    }

    [Fact]
    public void ExclusionsAreStillNeeded()
    {
        Assert.All(NotYetProduced.Keys, code => Assert.Contains(DiagnosticCodes.All, d => d.Code == code));
        Assert.All(NotYetProduced.Keys, code => Assert.DoesNotContain(TestFiles.Value, text => text.Contains(code, StringComparison.Ordinal)));
    }

    /// <summary>The text of every file under tests/ except build output and this file, which names codes itself.</summary>
    private static readonly Lazy<IReadOnlyList<string>> TestFiles = new(() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path) && Path.GetFileName(path) != $"{nameof(DiagnosticCodeCoverageTests)}.cs")
            .Select(File.ReadAllText)
            .ToList());

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
