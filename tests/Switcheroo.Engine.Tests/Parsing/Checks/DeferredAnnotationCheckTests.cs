namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>yield, await and walrus in annotations deferred by PEP 563 (DeferredAnnotationCheck).</summary>
public sealed class DeferredAnnotationCheckTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("from __future__ import annotations\nx: (yield)", "'yield expression' can not be used within an annotation", 2, 5),
        Snippet.Rejected("from __future__ import annotations\nx: (yield from y)", "'yield expression' can not be used within an annotation", 2, 5),
        Snippet.Rejected("from __future__ import annotations\ndef f():\n    x: await y", "'await expression' can not be used within an annotation", 3, 8),
        Snippet.Rejected("from __future__ import annotations\nx: (y := 1)", "'named expression' can not be used within an annotation", 2, 5),
        Snippet.Rejected("from __future__ import annotations\ndef f(a: (y := 1)): pass", "'named expression' can not be used within an annotation", 2, 11),
        Snippet.Rejected("from __future__ import annotations\ndef f() -> (yield): pass", "'yield expression' can not be used within an annotation", 2, 13),
        Snippet.Rejected("from __future__ import annotations\nx: [a for a in await b]", "'await expression' can not be used within an annotation", 2, 16),
        Snippet.Rejected("from __future__ import annotations\nclass C:\n    x: (yield)", "'yield expression' can not be used within an annotation", 3, 9),
        Snippet.Accepted("from __future__ import annotations\nx: lambda: (yield)"),
        Snippet.Accepted("from __future__ import annotations\nx: [(y := 1) for a in b]"),
        Snippet.Accepted("from __future__ import annotations\nx: [await y for a in b]"),
        Snippet.Accepted("x: (y := 1)"),
        Snippet.Accepted("def f():\n    x: (y := 1)"),
        Snippet.Accepted("from __future__ import annotations\ndef f():\n    x: int = (y := 1)"),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
