using System.Text;
using Antlr4.Runtime;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// The token stream is the file: degenerate files, byte order marks and legacy encodings come back
/// byte for byte, and spans and texts of nodes are those of the original source.
/// </summary>
public sealed class LosslessTests
{
    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("# one\n# two\n   # three\n")]
    [InlineData("# no newline at the end")]
    [InlineData("\n\n   \n\t\n  \n")]
    [InlineData("   ")]
    [InlineData("\f")]
    [InlineData("x = 1\nif x:\n    y = 2")]
    [InlineData("x = 1   ")]
    [InlineData("if x:\n    pass\n    ")]
    [InlineData("x = 1 # c\r\n\r\n")]
    public void DegenerateFileRoundTrips(string source)
    {
        var tree = ParseAssert.Accepts(source);
        Assert.Equal(TokenConstants.EOF, tree.Tokens[^1].Type);
    }

    [Fact]
    public void EmptyFileHasNoStatements()
    {
        var tree = ParseAssert.Accepts(string.Empty);
        Assert.Empty(tree.Root!.statement());
        Assert.Equal(new[] { TokenConstants.EOF }, tree.Tokens.Select(t => t.Type));
    }

    [Fact]
    public void FileWithOnlyCommentsHasOnlyHiddenTokens()
    {
        var tree = ParseAssert.Accepts("# one\n\n  # two\n");
        Assert.Empty(ParseAssert.SignificantTokens(tree));
    }

    [Fact]
    public void FileWithoutFinalNewlineGetsAnEmptyNewlineToken()
    {
        var tree = ParseAssert.Accepts("x = 1");
        var newline = tree.Tokens.Single(t => t.Type == PythonLexer.NEWLINE);
        Assert.Equal((string.Empty, 1, 5), (newline.Text, newline.Line, newline.Column));
    }

    [Fact]
    public void ByteOrderMarkIsAHiddenTokenAndWrittenBack()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("x = 'é'\n")).ToArray();
        var tree = ParseAssert.Accepts(bytes);
        Assert.Equal(PythonLexer.BOM, tree.Tokens[0].Type);
        Assert.Equal(1, tree.Tokens[1].Line);
        Assert.Equal(1, tree.Span(tree.Root!.statement(0)).StartLine);
    }

    [Fact]
    public void ByteOrderMarkInATextRoundTrips() => ParseAssert.Accepts("\ufeffx = 1\n");

    [Theory]
    [InlineData("# -*- coding: latin-1 -*-\n")]
    [InlineData("#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\n")]
    public void Latin1FileDecodesAndEncodesBackToTheSameBytes(string header)
    {
        var bytes = Encoding.ASCII.GetBytes(header).Concat(new byte[] { (byte)'x', (byte)' ', (byte)'=', (byte)' ', (byte)'\'', 0xE9, (byte)'t', 0xE9, (byte)'\'', (byte)'\n' }).ToArray();
        var tree = ParseAssert.Accepts(bytes);
        Assert.Equal(28591, tree.Source.Encoding.CodePage);
        Assert.Contains("'été'", tree.Source.Text);
    }

    [Fact]
    public void CPythonAcceptsTheLatin1File()
    {
        var verdict = Python.Run("""
            compile(b"# -*- coding: latin-1 -*-\nx = '\xe9t\xe9'\n", "t.py", "exec")
            print("ok")
            """);
        Assert.Equal("ok", verdict.Trim());
    }

    [Fact]
    public void SpanAndTextOfANodeSpanningLinesIncludeCommentsInside()
    {
        const string source = "x = 1\nresult = f(a,  # first\n           b)\n";
        var tree = ParseAssert.Accepts(source);
        var value = ((PythonParser.Expression_stmtContext)tree.Root!.statement(1).simple_stmt(0)).assigned_value(0);
        Assert.Equal("f(a,  # first\n           b)", tree.Text(value));
        Assert.Equal(new SourceSpan(2, 10, 3, 14), tree.Span(value));
    }

    [Fact]
    public void SpanOfACompoundStatementEndsAfterItsLastLine()
    {
        var tree = ParseAssert.Accepts("if x:\n    y = 1\n    z = 22\nw = 3\n");
        var statement = tree.Root!.statement(0);
        Assert.StartsWith("if x:", tree.Text(statement));
        Assert.EndsWith("z = 22\n", tree.Text(statement));
        Assert.Equal(new SourceSpan(1, 1, 4, 1), tree.Span(statement));
    }

    [Fact]
    public void SpanColumnsCountCodePointsNotUtf16Units()
    {
        var tree = ParseAssert.Accepts("s = '😀😀'\n");
        var literal = tree.Tokens.Single(t => t.Type == PythonLexer.STRING);
        Assert.Equal(new SourceSpan(1, 5, 1, 9), tree.Span(literal));
    }

    [Fact]
    public void EveryCharacterBelongsToExactlyOneToken()
    {
        const string source = "\ufeff# c\nif x:\r\n\tf(a,\\\n  b)  # d\n\f\n    \nelse: pass";
        var tree = ParseAssert.Accepts(source);
        int expected = 0;
        foreach (var token in tree.Tokens.Where(t => t.Type != TokenConstants.EOF && t.Text.Length > 0))
        {
            Assert.Equal(expected, token.StartIndex);
            expected = token.StopIndex + 1;
        }
        Assert.Equal(source.Length, expected);
    }
}
