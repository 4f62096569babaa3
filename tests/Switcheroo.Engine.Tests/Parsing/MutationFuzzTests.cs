using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// A bounded, deterministic fuzz: a few hundred mutants of small stdlib modules (bytes flipped,
/// lines deleted or repeated, truncation, stray brackets, quotes and backslashes, invalid UTF-8).
/// Parsing must never throw, an accepted mutant must round-trip, and where python3 is at hand our
/// accept/reject verdict must be its compile()'s (one python process for all mutants). Mutants on
/// which CPython 3.11 and 3.12 may disagree are skipped: any with an f-string (PEP 701), and the
/// two documented gaps (an unknown <c>\N{...}</c> name, invalid UTF-8 in a comment; docs/diagnostics.md).
/// </summary>
public sealed partial class MutationFuzzTests
{
    private const int Seed = 20_260_806;
    private const int MutantsPerFile = 30;

    /// <summary>Small modules without f-strings or match statements, so few mutants are skipped.</summary>
    private static readonly string[] SeedModules = { "bisect.py", "colorsys.py", "shlex.py", "sched.py", "stat.py", "reprlib.py", "copy.py", "queue.py" };

    private const string Verdicts = """
        import base64, json, sys, warnings
        warnings.simplefilter("ignore")
        with open(sys.argv[1], encoding="ascii") as f:
            mutants = json.load(f)
        for encoded in mutants:
            try:
                compile(base64.b64decode(encoded), "<mutant>", "exec", dont_inherit=True)
                print(json.dumps(None))
            except Exception as e:
                print(json.dumps(f"{type(e).__name__}: {e}"))
        """;

