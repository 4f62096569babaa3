namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>two parameters of one def or lambda with the same name (DuplicateParameterCheck).</summary>
public sealed class DuplicateParameterCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("def f(a, a): pass", "duplicate argument 'a' in function definition", 1, 10),
        Snippet.Rejected("def f(a, *, a): pass", "duplicate argument 'a' in function definition", 1, 13),
        Snippet.Rejected("def f(a, *a): pass", "duplicate argument 'a' in function definition", 1, 11),
        Snippet.Rejected("def f(a, **a): pass", "duplicate argument 'a' in function definition", 1, 12),
        Snippet.Rejected("def f(a, b, /, b): pass", "duplicate argument 'b' in function definition", 1, 16),
        Snippet.Rejected("lambda a, a: 0", "duplicate argument 'a' in function definition", 1, 11),
        Snippet.Rejected("x = 1; f\"{(lambda a, a: 1)}\"", "duplicate argument 'a' in function definition", 1, 22),
        Snippet.Rejected("def f(a, b, a, b): pass", "duplicate argument 'a' in function definition", 1, 13),
        Snippet.Accepted("def f(a, b, *c, d, **e): pass"),
        Snippet.Accepted("def f(a):\n    def g(a): pass"),
        Snippet.Accepted("lambda a: lambda a: a"),
        Snippet.Accepted("def f(a, /, b, *, c): pass"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
