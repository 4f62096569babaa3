using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// String literals: every prefix in every case, bytes, and f-strings as Python 3.12 lexes them
/// (PEP 701): replacement fields are code, may nest f-strings with the same quotes, span lines and
/// hold backslashes; format specs are text with fields of their own.
/// </summary>
public sealed class FStringTests
{
    /// <summary>Valid Python 3.11, so the local python3 can confirm each one.</summary>
    public static TheoryData<string> Literals => new()
    {
        "a = r'x' + R'x' + u'x' + U'x' + b'x' + B'x'\n",
        "a = br'x' + bR'x' + Br'x' + BR'x' + rb'x' + rB'x' + Rb'x' + RB'x'\n",
        "a = f'x' + F'x' + rf'x' + fr'x' + Rf'x' + fR'x' + RF'x' + FR'x' + rF'x' + Fr'x'\n",
        "a = r\"\"\"x\"\"\" + b'''y''' + rb'\\'' + b'\\x00\\n' + '\\'' + \"\\\"\" + ''\n",
        "a = 'implicit' \"concatenation\" f'{x}' rf'{y}'\n",
        "a = '''a 'quoted' \"\"\" inside'''\nb = \"\"\"\nmulti\nline\n\"\"\"\n",
        "a = 'escaped \\\nnewline'\n",
        "f'{x!r:>{width}}'\nf'{x=}'\nf'{x = !r:^20}'\nf'{x:=10}'\nf'{{literal}}'\n",
        "f'{x:{y}.{z}f}'\nf'{3.14:.2f}'\nf'{x:%Y-%m-%d}'\nf'a{{b}}c{x}d'\nf'{x!s}' f\"{y}\" 'plain'\n",
        "f''\nf'{ x }'\nf'{(lambda: 1)()}'\nf'{ {\"a\": 1}[\"a\"] }'\nf'{x==y}'\nf'{x!=y}'\nf'{d[1:2]}'\n",
        "f'{x if y else z:>3}'\nf'{(x:=10)}'\nf'{x=!r:>10}'\nf'{x:!r}'\nf'{x:[}'\nf'{*a,}'\n",
        "s = f'''\n{\n    x\n    +\n    y\n}\n{z:>10}\n'''\n",
        "f\"\"\"He said \"hi\" {x}\"\"\"\nf\"{'''a'''}\"\n",
        "rf'\\{x}'\nfr'{x}\\d'\nrf'\\N{x}'\nf'\\{x}'\nf'\\'{x}\\''\n",
        "f'\\N{BULLET} {x}'\nf'\\N{LATIN SMALL LETTER A}{y}\\N{EM DASH}'\n",
        "def g():\n    return f'{yield}'\n",
    };

    /// <summary>Python 3.12 only (PEP 701).</summary>
    public static TheoryData<string> Literals312 => new()
    {
        "f\"{\"a\"}\"\n",
        "f\"{'\\n'.join(a)}\"\n",
        "f\"{f\"{f\"{f\"{x}\"}\"}\"}\"\n",
        "f'{f\"{f'''{f\"\"\"{x}\"\"\"}'''}\"}'\n",
        "f\"{\"{\"}\" f\"{\"}\"}\"\n",
        "x = f\"{a\n    + b}\"\n",
        "x = f'''{\n    a  # a comment inside a field\n}'''\n",
        "x = f\"{\", \".join([\n    'a',  # one\n    'b',  # two\n])}\"\n",
        "f\"{x:{\"<\"}10}\"\n",
    };

    [Theory]
    [MemberData(nameof(Literals))]
    [MemberData(nameof(Literals312))]
    public void LiteralParsesAndRoundTrips(string source) => ParseAssert.Accepts(source);

    [Fact]
    public void CPythonAcceptsEveryPython311Literal() =>
        Assert.Empty(CPythonVerdicts.Rejected(Literals.Column<string>()));

    [Fact]
    public void ColonEqualsInAFieldStartsAFormatSpecNotAWalrus()
    {
        var tree = ParseAssert.Accepts("f'{x:=10}'\n");
        Assert.Equal(
            new[] { "FSTRING_START", "LBRACE", "NAME", "COLON", "FSTRING_MIDDLE", "RBRACE", "FSTRING_END", "NEWLINE" },
            ParseAssert.SignificantTokens(tree));
        Assert.Contains(tree.Tokens, token => token.Text == "=10");
    }

    [Fact]
    public void SelfDocumentingFieldKeepsItsEqualsSign()
    {
        var tree = ParseAssert.Accepts("f'{x=}'\n");
        Assert.Equal(
            new[] { "FSTRING_START", "LBRACE", "NAME", "EQUAL", "RBRACE", "FSTRING_END", "NEWLINE" },
            ParseAssert.SignificantTokens(tree));
    }

    [Fact]
    public void DoubledBracesAreLiteralText()
    {
        var tree = ParseAssert.Accepts("f'{{literal}}'\n");
        Assert.Equal(new[] { "FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END", "NEWLINE" }, ParseAssert.SignificantTokens(tree));
        Assert.Equal("{{literal}}", tree.Tokens[1].Text);
    }

    [Fact]
    public void NestedFStringsWithTheSameQuotesEachGetTheirOwnTokens()
    {
        var tree = ParseAssert.Accepts("f\"{f\"{f\"{x}\"}\"}\"\n");
        var types = ParseAssert.SignificantTokens(tree);
        Assert.Equal(3, types.Count(type => type == "FSTRING_START"));
        Assert.Equal(3, types.Count(type => type == "FSTRING_END"));
    }

