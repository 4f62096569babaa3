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

    /// <summary>
    /// Rewriting passes read facts and write edits; they never ask the plan what another pass removed
    /// (<c>IsDiscarded</c>, <c>IsDropped</c>) nor wait for other passes (the retired <c>Edits.Defer</c>).
    /// What depends on every conversion is an edit verb the sink settles itself at the end (EditSink.Before,
    /// EditSink.Reads). The emit stage reads the finished plan by design, and the plan and sink
    /// themselves are not passes.
    /// </summary>
    private static readonly string[] NotPasses =
        ["EditPlan.cs", "EditSink.cs", "EditSink.Before.cs", "EditSink.Reads.cs", "EmptiedBlocks.cs", "Reporter.cs"];

    [Fact]
    public void RewritingPassesDoNotAskThePlanWhatOtherPassesDid()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "Switcheroo.Engine", "Rewriting");
        var asking = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(file => (Name: Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), Text: File.ReadAllText(file)))
            .Where(file => !NotPasses.Contains(file.Name)
                && (file.Text.Contains("Edits.Defer(", StringComparison.Ordinal) || file.Text.Contains(".IsDiscarded(", StringComparison.Ordinal)
                    || file.Text.Contains(".IsDropped(", StringComparison.Ordinal)))
            .Select(file => file.Name)
            .ToList();
        Assert.Empty(asking);
    }
}
