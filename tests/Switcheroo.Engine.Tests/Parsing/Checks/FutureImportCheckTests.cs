namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>features of from __future__ imports (FutureImportCheck).</summary>
public sealed class FutureImportCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("from __future__ import braces", "not a chance", 1, 1),
        Snippet.Rejected("from __future__ import nonsense", "future feature nonsense is not defined", 1, 1),
        Snippet.Rejected("\"doc\"\nfrom __future__ import annotations, spam", "future feature spam is not defined", 2, 1),
        Snippet.Rejected("from __future__ import *", "future feature * is not defined", 1, 1),
        Snippet.Accepted("from __future__ import annotations, division"),
        Snippet.Accepted("\"\"\"Docstring.\"\"\"\nfrom __future__ import (generator_stop,\n    barry_as_FLUFL)"),
        Snippet.Rejected("from .__future__ import braces", "not a chance", 1, 1),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
