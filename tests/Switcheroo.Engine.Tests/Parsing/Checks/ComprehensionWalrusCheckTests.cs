namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>walrus targets in comprehensions (ComprehensionWalrusCheck).</summary>
public sealed class ComprehensionWalrusCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("class C:\n    [(x := 1) for y in z]", "assignment expression within a comprehension cannot be used in a class body", 2, 7),
        Snippet.Rejected("class C:\n    [[(x := 1) for a in b] for y in z]", "assignment expression within a comprehension cannot be used in a class body", 2, 8),
        Snippet.Rejected("class C:\n    x = [(y := 1) for a in b]", "assignment expression within a comprehension cannot be used in a class body", 2, 11),
        Snippet.Rejected("def f():\n    [(y := 1) for y in z]", "assignment expression cannot rebind comprehension iteration variable 'y'", 2, 7),
        Snippet.Rejected("def f():\n    [[(y := 1) for a in b] for y in z]", "assignment expression cannot rebind comprehension iteration variable 'y'", 2, 8),
        Snippet.Rejected("def f():\n    [[(y := 1) for y in b] for c in z]", "assignment expression cannot rebind comprehension iteration variable 'y'", 2, 8),
        Snippet.Rejected("def f():\n    [(j := 0) for i in range(5) for j in range(5)]", "assignment expression cannot rebind comprehension iteration variable 'j'", 2, 7),
        Snippet.Rejected("[(x := 1) for x, y in z]", "assignment expression cannot rebind comprehension iteration variable 'x'", 1, 3),
        Snippet.Rejected("def f():\n    {y: (y := 1) for y in z}", "assignment expression cannot rebind comprehension iteration variable 'y'", 2, 10),
        Snippet.Rejected("def f():\n    [x for y in (z := 1)]", "assignment expression cannot be used in a comprehension iterable expression", 2, 18),
        Snippet.Rejected("[x for y in z for w in (q := 1)]", "assignment expression cannot be used in a comprehension iterable expression", 1, 25),
        Snippet.Rejected("[x for y in [(w := 1) for a in b]]", "assignment expression cannot be used in a comprehension iterable expression", 1, 15),
        Snippet.Rejected("[[x for a in (w := 1)] for y in z]", "assignment expression cannot be used in a comprehension iterable expression", 1, 15),
        Snippet.Rejected("[x for y in (lambda: (w := 1))()]", "assignment expression cannot be used in a comprehension iterable expression", 1, 23),
        Snippet.Rejected("class C:\n    [x for y in (z := 1)]", "assignment expression cannot be used in a comprehension iterable expression", 2, 18),
        Snippet.Rejected("def f():\n    [i for i in range(5) if (j := 0) for j in range(5)]", "comprehension inner loop cannot rebind assignment expression target 'j'", 2, 42),
        Snippet.Rejected("def f():\n    (y for x in z if (y := x) for y in w)", "comprehension inner loop cannot rebind assignment expression target 'y'", 2, 35),
        Snippet.Accepted("[x for y in z if (q := 1)]"),
        Snippet.Accepted("[lambda: (y := 1) for y in z]"),
        Snippet.Accepted("{(x := 1): 2 for y in z}"),
        Snippet.Accepted("[x for y in z if [(w := 1) for a in b] for c in d]"),
        Snippet.Accepted("[x for y in z if [(w := 1) for a in b] for w in d]"),
        Snippet.Accepted("[(w := 1) for a in b if (w := 2)]"),
        Snippet.Accepted("class C:\n    x = (y := 1)"),
        Snippet.Accepted("def f():\n    [(total := total + v) for v in values]"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
