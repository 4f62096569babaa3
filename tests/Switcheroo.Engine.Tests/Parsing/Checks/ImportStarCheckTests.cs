namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>from m import * outside module level (ImportStarCheck).</summary>
public sealed class ImportStarCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("def f():\n    from m import *", "import * only allowed at module level", 2, 19),
        Snippet.Rejected("class C:\n    from m import *", "import * only allowed at module level", 2, 19),
        Snippet.Rejected("def f():\n    from . import *", "import * only allowed at module level", 2, 19),
        Snippet.Accepted("from m import *"),
        Snippet.Accepted("if x:\n    from m import *"),
        Snippet.Accepted("try:\n    from m import *\nexcept ImportError:\n    pass"),
        Snippet.Accepted("def f():\n    from m import a, b"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
