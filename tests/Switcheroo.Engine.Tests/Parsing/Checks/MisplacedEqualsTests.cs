namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>an '=' our grammar cannot place, explained in CPython's words (MisplacedEquals, a parser error).</summary>
public sealed class MisplacedEqualsTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.RejectedByParser("def f(*a=1): pass", "var-positional argument cannot have default value", 1, 9),
        Snippet.RejectedByParser("def f(a, **k=1): pass", "var-keyword argument cannot have default value", 1, 13),
        Snippet.RejectedByParser("lambda *a=1: 0", "var-positional argument cannot have default value", 1, 10),
        Snippet.RejectedByParser("lambda **k=1: 0", "var-keyword argument cannot have default value", 1, 11),
        Snippet.RejectedByParser("f(a.b=1)", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
        Snippet.RejectedByParser("f(x, True=1)", "cannot assign to True", 1, 6),
        Snippet.RejectedByParser("f(1=2)", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
        Snippet.RejectedByParser("class C(a.b=1): pass", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 9),
        Snippet.RejectedByParser("f(a, (b)=1)", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 7),
        Snippet.RejectedByParser("f(a[0]=1, b)", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
        Snippet.RejectedByParser("f(a.b  # comment\n  = 1)", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
        // The parser stops inside an unfinished argument or parameter: plain invalid syntax, never a crash.
        Snippet.RejectedByParser("f(k* =1)", "invalid syntax", 1, 6),
        Snippet.RejectedByParser("f(a* =1)", "invalid syntax", 1, 6),
        Snippet.RejectedByParser("def f(a= =1): pass", "invalid syntax", 1, 10),
        Snippet.RejectedByParser("lambda a= =1: 0", "invalid syntax", 1, 11),
        Snippet.RejectedByParser("class C(a* =1): pass", "invalid syntax", 1, 12),
        Snippet.Accepted("f(a=1, *b, c=2, **d)"),
        Snippet.Accepted("def f(a=1, *b, c=2, **d): pass"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
