namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>starred unpacking the compiler rejects (StarredExpressionCheck).</summary>
public sealed class StarredExpressionCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("*a", "can't use starred expression here", 1, 1),
        Snippet.Rejected("x = *a", "can't use starred expression here", 1, 5),
        Snippet.Rejected("x = y = *a", "can't use starred expression here", 1, 9),
        Snippet.Rejected("x += *a", "can't use starred expression here", 1, 6),
        Snippet.Rejected("x: int = *a", "can't use starred expression here", 1, 10),
        Snippet.Rejected("def f():\n    return *a", "can't use starred expression here", 2, 12),
        Snippet.Rejected("def f():\n    yield *a", "can't use starred expression here", 2, 11),
        Snippet.Rejected("def f():\n    x = yield *a", "can't use starred expression here", 2, 15),
        Snippet.Rejected("for x in *a: pass", "can't use starred expression here", 1, 10),
        Snippet.Rejected("*a = 1", "starred assignment target must be in a list or tuple", 1, 1),
        Snippet.Rejected("x = *a = 1", "starred assignment target must be in a list or tuple", 1, 5),
        Snippet.Rejected("for *a in x: pass", "starred assignment target must be in a list or tuple", 1, 5),
        Snippet.Rejected("[x for *a in y]", "starred assignment target must be in a list or tuple", 1, 8),
        Snippet.Rejected("with x as *a: pass", "starred assignment target must be in a list or tuple", 1, 11),
        Snippet.Rejected("*a, *b = 1", "multiple starred expressions in assignment", 1, 1),
        Snippet.Rejected("a, [*b, *c] = 1", "multiple starred expressions in assignment", 1, 4),
        Snippet.Rejected("[*a, *b] = 1", "multiple starred expressions in assignment", 1, 1),
        Snippet.Rejected("*(a, *b), *c = 1", "multiple starred expressions in assignment", 1, 1),
        Snippet.Rejected("*(a, *b, *c), d = 1", "multiple starred expressions in assignment", 1, 2),
        Snippet.Rejected("for [*a, *b] in x: pass", "multiple starred expressions in assignment", 1, 5),
        Snippet.Rejected("with x as (a, *b, *c): pass", "multiple starred expressions in assignment", 1, 11),
        Snippet.Accepted("*a, b"),
        Snippet.Accepted("x = *a, b"),
        Snippet.Accepted("def f():\n    return *a, b"),
        Snippet.Accepted("def f():\n    yield *a, b"),
        Snippet.Accepted("for x in *a, b: pass"),
        Snippet.Accepted("a, *b = 1"),
        Snippet.Accepted("*a, = 1"),
        Snippet.Accepted("[*a] = 1"),
        Snippet.Accepted("*(a, b), = 1"),
        Snippet.Accepted("print(*a if b else c)"),
        Snippet.Accepted("def f():\n    x: int = 1"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
