using System.Text;
using System.Text.Json;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>
/// A piece of Python and what CPython 3.11's compile() says of it: accepted, or rejected with a
/// message at a line and column. <see cref="CPythonPosition"/> is false where we deliberately
/// position differently (CPython 3.11 positions errors inside f-strings relative to the field).
/// <see cref="Code"/> is SWR2009 for the compile-time checks, SWR2001 where our grammar rejects.
/// </summary>
public sealed record Snippet(string Source, string? Message, int Line, int Column, bool CPythonPosition = true, string Code = "SWR2009")
{
    public static Snippet Rejected(string source, string message, int line, int column) => new(source, message, line, column);

    public static Snippet Accepted(string source) => new(source, null, 0, 0);

    /// <summary>Rejected by CPython with this message, at a position of our own choosing.</summary>
    public static Snippet RejectedAtOurPosition(string source, string message, int line, int column) =>
        new(source, message, line, column, CPythonPosition: false);

    /// <summary>Rejected by our own parser (SWR2001), with CPython's message and position.</summary>
    public static Snippet RejectedByParser(string source, string message, int line, int column) =>
        new(source, message, line, column, Code: "SWR2001");

    public override string ToString() => Message is null ? $"accepted: {Source}" : $"{Source} => {Message} ({Line},{Column})";

    /// <summary>Switcheroo gives the expected verdict: no diagnostic, or the one SWR2009 at the expected place.</summary>
    public void AssertSwitcheroo()
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(Source, "snippet.py"));
        if (Message is null)
        {
            Assert.True(tree.Diagnostics.Count == 0, $"{Source}\nshould compile, got: {string.Join("; ", tree.Diagnostics)}");
            return;
        }
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal((Code, Message, Line, Column), (diagnostic.Code, diagnostic.Message, diagnostic.Line, diagnostic.Column));
    }

    public static TheoryData<string> Sources(IEnumerable<Snippet> snippets) => new(snippets.Select(snippet => snippet.Source));

    public static void AssertSwitcheroo(IEnumerable<Snippet> snippets, string source) =>
        snippets.First(snippet => snippet.Source == source).AssertSwitcheroo();

    /// <summary>Runs every snippet through CPython once and checks that the expectations are CPython's own.</summary>
    public static void AssertCPythonAgrees(IReadOnlyList<Snippet> snippets)
    {
        var verdicts = CPythonVerdicts(snippets.Select(snippet => snippet.Source).ToList());
        var disagreements = new List<string>();
        for (int i = 0; i < snippets.Count; i++)
        {
            var (expected, actual) = (snippets[i], verdicts[i]);
            bool agrees = expected.Message is null
                ? actual is null
                : actual is not null && actual.Value.Message == expected.Message
                    && (!expected.CPythonPosition || (actual.Value.Line, actual.Value.Column) == (expected.Line, expected.Column));
            if (!agrees)
            {
                var said = actual is { } error ? $"{error.Message} ({error.Line},{error.Column})" : "accepted";
                disagreements.Add($"{expected}\n    CPython: {said}");
            }
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private const string Script = """
        import base64, json, sys, warnings
        warnings.simplefilter("ignore")
        if sys.version_info[:2] != (3, 11):
            sys.exit("these expectations are CPython 3.11's; found " + sys.version)
        verdicts = []
        for source in json.loads(base64.b64decode(sys.argv[1]).decode("utf-8")):
            try:
                compile(source, "snippet.py", "exec", dont_inherit=True)
                verdicts.append(None)
            except SyntaxError as e:
                verdicts.append([e.msg, e.lineno, e.offset])
        print(json.dumps(verdicts))
        """;

    private static List<(string Message, int Line, int Column)?> CPythonVerdicts(List<string> sources)
    {
        var argument = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(sources)));
        using var output = JsonDocument.Parse(Python.Run(Script, argument));
        return output.RootElement.EnumerateArray()
            .Select(verdict => verdict.ValueKind == JsonValueKind.Null
                ? ((string, int, int)?)null
                : (verdict[0].GetString()!, verdict[1].GetInt32(), verdict[2].GetInt32()))
            .ToList();
    }
}
