namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>from __future__ imports after the start of the module (FuturePlacementCheck).</summary>
public sealed class FuturePlacementCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("x = 1\nfrom __future__ import annotations", "from __future__ imports must occur at the beginning of the file", 2, 1),
        Snippet.Rejected("b\"doc\"\nfrom __future__ import annotations", "from __future__ imports must occur at the beginning of the file", 2, 1),
        Snippet.Rejected("f\"doc\"\nfrom __future__ import annotations", "from __future__ imports must occur at the beginning of the file", 2, 1),
        Snippet.Rejected("import os; from __future__ import annotations", "from __future__ imports must occur at the beginning of the file", 1, 11),
        Snippet.Rejected("def f():\n    from __future__ import annotations", "from __future__ imports must occur at the beginning of the file", 2, 5),
        Snippet.Rejected("\"\"\"doc\"\"\"\n\"\"\"more\"\"\"\nfrom __future__ import annotations", "from __future__ imports must occur at the beginning of the file", 3, 1),
        Snippet.Accepted("\"doc\" \"more\"\nfrom __future__ import annotations"),
        Snippet.Accepted("(\"doc\")\nfrom __future__ import annotations"),
        Snippet.Accepted("\"\"\"doc\"\"\"; from __future__ import annotations"),
        Snippet.Accepted("# comment\n\nfrom __future__ import annotations\nfrom __future__ import division"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
