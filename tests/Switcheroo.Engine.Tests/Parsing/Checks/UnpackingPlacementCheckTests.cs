namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>starred unpacking the parser rejects: grouped, as a comprehension element, alone in an f-string field (UnpackingPlacementCheck).</summary>
public sealed class UnpackingPlacementCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("x = (*a)", "cannot use starred expression here", 1, 6),
        Snippet.Rejected("(*a) = 1", "cannot use starred expression here", 1, 2),
        Snippet.Rejected("for (*a) in x: pass", "cannot use starred expression here", 1, 6),
        Snippet.Rejected("print((*a))", "cannot use starred expression here", 1, 8),
        Snippet.Rejected("f((*a)) = 1", "cannot use starred expression here", 1, 4),
        Snippet.Rejected("for f((*a)) in x: pass", "cannot use starred expression here", 1, 8),
        Snippet.Rejected("(*a) += 1", "cannot use starred expression here", 1, 2),
        Snippet.Rejected("del (*a)", "cannot use starred expression here", 1, 6),
        Snippet.Rejected("[*a for b in c]", "iterable unpacking cannot be used in comprehension", 1, 2),
        Snippet.Rejected("{*a for b in c}", "iterable unpacking cannot be used in comprehension", 1, 2),
        Snippet.Rejected("(*a for b in c)", "iterable unpacking cannot be used in comprehension", 1, 2),
        Snippet.Rejected("{**a for b in c}", "dict unpacking cannot be used in dict comprehension", 1, 2),
        Snippet.RejectedAtOurPosition("f\"{*a}\"", "f-string: cannot use starred expression here", 1, 4),
        Snippet.RejectedAtOurPosition("f\"{x:{*a}}\"", "f-string: cannot use starred expression here", 1, 7),
        Snippet.RejectedAtOurPosition("f\"{[*a for b in c]}\"", "f-string: iterable unpacking cannot be used in comprehension", 1, 5),
        Snippet.Accepted("(*a,)"),
        Snippet.Accepted("[*a, *b]"),
        Snippet.Accepted("{*a, *b}"),
        Snippet.Accepted("{**a, 'b': 1, **c}"),
        Snippet.Accepted("f\"{*a,}\""),
        Snippet.Accepted("print(*a)"),
        Snippet.Accepted("a[*b]"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
