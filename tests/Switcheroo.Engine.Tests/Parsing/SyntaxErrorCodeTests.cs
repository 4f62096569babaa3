using System.Text;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// Each kind of syntax error has its own code, so a build can tell them apart; one example per
/// code, at the line, column and in the words CPython gives for the same source (TabError's column aside).
/// </summary>
public sealed class SyntaxErrorCodeTests
{
    [Theory]
    [InlineData("SWR2001", "x = = 1\n", 1, 5, "invalid syntax")]
    [InlineData("SWR2002", "s = 'abc\n", 1, 5, "unterminated string literal (detected at line 1)")]
    [InlineData("SWR2003", "x = (1,\n", 1, 5, "'(' was never closed")]
    [InlineData("SWR2004", "if x:\npass\n", 2, 1, "expected an indented block after 'if' statement on line 1")]
    // CPython puts TabError at column 1; Switcheroo at the line's first token.
    [InlineData("SWR2005", "if x:\n        x = 1\n\ty = 2\n", 3, 2, "inconsistent use of tabs and spaces in indentation")]
    [InlineData("SWR2006", "x = 1 \u20ac\n", 1, 7, "invalid character '\u20ac' (U+20AC)")]
    [InlineData("SWR2009", "x = 1\nfrom __future__ import annotations\n", 2, 1, "from __future__ imports must occur at the beginning of the file")]
    public void ErrorHasItsCodeAndCPythonsPosition(string code, string source, int line, int column, string message)
    {
        AssertOnlyError(PythonSyntax.Parse(SourceText.FromString(source, "t.py")), code, line, column, message);
    }

    [Fact]
    public void UndecodableBytesAreAnEncodingError()
    {
        var tree = PythonSyntax.Parse("t.py", Encoding.Latin1.GetBytes("x = '\u00ff'\n"));
        Assert.Null(tree.Root);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal((DiagnosticCodes.Encoding.Code, Severity.Error, 1), (diagnostic.Code, diagnostic.Severity, diagnostic.Line));
    }

    private static void AssertOnlyError(SyntaxTree tree, string code, int line, int column, string message)
    {
        Assert.Null(tree.Root);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal($"t.py({line},{column}): error {code}: {message}", diagnostic.ToString());
    }
}
