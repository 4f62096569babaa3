using System.Text;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// Errors in single characters, literals and the bytes of a file: malformed numbers, characters
/// that are not Python, undecodable bytes, unknown encodings and NUL bytes.
/// </summary>
public sealed class LexicalErrorTests
{
    /// <summary>Source, code, line, column, message: CPython 3.11 reports each at the same position.</summary>
    public static TheoryData<string, string, int, int, string> SameAsCPython => new()
    {
        { "x = 0777\n", "SWR2006", 1, 5, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers" },
        { "x = 0_7\n", "SWR2006", 1, 5, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers" },
        { "x = 1_000_\n", "SWR2006", 1, 10, "invalid decimal literal" },
        { "x = 1__0\n", "SWR2006", 1, 6, "invalid decimal literal" },
        { "x = 123abc\n", "SWR2006", 1, 7, "invalid decimal literal" },
        { "x = 1e+\n", "SWR2006", 1, 7, "invalid decimal literal" },
        { "x = 1.5_\n", "SWR2006", 1, 8, "invalid decimal literal" },
        { "x = 0x\n", "SWR2006", 1, 6, "invalid hexadecimal literal" },
        { "x = 0x_g\n", "SWR2006", 1, 7, "invalid hexadecimal literal" },
        { "x = 0xFFj\n", "SWR2006", 1, 8, "invalid hexadecimal literal" },
        { "x = 0o78\n", "SWR2006", 1, 8, "invalid digit '8' in octal literal" },
        { "x = 0o_8\n", "SWR2006", 1, 8, "invalid digit '8' in octal literal" },
        { "x = 0or 1\n", "SWR2006", 1, 6, "invalid octal literal" },
        { "x = 0b102\n", "SWR2006", 1, 9, "invalid digit '2' in binary literal" },
        { "x = 0b1a\n", "SWR2006", 1, 7, "invalid binary literal" },
        { "x = 1.5j2\n", "SWR2006", 1, 8, "invalid imaginary literal" },
        { "x = 1 € 2\n", "SWR2006", 1, 7, "invalid character '€' (U+20AC)" },
        { "x = 1٣\n", "SWR2006", 1, 6, "invalid character '٣' (U+0663)" },
        { "x =\u00a01\n", "SWR2006", 1, 4, "invalid non-printable character U+00A0" },
        { "x = 1\ny = \u200b2\n", "SWR2006", 2, 5, "invalid non-printable character U+200B" },
        { "x = $y\n", "SWR2001", 1, 5, "invalid syntax" },
        { "x = a ? b : c\n", "SWR2001", 1, 7, "invalid syntax" },
        { "x = 1é\n", "SWR2001", 1, 6, "invalid syntax" },
    };

    [Theory]
    [MemberData(nameof(SameAsCPython))]
    public void InvalidCharacterOrLiteralIsReportedWhereCPythonReportsIt(string source, string code, int line, int column, string message)
    {
        var error = ParseAssert.Rejects(source, code, line, column);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void CPythonReportsTheSamePositions()
    {
        var expected = SameAsCPython.Cast<object[]>().Select(row => ((string)row[0], (int)row[2], (int)row[3]));
        Assert.Empty(CPythonVerdicts.PositionsDifferingFrom(expected));
    }

    [Theory]
    [InlineData("x = 1if 1 else 2\n")]
    [InlineData("x = 0b1and 1\n")]
    [InlineData("x = 0in y\n")]
    [InlineData("x = [0x1for x in y]\n")]
    public void NumberRunningIntoAKeywordIsOnlyAWarningForCPython(string source) => ParseAssert.Accepts(source);

    // CPython reports the byte's column inside its token; we report the line.
    [Fact]
    public void InvalidUtf8IsAnEncodingErrorOnItsLine()
    {
        var bytes = Encoding.ASCII.GetBytes("x = 1\ny = '").Concat(new byte[] { 0xFF, (byte)'\'', (byte)'\n' }).ToArray();
        var error = ParseAssert.Rejects(bytes, "SWR2007", 2, 1);
        Assert.StartsWith("(unicode error) 'utf-8' codec can't decode byte 0xff", error.Message);
    }

    // A deliberate difference (docs/diagnostics.md, SWR2007): compile() and import accept invalid
    // UTF-8 inside a comment (3.11 and 3.12), `python file.py` rejects it ("Non-UTF-8 code starting
    // with '\xff' ... but no encoding declared"), and the bytes could not be reproduced losslessly.
    [Fact]
    public void InvalidUtf8InACommentIsStillAnEncodingError()
    {
        var bytes = Encoding.ASCII.GetBytes("x = 1  # caf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        var error = ParseAssert.Rejects(bytes, "SWR2007", 1, 1);
        Assert.StartsWith("(unicode error) 'utf-8' codec can't decode byte 0xe9", error.Message);
    }

    [Fact]
    public void TruncatedUtf8SequenceIsAnEncodingError()
    {
        var bytes = Encoding.ASCII.GetBytes("x = '").Concat(new byte[] { 0xC3, 0x28, (byte)'\'', (byte)'\n' }).ToArray();
        var error = ParseAssert.Rejects(bytes, "SWR2007", 1, 1);
        Assert.StartsWith("(unicode error) 'utf-8' codec can't decode byte 0xc3", error.Message);
    }

    // CPython gives no position for a bad cookie; ours names the cookie's line.
    [Theory]
    [InlineData("# -*- coding: klingon -*-\nx = 1\n", 1)]
    [InlineData("#!/usr/bin/env python\n# coding: klingon\nx = 1\n", 2)]
    public void UnknownCodingCookieIsAnEncodingError(string source, int line)
    {
        var error = ParseAssert.Rejects(Encoding.ASCII.GetBytes(source), "SWR2007", line, 1);
        Assert.Equal("unknown encoding: klingon", error.Message);
    }

    [Fact]
    public void CookieAfterAStatementLineIsIgnored()
    {
        ParseAssert.Accepts(Encoding.UTF8.GetBytes("x = 1\n# coding: klingon\ny = 'é'\n"));
    }

    [Fact]
    public void Latin1CookieTogetherWithAUtf8ByteOrderMarkIsAnEncodingError()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.ASCII.GetBytes("# coding: latin-1\nx = 1\n")).ToArray();
        var error = ParseAssert.Rejects(bytes, "SWR2007", 1, 1);
        // CPython names the normalised codec here ("iso-8859-1 with BOM").
        Assert.StartsWith("encoding problem: ", error.Message);
        Assert.EndsWith(" with BOM", error.Message);
    }

    // CPython gives no position for a NUL byte; ours names its line.
    [Fact]
    public void NulByteIsAnEncodingError()
    {
        var error = ParseAssert.Rejects(Encoding.ASCII.GetBytes("x = 1\ny = \u00002\n"), "SWR2007", 2, 1);
        Assert.Equal("source code cannot contain null bytes", error.Message);
    }

    [Fact]
    public void NulByteInsideAStringIsAnEncodingErrorToo() =>
        ParseAssert.Rejects(Encoding.ASCII.GetBytes("x = '\u0000'\n"), "SWR2007", 1, 1);
}
