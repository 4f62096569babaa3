namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>A lambda or an if-else where CPython's grammar has a narrower level (OperandPlacementCheck): rejected as its parser rejects them, SWR2001.</summary>
public sealed class OperandPlacementCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.RejectedByParser("x = a or lambda: b", "invalid syntax", 1, 10),
        Snippet.RejectedByParser("x = a and lambda: b", "invalid syntax", 1, 11),
        Snippet.RejectedByParser("x = not lambda: b", "invalid syntax", 1, 9),
        Snippet.RejectedByParser("f(a or lambda: b)", "invalid syntax", 1, 8),
        Snippet.RejectedByParser("x = a if lambda: b else c", "invalid syntax", 1, 10),
        Snippet.RejectedByParser("x = a if b if c else d else e", "expected 'else' after 'if' expression", 1, 5),
        Snippet.RejectedByParser("x = [i for i in a if b else c]", "invalid syntax", 1, 24),
        Snippet.RejectedByParser("x = [i for i in lambda: a]", "invalid syntax", 1, 17),
        Snippet.RejectedByParser("x = [i for i in a if lambda: b]", "invalid syntax", 1, 22),
        Snippet.RejectedByParser("x = [i for i in a if b if c else d]", "invalid syntax", 1, 29),
        Snippet.RejectedByParser("x = {k: v for k, v in a if b else c}", "invalid syntax", 1, 30),
        Snippet.Accepted("x = lambda: a if b else c"),
        Snippet.Accepted("x = a if b else lambda: c"),
        Snippet.Accepted("x = a if b else c if d else e"),
        Snippet.Accepted("x = (lambda: a) if b else c"),
        Snippet.Accepted("x = a or (lambda: b)"),
        Snippet.Accepted("x = a if (b if c else d) else e"),
        Snippet.Accepted("x = [i for i in (a if b else c)]"),
        Snippet.Accepted("x = [i for i in a if b if c]"),
        Snippet.Accepted("x = [lambda: i for i in a if b]"),
        Snippet.Accepted("f(lambda: a, b if c else d, key=lambda: e)"),
        Snippet.Accepted("x = not a if b else c"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
