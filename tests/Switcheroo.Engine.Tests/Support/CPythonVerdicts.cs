using System.Text.Json;

namespace Switcheroo.Engine.Tests.Support;

/// <summary>
/// Asks the machine's CPython, in one process for many snippets, what its compiler says about
/// each: the snippets our tests claim about are checked against the real thing. Only snippets valid
/// in the installed version belong here (3.12 syntax such as nested same-quote f-strings or
/// <c>type</c> statements cannot be checked with an older python3).
/// </summary>
public static class CPythonVerdicts
{
    private const string Script = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        with open(sys.argv[1], encoding="utf-8") as f:
            snippets = json.load(f)
        for source in snippets:
            try:
                compile(source.encode("utf-8"), "<snippet>", "exec", dont_inherit=True)
                print(json.dumps(None))
            except Exception as e:
                # SyntaxError, ValueError (NUL bytes), MemoryError or RecursionError (too complex)
                print(json.dumps([getattr(e, "lineno", None), getattr(e, "offset", None), f"{type(e).__name__}: {e}"]))
        """;

    /// <summary>The snippets CPython refuses to compile, each with its error; empty when it accepts them all.</summary>
    public static IReadOnlyList<string> Rejected(IEnumerable<string> sources)
    {
        var snippets = sources.ToArray();
        var verdicts = Compile(snippets);
        return snippets.Zip(verdicts)
            .Where(pair => pair.Second is not null)
            .Select(pair => $"{JsonSerializer.Serialize(pair.First)}: {pair.Second!.Value.Message}")
            .ToArray();
    }

    /// <summary>The errors CPython does not report at the expected 1-based line and column, each with what it says instead.</summary>
    public static IReadOnlyList<string> PositionsDifferingFrom(IEnumerable<(string Source, int Line, int Column)> expected)
    {
        var rows = expected.ToArray();
        var verdicts = Compile(rows.Select(row => row.Source).ToArray());
        return rows.Zip(verdicts)
            .Where(pair => pair.Second is not { } error || (error.Line, error.Offset) != (pair.First.Line, pair.First.Column))
            .Select(pair => $"{JsonSerializer.Serialize(pair.First.Source)}: expected ({pair.First.Line},{pair.First.Column}), CPython says {pair.Second?.ToString() ?? "nothing"}")
            .ToArray();
    }

    /// <summary>CPython's (line, offset) for each snippet's syntax error, or null for a snippet it accepts.</summary>
    public static IReadOnlyList<(int? Line, int? Offset, string Message)?> Compile(IReadOnlyList<string> sources)
    {
        var input = Path.GetTempFileName();
        try
        {
            File.WriteAllText(input, JsonSerializer.Serialize(sources));
            return Python.Run(Script, input)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(Parse)
                .ToArray();
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static (int? Line, int? Offset, string Message)? Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        if (json.RootElement.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var items = json.RootElement.EnumerateArray().ToArray();
        int? Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null;
        return (Number(items[0]), Number(items[1]), items[2].GetString() ?? string.Empty);
    }
}
