using Antlr4.Runtime;
using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// The lexical layer: numbers, explicit and implicit line joining, indentation with tabs and form
/// feeds, line ends of every kind, comments and blank lines, and the NEWLINE/INDENT/DEDENT tokens
/// the parser sees for them.
/// </summary>
public sealed class LexerTests
{
    public static TheoryData<string> Layouts => new()
    {
        // numbers: underscores, bases, floats with exponents, imaginary; a number running into a keyword
        "a = 1_000_000 + 0x_FF_ff + 0o7_7 + 0b_1_0 + 0XAB + 0O17 + 0B1\n",
        "b = 1.5 + 1. + .5 + 1e10 + 1E-5 + 1.5e+3 + 1_0.0_1e1_0 + 0.0 + 00.5 + 007.0 + 0e0 + 0_7.5\n",
        "c = 1j + 1.5J + 1e3j + 0j + 1_0j + 00j + 0_7j\nd = 0 + 00 + 0_0 + 1if 1 else 2\n",
        // explicit joining, also inside expressions, between tokens and before a block
        "x = 1 + \\\n    2\nif a and \\\n   b:\n    pass\ny = \\\n3\n",
        "assert x, \\\n    'msg'\nwith a as b, \\\n     c as d:\n    pass\ndef f(): \\\n    return 1\n",
        "x = [1,\\\n2]\nif x:\n    a = 1\n    \\\n    b = 2\n",
        // implicit joining in brackets, with comments and blank lines, at any indentation
        "x = (1,  # one\n     2,  # two\n\n     # alone\n     3)\ny = [\n    1,\n        2,\n  3,\n]\nz = {\n'a': 1,\n}\n",
        "def f(a,\n      b):\n    return (a +\nb)\n",
        // consistent tabs, and a tab/space mix CPython accepts
        "if x:\n\ta = 1\n\tif y:\n\t\tb = 2\n\telse:\n\t\tc = 3\n",
        "if x:\n\ta = 1\n\tif y:\n\t    b = 2\n",
        "if x:\n  \ta = 1\n  \tb = 2\n",
        // form feeds at line starts, which reset the indentation count
        "\fx = 1\n\f\nif x:\n\f    y = 1\n    \f\n\f    z = 2\n",
        // comments at line ends, on their own lines at odd indents, and at the end of the file
        "x = 1  # c\nif x:  # c\n    pass  # c\n  # odd\n# end",
        // blank lines holding whitespace at odd indents inside blocks
        "if x:\n    a = 1\n  \n        \n   \t\n    b = 2\n\n  # odd comment\n    c = 3\n",
        // \r\n everywhere: after statements, in triple-quoted strings, after backslash continuations
        "x = 1\r\nif x:\r\n    y = '''a\r\nb'''\r\n    z = 1 + \\\r\n        2\r\n# c\r\n",
        // old Mac line ends and a mix of all three
        "x = 1\ry = 2\rif x:\r    z = 3\r",
        "x = 1\r\ny = 2\nz = 3\rw = (4,\r\n5)\n",
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void LayoutParsesAndRoundTrips(string source) => ParseAssert.Accepts(source);

    [Fact]
    public void CPythonAcceptsEveryLayout() =>
        Assert.Empty(CPythonVerdicts.Rejected(Layouts.Column<string>()));

    [Fact]
    public void BlocksOpenWithIndentAndCloseWithDedentBeforeTheNextStatement()
    {
        var tree = ParseAssert.Accepts("if a:\n    if b:\n        x\n\n    y\nz\n");
        Assert.Equal(new[]
        {
            "IF", "NAME", "COLON", "NEWLINE", "INDENT",
            "IF", "NAME", "COLON", "NEWLINE", "INDENT", "NAME", "NEWLINE", "DEDENT",
            "NAME", "NEWLINE", "DEDENT",
            "NAME", "NEWLINE",
        }, ParseAssert.SignificantTokens(tree));
    }

    [Fact]
    public void IndentAndDedentAreEmptyTokensAtTheFirstTokenOfTheirLine()
    {
        var tree = ParseAssert.Accepts("if a:\n    x\ny\n");
        var indent = tree.Tokens.Single(t => t.Type == PythonLexer.INDENT);
        var dedent = tree.Tokens.Single(t => t.Type == PythonLexer.DEDENT);
        Assert.Equal((string.Empty, 2, 4), (indent.Text, indent.Line, indent.Column));
        Assert.Equal((string.Empty, 3, 0), (dedent.Text, dedent.Line, dedent.Column));
    }

    [Fact]
    public void FileEndingInsideBlocksClosesThemAfterAFinalNewline()
    {
        var tree = ParseAssert.Accepts("if a:\n    if b:\n        x");
        Assert.Equal(
            new[] { "IF", "NAME", "COLON", "NEWLINE", "INDENT", "IF", "NAME", "COLON", "NEWLINE", "INDENT", "NAME", "NEWLINE", "DEDENT", "DEDENT" },
            ParseAssert.SignificantTokens(tree));
    }

    [Fact]
    public void LineEndsInsideBracketsAndOnBlankLinesAreHiddenNLTokens()
    {
        var tree = ParseAssert.Accepts("x = (1,\n2)\n\n# c\ny = 3\n");
        var lineEnds = tree.Tokens.Where(t => t.Text == "\n").Select(t => PythonLexer.DefaultVocabulary.GetSymbolicName(t.Type));
        Assert.Equal(new[] { "NL", "NEWLINE", "NL", "NL", "NEWLINE" }, lineEnds);
    }

    [Fact]
    public void BackslashContinuationIsOneHiddenTokenWithItsLineEnd()
    {
        var tree = ParseAssert.Accepts("x = 1 + \\\r\n    2\r\n");
        var join = tree.Tokens.Single(t => t.Type == PythonLexer.LINE_JOIN);
        Assert.Equal("\\\r\n", join.Text);
        Assert.Equal(2, tree.Tokens.Single(t => t.Text == "2").Line);
    }

    [Fact]
    public void CarriageReturnAloneEndsALine()
    {
        var tree = ParseAssert.Accepts("x = 1\ry = '''a\rb'''\rz = 2\r");
        Assert.Equal(new[] { 1, 2, 4 }, tree.Tokens.Where(t => t.Type == PythonLexer.EQUAL).Select(t => t.Line));
    }

    [Fact]
    public void TabThenSpacesIsDeeperThanTheTabAlone()
    {
        var tree = ParseAssert.Accepts("if x:\n\tif y:\n\t    a\n\tb\n");
        Assert.Equal(2, tree.Tokens.Count(t => t.Type == PythonLexer.INDENT));
        Assert.Equal(2, tree.Tokens.Count(t => t.Type == PythonLexer.DEDENT));
    }

    [Theory]
    [InlineData("x = 1  # comment\n")]
    [InlineData("# only a comment")]
    public void CommentsAreHiddenTokensWithoutTheirLineEnd(string source)
    {
        var tree = ParseAssert.Accepts(source);
        var comment = tree.Tokens.Single(t => t.Type == PythonLexer.COMMENT);
        Assert.Equal(TokenConstants.HiddenChannel, comment.Channel);
        Assert.DoesNotContain('\n', comment.Text);
    }

    [Theory]
    [InlineData("x = 1if 1 else 2\n", "NUMBER", "IF")]
    [InlineData("x = 0x1for x in y\n", "NUMBER", "OR")]
    [InlineData("x = 1_0.5e-1_0j\n", "NUMBER", "NEWLINE")]
    public void NumberEndsWhereItsLiteralEnds(string source, string number, string next)
    {
        var types = ParseAssert.SignificantTokens(ParseAssert.Accepts(source));
        int at = Array.IndexOf(types, number);
        Assert.Equal(next, types[at + 1]);
    }
}
