using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// The stages depend forwards only: parsing, binding and analysis never use the rewriting stage
/// (analysis facts are computed before any edit, and rewriting reads them).
/// </summary>
public sealed class LayeringTests
{
    [Theory]
    [InlineData("Parsing")]
    [InlineData("Binding")]
    [InlineData("Analysis")]
    public void AnEarlierStageDoesNotUseRewriting(string stage)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "Switcheroo.Engine", stage);
        var offending = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => File.ReadLines(file).Any(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)
                && (line.Contains("Switcheroo.Engine.Rewriting", StringComparison.Ordinal) || line.Contains(" Rewriting.", StringComparison.Ordinal) || line.Contains("(Rewriting.", StringComparison.Ordinal))))
            .Select(file => Path.GetRelativePath(folder, file))
            .ToList();
        Assert.Empty(offending);
    }
}
