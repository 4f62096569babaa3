namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>the order of call arguments and unparenthesized generator arguments (CallArgumentCheck).</summary>
public sealed class CallArgumentCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("f(x for x in y, 1)", "Generator expression must be parenthesized", 1, 3),
        Snippet.Rejected("f(1, x for x in y)", "Generator expression must be parenthesized", 1, 6),
        Snippet.Rejected("f(1, x for x in y if z)", "Generator expression must be parenthesized", 1, 6),
        Snippet.Rejected("f(a=1, x for x in y)", "Generator expression must be parenthesized", 1, 8),
        Snippet.Rejected("f(x for x in y,)", "Generator expression must be parenthesized", 1, 3),
        Snippet.Rejected("f(x for x in y for z in w, 1)", "Generator expression must be parenthesized", 1, 3),
        Snippet.Rejected("f(*a, x for x in y)", "Generator expression must be parenthesized", 1, 7),
        Snippet.Rejected("f(**a, x for x in y)", "Generator expression must be parenthesized", 1, 8),
        Snippet.Rejected("f(x for x in y, a=1, b)", "Generator expression must be parenthesized", 1, 3),
        Snippet.Rejected("class C(x for x in y): pass", "invalid syntax", 1, 11),
        Snippet.Rejected("class C(x for x in y, a): pass", "Generator expression must be parenthesized", 1, 9),
        Snippet.Rejected("f(a=1, b)", "positional argument follows keyword argument", 1, 9),
        Snippet.Rejected("f(a=1, b, c)", "positional argument follows keyword argument", 1, 12),
        Snippet.Rejected("f(x, a=1, b)", "positional argument follows keyword argument", 1, 12),
        Snippet.Rejected("f(\n  a=1,\n  b)", "positional argument follows keyword argument", 3, 4),
        Snippet.Rejected("f(a=1, b + c)", "positional argument follows keyword argument", 1, 13),
        Snippet.Rejected("f(a=1, b, )", "positional argument follows keyword argument", 1, 11),
        Snippet.Rejected("x = f(a=1, b) + 1", "positional argument follows keyword argument", 1, 13),
        Snippet.Rejected("f(a=1, g(x, y), z)", "positional argument follows keyword argument", 1, 18),
        Snippet.Rejected("f(a=1, *b, c)", "positional argument follows keyword argument", 1, 13),
        Snippet.Rejected("f(a=1, (x for x in y))", "positional argument follows keyword argument", 1, 22),
        Snippet.Rejected("f(a=1, b, x for x in y)", "positional argument follows keyword argument", 1, 13),
        Snippet.Rejected("class C(a=1, b): pass", "positional argument follows keyword argument", 1, 15),
        Snippet.Rejected("f(**a, b)", "positional argument follows keyword argument unpacking", 1, 9),
        Snippet.Rejected("f(**k, g(x), z)", "positional argument follows keyword argument unpacking", 1, 15),
        Snippet.Rejected("f(**a, b=1, c)", "positional argument follows keyword argument unpacking", 1, 14),
        Snippet.Rejected("f(a=1, **b, *c)", "iterable argument unpacking follows keyword argument unpacking", 1, 13),
        Snippet.Rejected("f(**a, *b)", "iterable argument unpacking follows keyword argument unpacking", 1, 8),
        Snippet.Rejected("f(x, **a, *b)", "iterable argument unpacking follows keyword argument unpacking", 1, 11),
        Snippet.RejectedAtOurPosition("f\"{g(a=1, b)}\"", "f-string: positional argument follows keyword argument", 1, 12),
        Snippet.RejectedAtOurPosition("f\"{ g(x for x in y, 1)}\"", "f-string: Generator expression must be parenthesized", 1, 7),
        Snippet.Accepted("f(x for x in y)"),
        Snippet.Accepted("f(a=1, *b)"),
        Snippet.Accepted("f(*a, b)"),
        Snippet.Accepted("f(a, *b, c=1, *d, e=2, **f, g=3)"),
        Snippet.Accepted("f(**a, b=1, **c)"),
        Snippet.Accepted("class C(a, *b, metaclass=M, **k): pass"),
        Snippet.Accepted("f((x for x in y), 1)"),
        Snippet.Accepted("f(x := 1, y)"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
