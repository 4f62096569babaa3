using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Checking;
using Switcheroo.Engine.Tests.Golden;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Checking;

/// <summary>
/// What Switcheroo writes itself must run: the self-check finds no unreported hit in any golden
/// case's expected output, nor in the sample's converted files. A hit here is a conversion bug.
/// </summary>
public sealed class SelfCheckGoldenTests
{
    /// <summary>Unreported hits known in golden outputs, as "case: rule (line)": each is a conversion bug still to fix.</summary>
    private static readonly HashSet<string> KnownHits = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void GoldenOutputsBreakNoRunTimeRule()
    {
        var found = new List<string>();
        foreach (var name in GoldenCase.All().Select(row => (string)row[0]))
        {
            var expected = File.ReadAllText(new GoldenCase(name).ExpectedPath);
            found.AddRange(SelfCheck.Run(expected, Converter.BuiltInMaps).Where(h => !h.Reported).Select(h => $"{name}: {h.Rule} ({h.Line})"));
        }
        var unexpected = found.Where(h => !KnownHits.Contains(h)).ToList();
        Assert.True(unexpected.Count == 0, "unreported self-check hits in golden outputs:\n" + string.Join("\n", unexpected) + Details());
        Assert.True(KnownHits.All(found.Contains), "known hits that are gone (remove them): " + string.Join(", ", KnownHits.Where(h => !found.Contains(h))));
    }

    [Fact]
    public void TheSampleConvertsToCodeThatBreaksNoRunTimeRule()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "samples", "Vision", "models");
        var sources = Directory.GetFiles(folder, "*.torch.py").Order(StringComparer.Ordinal).ToList();
        string ModulePath(string source) => Switcheroo.Engine.Session.OutputNaming.ModulePath(Switcheroo.Engine.Session.OutputNaming.RelativeOutput("models/" + Path.GetFileName(source)));
        var project = Pipeline.Index(Converter.BuiltInMaps, sources.Select(f => (ModulePath(f), f)));
        var hits = sources
            .Select(source => (Name: Path.GetFileName(source), Result: Converter.Pipeline.Convert(source, File.ReadAllBytes(source), ModulePath(source), project)))
            .SelectMany(file => file.Result.SelfCheckHits.Select(hit => $"{file.Name}: {hit}"))
            .ToList();
        Assert.True(hits.Count == 0, "self-check hits in the sample's outputs:\n" + string.Join("\n", hits));
    }

    private static string Details() =>
        "\n\n" + string.Join("\n", GoldenCase.All().Select(row => (string)row[0])
            .SelectMany(name => SelfCheck.Run(File.ReadAllText(new GoldenCase(name).ExpectedPath), Converter.BuiltInMaps)
                .Where(h => !h.Reported).Select(h => $"{name}: {h}")));
}
