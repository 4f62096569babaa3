using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Support;

/// <summary>
/// Assertions about parsing one snippet: accepted (no diagnostics, a tree, and tokens that spell the
/// input exactly) or rejected with one positioned diagnostic.
/// </summary>
public static class ParseAssert
{
    /// <summary>Parses <paramref name="source"/> and asserts it is accepted and reproduced byte for byte.</summary>
    public static SyntaxTree Accepts(string source)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(source));
        Assert.True(tree.Diagnostics.Count == 0,
            $"expected no diagnostics for:\n{source}\nbut got:\n{string.Join("\n", tree.Diagnostics)}");
        Assert.NotNull(tree.Root);
        Assert.Equal(source, tree.FullText());
        return tree;
    }

    /// <summary>Decodes and parses file bytes; asserts acceptance and that the tokens encode back to the same bytes.</summary>
    public static SyntaxTree Accepts(byte[] bytes)
    {
        var tree = PythonSyntax.Parse("test.py", bytes);
        Assert.True(tree.Diagnostics.Count == 0, "expected no diagnostics but got:\n" + string.Join("\n", tree.Diagnostics));
        Assert.NotNull(tree.Root);
        Assert.Equal(bytes, tree.Source.Encoding.GetBytes(tree.FullText()));
        return tree;
    }

    /// <summary>Asserts <paramref name="source"/> is rejected with exactly one diagnostic, with this code, at this 1-based position.</summary>
    public static Diagnostic Rejects(string source, string code, int line, int column) =>
        Rejected(PythonSyntax.Parse(SourceText.FromString(source)), code, line, column);

    public static Diagnostic Rejects(byte[] bytes, string code, int line, int column) =>
        Rejected(PythonSyntax.Parse("test.py", bytes), code, line, column);

    /// <summary>The types of the tokens the parser sees (default channel), EOF excluded, as lexer names.</summary>
    public static string[] SignificantTokens(SyntaxTree tree) => tree.Tokens
        .Where(t => t.Channel == TokenConstants.DefaultChannel && t.Type != TokenConstants.EOF)
        .Select(t => PythonLexer.DefaultVocabulary.GetSymbolicName(t.Type))
        .ToArray();

    private static Diagnostic Rejected(SyntaxTree tree, string code, int line, int column)
    {
        Assert.Null(tree.Root);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.True((diagnostic.Code, diagnostic.Line, diagnostic.Column) == (code, line, column),
            $"expected {code} at ({line},{column}) but got {diagnostic}");
        return diagnostic;
    }
}
