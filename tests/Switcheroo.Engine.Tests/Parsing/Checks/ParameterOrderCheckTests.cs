namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>the order of a def's or lambda's parameters (ParameterOrderCheck).</summary>
public sealed class ParameterOrderCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("def f(a=1, b): pass", "non-default argument follows default argument", 1, 12),
        Snippet.Rejected("def f(a=1, /, b): pass", "non-default argument follows default argument", 1, 15),
        Snippet.Rejected("def f(a, b=1, /, c): pass", "non-default argument follows default argument", 1, 18),
        Snippet.Rejected("def f(x, y=1, z, x): pass", "non-default argument follows default argument", 1, 15),
        Snippet.Rejected("def f(a=1, b, /): pass", "non-default argument follows default argument", 1, 12),
        Snippet.Rejected("def f(a=1, /, b=2, c): pass", "invalid syntax", 1, 21),
        Snippet.Rejected("def f(a, /, b=1, c): pass", "invalid syntax", 1, 19),
        Snippet.Rejected("def f(/): pass", "invalid syntax", 1, 7),
        Snippet.Rejected("def f(/, a): pass", "at least one argument must precede /", 1, 7),
        Snippet.Rejected("def f(/,): pass", "at least one argument must precede /", 1, 7),
        Snippet.Rejected("def f(a, /, b, /): pass", "/ may appear only once", 1, 16),
        Snippet.Rejected("def f(a, /, /): pass", "/ may appear only once", 1, 13),
        Snippet.Rejected("def f(*, /, a): pass", "/ must be ahead of *", 1, 10),
        Snippet.Rejected("def f(a, *, b, /): pass", "/ must be ahead of *", 1, 16),
        Snippet.Rejected("def f(a, *b, c, /): pass", "/ must be ahead of *", 1, 17),
        Snippet.Rejected("def f(*a, /): pass", "/ must be ahead of *", 1, 11),
        Snippet.Rejected("def f(a=1, /, *, b, /): pass", "/ must be ahead of *", 1, 21),
        Snippet.Rejected("def f(*a, *b): pass", "* argument may appear only once", 1, 11),
        Snippet.Rejected("def f(*, *b): pass", "* argument may appear only once", 1, 10),
        Snippet.Rejected("def f(*a, *, b): pass", "* argument may appear only once", 1, 11),
        Snippet.Rejected("def f(a, *, b, *, c): pass", "* argument may appear only once", 1, 16),
        Snippet.Rejected("def f(*a, b, *): pass", "invalid syntax", 1, 14),
        Snippet.Rejected("def f(*, *): pass", "invalid syntax", 1, 10),
        Snippet.Rejected("def f(*): pass", "named arguments must follow bare *", 1, 7),
        Snippet.Rejected("def f(*,): pass", "named arguments must follow bare *", 1, 7),
        Snippet.Rejected("def f(*, **k): pass", "named arguments must follow bare *", 1, 7),
        Snippet.Rejected("def f(a, *): pass", "named arguments must follow bare *", 1, 10),
        Snippet.Rejected("def f(**k, a): pass", "arguments cannot follow var-keyword argument", 1, 12),
        Snippet.Rejected("def f(**k, *a): pass", "arguments cannot follow var-keyword argument", 1, 12),
        Snippet.Rejected("def f(**k, /): pass", "arguments cannot follow var-keyword argument", 1, 12),
        Snippet.Rejected("def f(**k, **j): pass", "arguments cannot follow var-keyword argument", 1, 12),
        Snippet.Rejected("def f(**k, a=1): pass", "arguments cannot follow var-keyword argument", 1, 12),
        Snippet.Rejected("def f(a, *, b, **c, d): pass", "arguments cannot follow var-keyword argument", 1, 21),
        Snippet.Rejected("def f(a, **c, /): pass", "arguments cannot follow var-keyword argument", 1, 15),
        Snippet.Rejected("lambda a=1, b: 0", "non-default argument follows default argument", 1, 13),
        Snippet.Rejected("lambda /: 0", "invalid syntax", 1, 8),
        Snippet.Rejected("lambda a, /, b, /: 0", "/ may appear only once", 1, 17),
        Snippet.Rejected("lambda *a, *b: 0", "* argument may appear only once", 1, 12),
        Snippet.Rejected("lambda *: 0", "named arguments must follow bare *", 1, 9),
        Snippet.Rejected("lambda **k, a: 0", "arguments cannot follow var-keyword argument", 1, 13),
        Snippet.Rejected("lambda a, *, b, /: 0", "/ must be ahead of *", 1, 17),
        Snippet.RejectedAtOurPosition("f\"{(lambda a=1, b: 1)}\"", "f-string: non-default argument follows default argument", 1, 17),
        Snippet.Accepted("def f(a=1, *, b): pass"),
        Snippet.Accepted("def f(a=1, *b, c): pass"),
        Snippet.Accepted("def f(a=1, **b): pass"),
        Snippet.Accepted("def f(a=1, *b, c, d=2, e): pass"),
        Snippet.Accepted("def f(a, /, *, b): pass"),
        Snippet.Accepted("def f(a, /): pass"),
        Snippet.Accepted("def f(a, /,): pass"),
        Snippet.Accepted("def f(a=1, /, b=2, *, c, d=4, **e): pass"),
        Snippet.Accepted("def f(a, b=1, *c, d, e=2, **f): pass"),
        Snippet.Accepted("def f(*, a, b=1, c): pass"),
        Snippet.Accepted("def f(*args: int, **kwargs: str): pass"),
        Snippet.Accepted("lambda a, /, b=1, *c, d, **e: 0"),
        Snippet.Accepted("lambda *, a: 0"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
