namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>repeated and __debug__ keywords in calls and class statements (KeywordArgumentCheck).</summary>
public sealed class KeywordArgumentCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("f(a=1, a=2)", "keyword argument repeated: a", 1, 8),
        Snippet.Rejected("f(a=1, b=2, a=3)", "keyword argument repeated: a", 1, 13),
        Snippet.Rejected("f(a=1, **x, a=2)", "keyword argument repeated: a", 1, 13),
        Snippet.Rejected("class C(a=1, a=2): pass", "keyword argument repeated: a", 1, 14),
        Snippet.Rejected("x = 1; y = f(__debug__=1)", "cannot assign to __debug__", 1, 12),
        Snippet.Rejected("f(b, a=1, __debug__=2, a=3)", "keyword argument repeated: a", 1, 24),
        Snippet.Rejected("x = 1\nclass C(a, __debug__=1): pass", "cannot assign to __debug__", 2, 1),
        Snippet.Accepted("f(a=1, b=2, **{'a': 3})"),
        Snippet.Accepted("f(a=1)(a=2)"),
        Snippet.Accepted("def f():\n    x: g(a=1, a=2)"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
