namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>invalid targets of = (AssignmentTargetCheck).</summary>
public sealed class AssignmentTargetCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("f() = 1", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("f() = yield x", "cannot assign to function call", 1, 1),
        Snippet.Rejected("f() = a, b", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("f() = *a, b", "cannot assign to function call", 1, 1),
        Snippet.Rejected("f() = not a", "cannot assign to function call", 1, 1),
        Snippet.Rejected("f() = a < b", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("x = f() = 1", "cannot assign to function call", 1, 5),
        Snippet.Rejected("x = 1 = 2", "cannot assign to literal", 1, 5),
        Snippet.Rejected("(a, 1) = 2", "cannot assign to literal", 1, 5),
        Snippet.Rejected("[a, f()] = 2", "cannot assign to function call", 1, 5),
        Snippet.Rejected("(a + 1) = 2", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 2),
        Snippet.Rejected("((a + 1)) = 2", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 3),
        Snippet.Rejected("a, (b + 1) = 2", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 5),
        Snippet.Rejected("True = 1", "cannot assign to True", 1, 1),
        Snippet.Rejected("(True) = 1", "cannot assign to True here. Maybe you meant '==' instead of '='?", 1, 2),
        Snippet.Rejected("[True] = 1", "cannot assign to True", 1, 2),
        Snippet.Rejected("a, None = 1", "cannot assign to None", 1, 4),
        Snippet.Rejected("... = 1", "cannot assign to ellipsis here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("\"s\" = 1", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("f\"{x}\" = 1", "cannot assign to f-string expression here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("a.b, f\"{x}\" = 1", "cannot assign to f-string expression here. Maybe you meant '==' instead of '='?", 1, 6),
        Snippet.Rejected("lambda: 1 = 1", "cannot assign to lambda", 1, 1),
        Snippet.Rejected("(lambda: 1) = 1", "cannot assign to lambda here. Maybe you meant '==' instead of '='?", 1, 2),
        Snippet.Rejected("a if b else c = 1", "cannot assign to conditional expression", 1, 1),
        Snippet.Rejected("(a if b else c) = 1", "cannot assign to conditional expression here. Maybe you meant '==' instead of '='?", 1, 2),
        Snippet.Rejected("a < b = 1", "cannot assign to comparison", 1, 1),
        Snippet.Rejected("not a = 1", "cannot assign to expression", 1, 1),
        Snippet.Rejected("a and b = 1", "cannot assign to expression", 1, 1),
        Snippet.Rejected("-a = 1", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("await a = 1", "cannot assign to await expression here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("(yield) = 1", "cannot assign to yield expression here. Maybe you meant '==' instead of '='?", 1, 2),
        Snippet.Rejected("(yield a), b = 1", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 12),
        Snippet.Rejected("(x for x in y) = 1", "cannot assign to generator expression", 1, 1),
        Snippet.Rejected("[x for x in y] = 1", "cannot assign to list comprehension here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("{x: y for x in y} = 1", "cannot assign to dict comprehension here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("{a: b} = 1", "cannot assign to dict literal here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("{a} = 1", "cannot assign to set display here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("(a := 1) = 2", "cannot assign to named expression here. Maybe you meant '==' instead of '='?", 1, 2),
        Snippet.Rejected("x = (a := 1) = 2", "cannot assign to named expression", 1, 6),
        Snippet.Rejected("x = a, f() = 1", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 1),
        Snippet.Rejected("a.b = c, f() = 1", "cannot assign to attribute here. Maybe you meant '==' instead of '='?", 1, 1),
        Snippet.Rejected("a, f(), c = 1", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 9),
        Snippet.Rejected("f(), a.b = 1", "cannot assign to attribute here. Maybe you meant '==' instead of '='?", 1, 6),
        Snippet.Rejected("f(), a.b = 1 = 2", "cannot assign to function call", 1, 1),
        Snippet.Rejected("f(), (a) = 1", "cannot assign to name here. Maybe you meant '==' instead of '='?", 1, 7),
        Snippet.Rejected("f(), [a] = 1", "cannot assign to function call", 1, 1),
        Snippet.Rejected("x = [a, b].c, f() = 1", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 1),
        Snippet.Rejected("f(), = 1", "cannot assign to function call", 1, 1),
        Snippet.Rejected("x = yield = 1", "assignment to yield expression not possible", 1, 5),
        Snippet.Rejected("x = (yield) = 1", "cannot assign to yield expression", 1, 6),
        Snippet.Rejected("[a, b].c, f() = 1", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 11),
        Snippet.Accepted("() = 1"),
        Snippet.Accepted("[] = 1"),
        Snippet.Accepted("a, *b = 1"),
        Snippet.Accepted("[a, (b, c)] = d = e.f = g[h] = 1"),
        Snippet.Accepted("f().x = g()[0] = 1"),
        Snippet.Accepted("[a, b].c = 1"),
        Snippet.Accepted("(a) = ((b)) = 1"),
        Snippet.Accepted("def f():\n    x = yield"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
