namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>adjacent bytes and str literals (BytesMixCheck).</summary>
public sealed class BytesMixCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("x = b'a' 'b'", "cannot mix bytes and nonbytes literals", 1, 13),
        Snippet.Rejected("x = 'a' b'b'", "cannot mix bytes and nonbytes literals", 1, 13),
        Snippet.Rejected("x = b'a' f'b'", "cannot mix bytes and nonbytes literals", 1, 14),
        Snippet.Rejected("x = b'a' b'b' 'c'", "cannot mix bytes and nonbytes literals", 1, 18),
        Snippet.Rejected("x = ('a'\n  b'b')", "cannot mix bytes and nonbytes literals", 2, 7),
        Snippet.Rejected("f(rb'a' 'b', c)", "cannot mix bytes and nonbytes literals", 1, 12),
        Snippet.RejectedAtOurPosition("f\"{ b'a' 'b' }\"", "f-string: cannot mix bytes and nonbytes literals", 1, 14),
        Snippet.Accepted("x = b'a' b'b' Rb'c'"),
        Snippet.Accepted("x = 'a' f'b' r'c' u'd'"),
        Snippet.Accepted("x = b'a'\ny = 'b'"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
