namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>invalid targets of for loops, comprehensions and with statements (BindingTargetCheck).</summary>
public sealed class BindingTargetCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("for f() in x: pass", "cannot assign to function call", 1, 5),
        Snippet.Rejected("for a, f() in x: pass", "cannot assign to function call", 1, 8),
        Snippet.Rejected("for 1 in x: pass", "cannot assign to literal", 1, 5),
        Snippet.Rejected("for (a, b + 1) in x: pass", "cannot assign to expression", 1, 9),
        Snippet.Rejected("[x for f() in y]", "cannot assign to function call", 1, 8),
        Snippet.Rejected("[x for 1 in y]", "cannot assign to literal", 1, 8),
        Snippet.Rejected("{x for a, (b, -c) in y}", "cannot assign to expression", 1, 15),
        Snippet.Rejected("with x as f(): pass", "cannot assign to function call", 1, 11),
        Snippet.Rejected("with a as 1: pass", "cannot assign to literal", 1, 11),
        Snippet.Rejected("with x as (a, 1): pass", "cannot assign to literal", 1, 15),
        Snippet.Rejected("with a as b, c as d.e(): pass", "cannot assign to function call", 1, 19),
        Snippet.Accepted("for a, (b, [c, *d]) in x: pass"),
        Snippet.Accepted("for a.b, c[0] in x: pass"),
        Snippet.Accepted("[x for (a, b) in c for d.e in f]"),
        Snippet.Accepted("with a as (b, c), d as e[0]: pass"),
        Snippet.Accepted("with (a as b, c as d): pass"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
