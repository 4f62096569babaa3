namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>invalid targets of del (DeleteTargetCheck).</summary>
public sealed class DeleteTargetCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("del f()", "cannot delete function call", 1, 5),
        Snippet.Rejected("del *a", "cannot delete starred", 1, 5),
        Snippet.Rejected("del a, *b", "cannot delete starred", 1, 8),
        Snippet.Rejected("del (a, f())", "cannot delete function call", 1, 9),
        Snippet.Rejected("del [a, (b + 1)]", "cannot delete expression", 1, 10),
        Snippet.Rejected("del a + b", "cannot delete expression", 1, 5),
        Snippet.Rejected("del (a := 1)", "cannot delete named expression", 1, 6),
        Snippet.Rejected("del True", "cannot delete True", 1, 5),
        Snippet.Rejected("del None, x", "cannot delete None", 1, 5),
        Snippet.Rejected("del [a, [*b]]", "cannot delete starred", 1, 10),
        Snippet.Accepted("del (a, b), [c, d]"),
        Snippet.Accepted("del ()"),
        Snippet.Accepted("del []"),
        Snippet.Accepted("del (a)"),
        Snippet.Accepted("del x,"),
        Snippet.Accepted("del a.b, c[d], e"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