    [Fact]
    public void NamedUnicodeEscapeIsNotAReplacementField()
    {
        var tree = ParseAssert.Accepts("f'\\N{BULLET} {x}'\n");
        Assert.Equal(
            new[] { "FSTRING_START", "FSTRING_MIDDLE", "LBRACE", "NAME", "RBRACE", "FSTRING_END", "NEWLINE" },
            ParseAssert.SignificantTokens(tree));
    }

    [Fact]
    public void RawFStringBackslashBeforeABraceStillOpensAField()
    {
        var tree = ParseAssert.Accepts("rf'\\{x}'\n");
        Assert.Contains("NAME", ParseAssert.SignificantTokens(tree));
    }

    [Fact]
    public void FStringSpanningLinesHasTheSpanOfItsWholeText()
    {
        const string source = "s = f'''a\n{x:>\n10}b'''\n";
        var tree = ParseAssert.Accepts(source);
        var literal = ((PythonParser.Expression_stmtContext)tree.Root!.statement(0).simple_stmt(0)).assigned_value(0);
        Assert.Equal("f'''a\n{x:>\n10}b'''", tree.Text(literal));
        Assert.Equal("(1,5)-(3,8)", tree.Span(literal).ToString());
    }

    [Theory]
    [InlineData("x = 'abc\n", "unterminated string literal (detected at line 1)", 1, 5)]
    [InlineData("x = 1\ny = \"abc", "unterminated string literal (detected at line 2)", 2, 5)]
    [InlineData("x = 1\ny = '''abc\n\ndef\n", "unterminated triple-quoted string literal (detected at line 4)", 2, 5)]
    [InlineData("x = rb'''abc", "unterminated triple-quoted string literal (detected at line 1)", 1, 5)]
    [InlineData("x = f'abc{1}\n", "unterminated f-string literal (detected at line 1)", 1, 5)]
    [InlineData("x = f\"\"\"abc{1}\n\n", "unterminated triple-quoted f-string literal (detected at line 2)", 1, 5)]
    [InlineData("x = (1,\n'abc\n)\n", "unterminated string literal (detected at line 2)", 2, 1)]
    [InlineData("f'{x'\n", "f-string: expecting '}'", 1, 5)]
    [InlineData("f'{'\n", "f-string: expecting '}'", 1, 4)]
    [InlineData("f'{3:s'\n", "f-string: expecting '}'", 1, 7)]
    public void UnterminatedLiteralIsReportedAtItsStart(string source, string message, int line, int column)
    {
        var error = ParseAssert.Rejects(source, "SWR2002", line, column);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("f'a}b'\n", "f-string: single '}' is not allowed", "SWR2006", 1, 4)]
    [InlineData("b'é'\n", "bytes can only contain ASCII literal characters", "SWR2006", 1, 1)]
    [InlineData("f'{x)}'\n", "f-string: unmatched ')'", "SWR2003", 1, 5)]
    [InlineData("bf'x'\n", "invalid syntax", "SWR2001", 1, 3)]
    [InlineData("ub'x'\n", "invalid syntax", "SWR2001", 1, 3)]
    public void MalformedLiteralIsReportedInCPythonsWords(string source, string message, string code, int line, int column)
    {
        var error = ParseAssert.Rejects(source, code, line, column);
        Assert.Equal(message, error.Message);
    }

    // CPython 3.12 allows a field, one in its format spec and one in that one's spec (3.11 allowed two).
    [Fact]
    public void FieldsNestInFormatSpecsThreeDeep() => ParseAssert.Accepts("x = f'{a:{b:{c}}}'\n");

    // CPython 3.12's tokenizer reports this one column to the left of the fourth brace.
    [Fact]
    public void AFourthNestedFieldIsTooDeep()
    {
        var error = ParseAssert.Rejects("x = f'{a:{b:{c:{d}}}}'\n", "SWR2003", 1, 15);
        Assert.Equal("f-string: expressions nested too deeply", error.Message);
    }

    // CPython 3.12.1+: a line end ends the format spec of a one-line f-string, and the field goes
    // on as code (3.11 says the literal is unterminated).
    [Theory]
    [InlineData("x = f'{x:\n}'\n")]
    [InlineData("x = f'{x:>10\n}'\n")]
    public void ALineEndEndsAFormatSpec(string source) => ParseAssert.Accepts(source);

    [Fact]
    public void CodeAfterALineEndInAFormatSpecIsCode() =>
        ParseAssert.Rejects("x = f'{x:\nabc}'\n", "SWR2001", 2, 1);

    // CPython 3.12's words and positions (3.11 parsed fields apart and says "invalid conversion
    // character: expected 's', 'r', or 'a'" elsewhere); 3.12 wins.
    [Theory]
    [InlineData("x = f'{x!z}'\n", 1, 10, "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'")]
    [InlineData("x = f'{x!ab}'\n", 1, 10, "f-string: invalid conversion character 'ab': expected 's', 'r', or 'a'")]
    [InlineData("x = f'{x! r}'\n", 1, 9, "f-string: conversion type must come right after the exclamanation mark")]
    public void ConversionIsSRorA(string source, int line, int column, string message)
    {
        var error = ParseAssert.Rejects(source, "SWR2009", line, column);
        Assert.Equal(message, error.Message);
    }

    // The '=' of a self-documenting field comes before the conversion; after it, the parser stops (it used to throw).
    [Theory]
    [InlineData("print(f'{x!r=}')\n", 1, 13)]
    [InlineData("x = f'{x!}'\n", 1, 10)]
    public void MisplacedConversionIsInvalidSyntax(string source, int line, int column) =>
        ParseAssert.Rejects(source, "SWR2001", line, column);

    [Fact]
    public void SelfDocumentingFieldTakesAConversionAfterItsEquals() => ParseAssert.Accepts("x = f'{x=!r:>10}'\n");
}
