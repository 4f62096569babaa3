using Switcheroo.Engine.Analysis;
using System.Text.RegularExpressions;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.RealCode;

/// <summary>
/// The README shows what the sample converts to: the converted MLP exactly, and every line of the
/// training-step excerpt in the converted training script. The sample converts without warnings.
/// </summary>
public sealed partial class SampleReadmeTests
{
    private static readonly string Models = Path.Combine(RepositoryPaths.Root, "samples", "Vision", "models");

    [Fact]
    public void TheReadmeShowsWhatTheSampleConvertsTo()
    {
        var sources = Directory.GetFiles(Models, "*.torch.py").Order(StringComparer.Ordinal).ToList();
        var project = Pipeline.Index(Converter.BuiltInMaps, sources.Select(f => (ModulePath(f), f)));
        var converted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var result = Converter.Pipeline.Convert(source, File.ReadAllBytes(source), ModulePath(source), project);
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity != Severity.Info);
            converted[Path.GetFileName(source)] = result.Output!;
        }

        var blocks = PythonBlock().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"))).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(converted["mlp.torch.py"], blocks[0]);
        var train = converted["train.torch.py"].Split('\n');
        foreach (var line in blocks[1].Split('\n').Where(l => l.Trim().Length > 0 && l.Trim() != "..."))
        {
            Assert.Contains(line, train);
        }
    }

    private static string ModulePath(string source) => Engine.Session.OutputNaming.ModulePath("models/" + Path.GetFileName(source).Replace(".torch.py", ".py"));

    [GeneratedRegex("```python\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();
}