    [Fact]
    public void MutantsNeverThrowAndGetCPythonsVerdict()
    {
        var stdlib = StdlibFolder();
        var seeds = stdlib is null
            ? RepositoryPythonFiles()
            : SeedModules.Select(name => Path.Combine(stdlib, name)).Where(File.Exists).ToArray();
        Assert.NotEmpty(seeds);
        var random = new Random(Seed);
        var mutants = seeds.SelectMany(file => Mutate(File.ReadAllBytes(file), Path.GetFileName(file), random)).ToList();

        var failures = new List<string>();
        var accepted = new bool[mutants.Count];
        var skipped = new bool[mutants.Count];
        for (int i = 0; i < mutants.Count; i++)
        {
            try
            {
                var tree = PythonSyntax.Parse("mutant.py", mutants[i].Bytes);
                accepted[i] = tree.Diagnostics.Count == 0;
                skipped[i] = HasFString(tree, mutants[i].Bytes);
                if (accepted[i] && !tree.Source.Encoding.GetBytes(tree.FullText()).SequenceEqual(mutants[i].Bytes))
                {
                    failures.Add($"{mutants[i].Description}: accepted but not reproduced byte for byte");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{mutants[i].Description}: threw {e.GetType().Name}: {e.Message}");
            }
        }

        if (stdlib is not null)
        {
            var verdicts = CompileAll(mutants.Select(mutant => mutant.Bytes).ToList());
            for (int i = 0; i < mutants.Count; i++)
            {
                var cpython = verdicts[i];
                if (skipped[i] || KnownGap(mutants[i].Bytes, cpython) || accepted[i] == (cpython is null))
                {
                    continue;
                }
                var ours = accepted[i] ? "accepted" : string.Join("; ", PythonSyntax.Parse("mutant.py", mutants[i].Bytes).Diagnostics);
                failures.Add($"{mutants[i].Description}: CPython {cpython ?? "accepts"}, Switcheroo {ours}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {mutants.Count} mutants:\n" + string.Join("\n", failures));
    }

    private sealed record Mutant(byte[] Bytes, string Description);

    private static IEnumerable<Mutant> Mutate(byte[] original, string name, Random random)
    {
        for (int i = 0; i < MutantsPerFile; i++)
        {
            var bytes = original;
            var steps = new List<string>();
            for (int step = random.Next(1, 3); step > 0; step--)
            {
                (bytes, var what) = MutateOnce(bytes, random);
                steps.Add(what);
            }
            yield return new Mutant(bytes, $"{name} #{i} ({string.Join(", ", steps)})");
        }
    }

    private static (byte[], string) MutateOnce(byte[] bytes, Random random)
    {
        int at = random.Next(bytes.Length + 1);
        var lines = LineStarts(bytes);
        int line = random.Next(lines.Count);
        int lineStart = lines[line], lineEnd = line + 1 < lines.Count ? lines[line + 1] : bytes.Length;
        switch (random.Next(9))
        {
            case 0:
                byte printable = (byte)random.Next(0x20, 0x7F);
                var flipped = (byte[])bytes.Clone();
                if (flipped.Length > 0)
                {
                    flipped[Math.Min(at, flipped.Length - 1)] = printable;
                }
                return (flipped, $"byte {at} := '{(char)printable}'");
            case 1:
                return (Splice(bytes, lineStart, lineEnd - lineStart, Array.Empty<byte>()), $"delete line {line + 1}");
            case 2:
                return (Splice(bytes, lineStart, 0, bytes[lineStart..lineEnd]), $"repeat line {line + 1}");
            case 3:
                return (bytes[..at], $"truncate at {at}");
            case 4:
                var bracket = "([{)]}"[random.Next(6)];
                return (Splice(bytes, at, 0, new[] { (byte)bracket }), $"insert '{bracket}' at {at}");
            case 5:
                var quote = new[] { "'", "\"", "'''", "\"\"\"" }[random.Next(4)];
                return (Splice(bytes, at, 0, Encoding.ASCII.GetBytes(quote)), $"insert {quote} at {at}");
            case 6:
                return (Splice(bytes, at, 0, new[] { (byte)'\\' }), $"insert backslash at {at}");
            case 7:
                var invalid = new[] { (byte)0xFF, (byte)0xC3, (byte)0x80 }[random.Next(3)];
                return (Splice(bytes, at, 0, new[] { invalid }), $"insert byte 0x{invalid:x2} at {at}");
            default:
                var token = new[] { ":", "=", "*", "**", " else ", " lambda ", " yield ", "@", " async ", " not ", ",", "\t", "\n    " }[random.Next(13)];
                return (Splice(bytes, at, 0, Encoding.ASCII.GetBytes(token)), $"insert {JsonSerializer.Serialize(token)} at {at}");
        }
    }

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < bytes.Length - 1; i++)
        {
            if (bytes[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts;
    }

    private static byte[] Splice(byte[] bytes, int at, int remove, byte[] insert) =>
        bytes[..at].Concat(insert).Concat(bytes[(at + remove)..]).ToArray();

    /// <summary>f-strings parse differently in CPython 3.11 and 3.12; a mutant may have made one out of a name and a quote.</summary>
    private static bool HasFString(SyntaxTree tree, byte[] bytes) =>
        tree.Tokens.Any(token => token.Type == PythonLexer.FSTRING_START)
        || FStringPrefix().IsMatch(Encoding.Latin1.GetString(bytes));

    [GeneratedRegex(@"(?i)(?<![\w])(f|rf|fr)['""]")]
    private static partial Regex FStringPrefix();

    /// <summary>The documented gaps: \N{...} names are not looked up; invalid UTF-8 in comments stays an error.</summary>
    private static bool KnownGap(byte[] bytes, string? cpython) =>
        (cpython?.Contains("unknown Unicode character name", StringComparison.Ordinal) ?? false)
        || (cpython is null && !IsUtf8(bytes));

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static List<string?> CompileAll(List<byte[]> mutants)
    {
        var input = Path.GetTempFileName();
        try
        {
            File.WriteAllText(input, JsonSerializer.Serialize(mutants.Select(Convert.ToBase64String)));
            return Python.Run(Verdicts, input).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<string?>(line)).ToList();
        }
        finally
        {
            File.Delete(input);
        }
    }

    /// <summary>The stdlib folder of the machine's python3, or null when there is none.</summary>
    private static string? StdlibFolder()
    {
        try
        {
            return Python.StdlibFolder();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    private static string[] RepositoryPythonFiles() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.py", SearchOption.AllDirectories)
            .OrderBy(path => path, StringComparer.Ordinal).Take(SeedModules.Length).ToArray();
}
