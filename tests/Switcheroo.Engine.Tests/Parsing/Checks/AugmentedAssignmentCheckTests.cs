namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>invalid targets of augmented assignments (AugmentedAssignmentCheck).</summary>
public sealed class AugmentedAssignmentCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("x, y += 1", "'tuple' is an illegal expression for augmented assignment", 1, 1),
        Snippet.Rejected("(x, y) += 1", "'tuple' is an illegal expression for augmented assignment", 1, 1),
        Snippet.Rejected("[x] += 1", "'list' is an illegal expression for augmented assignment", 1, 1),
        Snippet.Rejected("*a += 1", "'starred' is an illegal expression for augmented assignment", 1, 1),
        Snippet.Rejected("f() += 1", "'function call' is an illegal expression for augmented assignment", 1, 1),
        Snippet.Rejected("(f()) += 1", "'function call' is an illegal expression for augmented assignment", 1, 2),
        Snippet.Rejected("True += 1", "'True' is an illegal expression for augmented assignment", 1, 1),
        Snippet.Rejected("1 += 1", "'literal' is an illegal expression for augmented assignment", 1, 1),
        Snippet.Rejected("a < b += 1", "'comparison' is an illegal expression for augmented assignment", 1, 1),
        Snippet.Rejected("-a += 1", "'expression' is an illegal expression for augmented assignment", 1, 1),
        Snippet.Accepted("(a) += 1"),
        Snippet.Accepted("a.b -= 1"),
        Snippet.Accepted("a[b] **= c"),
        Snippet.Accepted("def f():\n    x //= yield"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
