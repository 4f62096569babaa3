using System.Collections.Concurrent;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// The real-world corpus: every .py file of the CPython standard library on this machine
/// (site-packages excluded). Switcheroo must accept exactly the files CPython's compile() accepts,
/// report a positioned SWR2xxx error for each of the others, and give back every accepted file
/// byte for byte from its tokens; and converting a file that has no torch in it changes nothing.
/// </summary>
public sealed class StdlibCorpusTests
{
    private const string Verdicts = """
        import os, sys, sysconfig
        root = sysconfig.get_paths()["stdlib"]
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "dist-packages", "__pycache__"))
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                path = os.path.join(folder, name)
                with open(path, "rb") as f:
                    source = f.read()
                try:
                    compile(source, path, "exec", dont_inherit=True)
                    verdict = "ok"
                except (SyntaxError, ValueError):
                    verdict = "error"
                print(verdict + "\t" + path)
        """;

    [Fact]
    public void AcceptsExactlyWhatCPythonCompilesAndReproducesEveryFile()
    {
        var expected = Python.Run("import warnings; warnings.simplefilter('ignore')\n" + Verdicts)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .ToDictionary(parts => parts[1], parts => parts[0] == "ok");
        Assert.True(expected.Count > 500, $"expected a real stdlib, found {expected.Count} files");

        var disagreements = new ConcurrentBag<string>();
        var notLossless = new ConcurrentBag<string>();
        var changed = new ConcurrentBag<string>();
        Parallel.ForEach(expected, pair =>
        {
            var bytes = File.ReadAllBytes(pair.Key);
            var tree = PythonSyntax.Parse(pair.Key, bytes);
            if (tree.HasErrors == pair.Value)
            {
                disagreements.Add($"{pair.Key}: CPython {(pair.Value ? "accepts" : "rejects")}, Switcheroo says {string.Join("; ", tree.Diagnostics)}");
                return;
            }
            if (!pair.Value)
            {
                var error = tree.Diagnostics.Single();
                if (!error.Code.StartsWith("SWR2", StringComparison.Ordinal) || error.Line < 1 || error.Column < 1)
                {
                    disagreements.Add($"{pair.Key}: rejected without a positioned SWR2xxx error: {error}");
                }
                return;
            }
            if (!tree.Source.Encoding.GetBytes(tree.FullText()).AsSpan().SequenceEqual(bytes))
            {
                notLossless.Add(pair.Key);
            }
            var converted = Converter.Pipeline.Convert(tree);
            if (converted.Output is null || !tree.Source.Encoding.GetBytes(converted.Output).AsSpan().SequenceEqual(bytes) || converted.Diagnostics.Count > 0)
            {
                changed.Add($"{pair.Key}: {string.Join("; ", converted.Diagnostics)}");
            }
        });

        Assert.True(disagreements.IsEmpty, string.Join("\n", disagreements.OrderBy(x => x, StringComparer.Ordinal)));
        Assert.True(notLossless.IsEmpty, "tokens do not reproduce: " + string.Join("\n", notLossless));
        Assert.True(changed.IsEmpty, "converting a file without torch changed it: " + string.Join("\n", changed.OrderBy(x => x, StringComparer.Ordinal)));
    }
}
