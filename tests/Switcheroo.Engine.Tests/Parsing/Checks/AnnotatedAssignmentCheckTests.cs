namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>invalid targets of annotated assignments (AnnotatedAssignmentCheck).</summary>
public sealed class AnnotatedAssignmentCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("(a, b): int", "only single target (not tuple) can be annotated", 1, 1),
        Snippet.Rejected("[a]: int", "only single target (not list) can be annotated", 1, 1),
        Snippet.Rejected("((a, b)): int = 1", "only single target (not tuple) can be annotated", 1, 2),
        Snippet.Rejected("a, b: int", "only single target (not tuple) can be annotated", 1, 1),
        Snippet.Rejected("*a, b: int", "only single target (not tuple) can be annotated", 1, 1),
        Snippet.Rejected("*a: int", "invalid syntax", 1, 3),
        Snippet.Rejected("f(): int", "illegal target for annotation", 1, 1),
        Snippet.Rejected("(f()): int", "illegal target for annotation", 1, 2),
        Snippet.Rejected("1: int", "illegal target for annotation", 1, 1),
        Snippet.Rejected("a < b: int", "illegal target for annotation", 1, 1),
        Snippet.Rejected("lambda: 1: int", "illegal target for annotation", 1, 1),
        Snippet.Rejected("True: int", "illegal target for annotation", 1, 1),
        Snippet.Accepted("(a): int"),
        Snippet.Accepted("((a.b)): int"),
        Snippet.Accepted("a[0]: int = 1"),
        Snippet.Accepted("def f():\n    x: int = yield"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
