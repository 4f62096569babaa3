namespace Switcheroo.Engine.Tests.Parsing.Checks;

/// <summary>which error wins when a file breaks several rules: CPython's stages run in order (parser, __future__, symbol table, name resolution, compiler), each reporting the first violation by position (SyntaxChecks).</summary>
public sealed class SyntaxChecksTests
{
    private static readonly Snippet[] Snippets =
    {
        Snippet.Rejected("return\nf(a=1, b)", "positional argument follows keyword argument", 2, 9),
        Snippet.Rejected("def f(a, a): pass\nf(a=1, b)", "positional argument follows keyword argument", 2, 9),
        Snippet.Rejected("from __future__ import braces\nf(a=1, b)", "positional argument follows keyword argument", 2, 9),
        Snippet.Rejected("from __future__ import braces\n[(yield) for y in z]", "not a chance", 1, 1),
        Snippet.Rejected("return\n[(yield) for y in z]", "'yield' inside list comprehension", 2, 3),
        Snippet.Rejected("nonlocal x\ndef f(a, a): pass", "duplicate argument 'a' in function definition", 2, 10),
        Snippet.Rejected("return\nnonlocal x", "nonlocal declaration not allowed at module level", 2, 1),
        Snippet.Rejected("x = 1\ndef f(a, a): pass\nfrom __future__ import annotations", "duplicate argument 'a' in function definition", 2, 10),
        Snippet.Rejected("break\nreturn", "'break' outside loop", 1, 1),
        Snippet.Rejected("f(a=1, a=2)\n*a = b", "keyword argument repeated: a", 1, 8),
        Snippet.Rejected("def f(x=1, y): return\ndel f()", "non-default argument follows default argument", 1, 12),
    };

    public static TheoryData<string> Sources => Snippet.Sources(Snippets);

    [Theory]
    [MemberData(nameof(Sources))]
    public void GivesCPythonsVerdict(string source) => Snippet.AssertSwitcheroo(Snippets, source);

    [Fact]
    public void ExpectationsAreCPythons() => Snippet.AssertCPythonAgrees(Snippets);
}
