namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>yield in a comprehension's own scope (ComprehensionYieldCheck).</summary>
public sealed class ComprehensionYieldCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("def f():\n    [(yield) for x in y]", "'yield' inside list comprehension", 2, 7),
        Snippet.Rejected("def f():\n    {(yield) for x in y}", "'yield' inside set comprehension", 2, 7),
        Snippet.Rejected("def f():\n    {x: (yield) for x in y}", "'yield' inside dict comprehension", 2, 10),
        Snippet.Rejected("def f():\n    ((yield) for x in y)", "'yield' inside generator expression", 2, 7),
        Snippet.Rejected("def f():\n    [x for x in y for z in (yield)]", "'yield' inside list comprehension", 2, 29),
        Snippet.Rejected("def f():\n    [x for x in y if (yield)]", "'yield' inside list comprehension", 2, 23),
        Snippet.Rejected("[(yield) for x in y]", "'yield' inside list comprehension", 1, 3),
        Snippet.Rejected("def f():\n    [(yield from x) for y in z]", "'yield' inside list comprehension", 2, 7),
        Snippet.Rejected("x: [(yield) for a in b]", "'yield' inside list comprehension", 1, 6),
        Snippet.Rejected("return\n[(yield) for y in z]", "'yield' inside list comprehension", 2, 3),
        Snippet.Rejected("def f():\n    g((yield) for x in y)", "'yield' inside generator expression", 2, 8),
        Snippet.Accepted("def f():\n    [x for x in (yield)]"),
        Snippet.Accepted("def f():\n    [lambda: (yield) for x in y]"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
