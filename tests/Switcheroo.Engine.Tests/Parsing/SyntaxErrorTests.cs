using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// Layout errors: indentation, tabs, brackets and line continuations, each with CPython's message
/// at a 1-based line and column. Where CPython 3.11 reports the same position,
/// <see cref="CPythonReportsTheSamePositions"/> checks it against the real thing.
/// </summary>
public sealed class SyntaxErrorTests
{
    /// <summary>Source, code, line, column, message: errors whose position CPython reports the same way.</summary>
    public static TheoryData<string, string, int, int, string> SameAsCPython => new()
    {
        { "if x:\npass\n", "SWR2004", 2, 1, "expected an indented block after 'if' statement on line 1" },
        { "x = 1\ndef f():\nreturn 1\n", "SWR2004", 3, 1, "expected an indented block after function definition on line 2" },
        { "class C:\n\n# c\nx = 1\n", "SWR2004", 4, 1, "expected an indented block after class definition on line 1" },
        { "try:\n    pass\nexcept E:\nx\n", "SWR2004", 4, 1, "expected an indented block after 'except' statement on line 3" },
        { "x = (1,\n2\n", "SWR2003", 1, 5, "'(' was never closed" },
        { "x = [1,\n(2,\n", "SWR2003", 2, 1, "'(' was never closed" },
        { "x = 1)\n", "SWR2003", 1, 6, "unmatched ')'" },
        { "x = {1: 2}}\n", "SWR2003", 1, 11, "unmatched '}'" },
        { "x = (1]\n", "SWR2003", 1, 7, "closing parenthesis ']' does not match opening parenthesis '('" },
        { "x = (1,\n2]\n", "SWR2003", 2, 2, "closing parenthesis ']' does not match opening parenthesis '(' on line 1" },
        { "x = 1 + \\\n", "SWR2001", 1, 10, "unexpected EOF while parsing" },
        { "x = 1 + \\", "SWR2001", 1, 10, "unexpected EOF while parsing" },
        { "x = 1\n\\\n", "SWR2001", 2, 2, "unexpected EOF while parsing" },
        { "if x:\n    y = \\\n", "SWR2001", 2, 10, "unexpected EOF while parsing" },
        { "x = (1 + \\\n", "SWR2003", 1, 5, "'(' was never closed" },
        { "x = 1 + \\\n\n2\n", "SWR2001", 2, 1, "invalid syntax" },
        { "x = 1\nelse:\n    pass\n", "SWR2001", 2, 1, "invalid syntax" },
        { "def f(a b):\n    pass\n", "SWR2001", 1, 9, "invalid syntax" },
        { "x = = 1\n", "SWR2001", 1, 5, "invalid syntax" },
        { "@dec\nx = 1\n", "SWR2001", 2, 1, "invalid syntax" },
    };

    [Theory]
    [MemberData(nameof(SameAsCPython))]
    public void LayoutErrorIsReportedWhereCPythonReportsIt(string source, string code, int line, int column, string message)
    {
        var error = ParseAssert.Rejects(source, code, line, column);
        Assert.Equal(message, error.Message);
    }

    /// <summary>A line holding only a backslash joins the next; the indentation counts on from there, as in CPython.</summary>
    public static TheoryData<string> LineJoinsBeforeIndentation => new()
    {
        "if x:\n\\\n    pass\n",
        "if x:\n  \\\n    pass\n",
        "x = 1\n\\\ny = 2\n",
        "def f():\n    a = 1\n\\\n    return a\n",
    };

    [Theory]
    [MemberData(nameof(LineJoinsBeforeIndentation))]
    public void ABackslashAloneOnALineJoinsItToTheNext(string source) => ParseAssert.Accepts(source);

    [Fact]
    public void CPythonAcceptsTheLineJoinsBeforeIndentation() =>
        Assert.Empty(CPythonVerdicts.Rejected(LineJoinsBeforeIndentation.Cast<object[]>().Select(row => (string)row[0])));

    [Fact]
    public void CPythonReportsTheSamePositions()
    {
        var expected = SameAsCPython.Cast<object[]>().Select(row => ((string)row[0], (int)row[2], (int)row[3]));
        Assert.Empty(CPythonVerdicts.PositionsDifferingFrom(expected));
    }

    // CPython puts the column of an unindent at the end of the line; ours points at its first token.
    [Theory]
    [InlineData("if x:\n        a\n    b\n", 3, 5)]
    [InlineData("def f():\n  if x:\n      a\n    b\n", 4, 5)]
    [InlineData("if x:\r    y = '''a\rb'''\r  z = 1\r", 4, 3)]
    public void UnindentMatchingNoOuterLevelIsAnIndentationError(string source, int line, int column)
    {
        var error = ParseAssert.Rejects(source, "SWR2004", line, column);
        Assert.Equal("unindent does not match any outer indentation level", error.Message);
    }

    // CPython points at the last character of the indentation; ours at the indented statement.
    [Theory]
    [InlineData("a = 1\n    b = 2\n", 2, 5)]
    [InlineData("if x:\n    a\n        b\n", 3, 9)]
    [InlineData("  a = 1\n", 1, 3)]
    public void UnexpectedIndentIsAnIndentationError(string source, int line, int column)
    {
        var error = ParseAssert.Rejects(source, "SWR2004", line, column);
        Assert.Equal("unexpected indent", error.Message);
    }

    // CPython reports a block missing at the end of the file at the end of the header line.
    [Theory]
    [InlineData("for x in y:\n", "'for' statement on line 1", 2, 1)]
    [InlineData("while x:\n# only a comment\n", "'while' statement on line 1", 3, 1)]
    [InlineData("if x:\n    pass\nelse:\n", "'else' statement on line 3", 4, 1)]
    [InlineData("with a:\n", "'with' statement on line 1", 2, 1)]
    public void MissingBlockNamesTheStatementAndItsLine(string source, string owner, int line, int column)
    {
        var error = ParseAssert.Rejects(source, "SWR2004", line, column);
        Assert.Equal($"expected an indented block after {owner}", error.Message);
    }

    // CPython reports TabError at column 1; ours at the first token of the line.
    [Theory]
    [InlineData("if x:\n\tif y:\n\t\ta\n        b\n", 4, 9)]
    [InlineData("if x:\n        a\n\tb\n", 3, 2)]
    [InlineData("if x:\n    \ta\n\t    b\n", 3, 6)]
    public void IndentationWhoseMeaningDependsOnTabSizeIsATabError(string source, int line, int column)
    {
        var error = ParseAssert.Rejects(source, "SWR2005", line, column);
        Assert.Equal("inconsistent use of tabs and spaces in indentation", error.Message);
    }

    [Fact]
    public void CPythonAlsoRejectsTheTabErrorsAndAcceptsTheMixedIndentationWeAccept()
    {
        var rejected = new[] { "if x:\n\tif y:\n\t\ta\n        b\n", "if x:\n        a\n\tb\n", "if x:\n    \ta\n\t    b\n" };
        var accepted = "if x:\n\ta = 1\n\tif y:\n\t    b = 2\n";
        ParseAssert.Accepts(accepted);
        Assert.Equal(rejected.Length, CPythonVerdicts.Rejected(rejected).Count);
        Assert.Empty(CPythonVerdicts.Rejected(new[] { accepted }));
    }

    // CPython points just after the backslash.
    [Fact]
    public void CharacterAfterLineContinuationIsReportedAtTheBackslash()
    {
        var error = ParseAssert.Rejects("x = 1 \\ 2\n", "SWR2001", 1, 7);
        Assert.Equal("unexpected character after line continuation character", error.Message);
    }
}
