using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// Escapes CPython cannot decode (SWR2006): truncated <c>\x</c>, <c>\u</c> and <c>\U</c>, code
/// points past U+10FFFF and malformed <c>\N{...}</c>, with CPython's message and position (the token
/// after the literals, where its parser decodes them), and the literals where they are not escapes.
/// </summary>
public sealed class StringEscapeTests
{
    /// <summary>Source, line, column, message: CPython 3.11 says the same as 3.12 for plain literals.</summary>
    public static TheoryData<string, int, int, string> SameAsCPython => new()
    {
        { "x = \"\\x4\"\n", 1, 10, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape" },
        { "x = '\\x4g'\n", 1, 11, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape" },
        { "x = \"\\u12\"\n", 1, 11, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape" },
        { "x = \"\\U1234\"\n", 1, 13, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-5: truncated \\UXXXXXXXX escape" },
        { "x = '\\U00110000'\n", 1, 17, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character" },
        { "x = b'\\x4'\n", 1, 11, "(value error) invalid \\x escape at position 0" },
        { "x = \"\\N\"\n", 1, 9, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape" },
        { "x = \"\\N{\"\n", 1, 10, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape" },
        { "x = \"\\N{}\"\n", 1, 11, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape" },
        { "x = \"\\N{a.b}\"\n", 1, 14, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name" },
        // adjacent literals are decoded together, after the token that follows them
        { "x = 'ab' '\\x4'\n", 1, 15, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape" },
        { "x = ('a\\x4'\n)\n", 2, 1, "(unicode error) 'unicodeescape' codec can't decode bytes in position 1-3: truncated \\xXX escape" },
        { "x = '''a\nb\\x4'''\n", 2, 8, "(unicode error) 'unicodeescape' codec can't decode bytes in position 3-5: truncated \\xXX escape" },
        // the parser decodes the literal before it meets the error after it
        { "x = '\\x4' +\n", 1, 11, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape" },
        { "x = '\\x4'\nf(**a, b)\n", 1, 10, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape" },
        { "x = '\\x4'\ny = $\n", 1, 10, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape" },
    };

    [Theory]
    [MemberData(nameof(SameAsCPython))]
    public void UndecodableEscapeIsReportedWhereCPythonReportsIt(string source, int line, int column, string message)
    {
        var error = ParseAssert.Rejects(source, "SWR2006", line, column);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void CPythonReportsTheSamePositions()
    {
        var expected = SameAsCPython.Cast<object[]>().Select(row => ((string)row[0], (int)row[1], (int)row[2]));
        Assert.Empty(CPythonVerdicts.PositionsDifferingFrom(expected));
    }

    // The message counts a non-ASCII character as its \UXXXXXXXX spelling in CPython's decoder
    // (CPython's column is the same, but compile() of UTF-8 bytes reports it in bytes).
    [Theory]
    [InlineData("x = 'é\\x4'\n", 11, "position 10-12")]
    [InlineData("x = '\\é\\x4'\n", 12, "position 16-18")]
    public void PositionsInTheMessageAreCPythonDecoderOffsets(string source, int column, string positions)
    {
        var error = ParseAssert.Rejects(source, "SWR2006", 1, column);
        Assert.Equal($"(unicode error) 'unicodeescape' codec can't decode bytes in {positions}: truncated \\xXX escape", error.Message);
    }

    // An error the parser meets before the literal comes first.
    [Theory]
    [InlineData("x = 1 +\ny = '\\x4'\n", "SWR2001", 1, 8)]
    [InlineData("f(**a, b)\nx = '\\x4'\n", "SWR2009", 1, 9)]
    [InlineData("x = '\\x4\n", "SWR2002", 1, 5)]
    public void AnEarlierErrorComesFirst(string source, string code, int line, int column) =>
        ParseAssert.Rejects(source, code, line, column);

    // CPython 3.12 decodes each text part of an f-string on its own and reports at that part
    // (3.11 parsed f-strings differently and reports elsewhere).
    [Theory]
    [InlineData("x = f'\\x4{y}'\n", 1, 7)]
    [InlineData("x = f'{y}\\x4'\n", 1, 10)]
    [InlineData("x = f'{y:\\x4}'\n", 1, 10)]
    public void UndecodableEscapeInAnFStringIsReportedAtItsText(string source, int line, int column) =>
        ParseAssert.Rejects(source, "SWR2006", line, column);

    public static TheoryData<string> NotEscapes => new()
    {
        "x = r'\\x4'\n",
        "x = rb'\\x4'\n",
        "x = rf'\\x4{y}'\n",
        "x = b'\\u12 \\U1 \\N{x}'\n",
        "x = '\\N{LATIN SMALL LETTER A}'\n",
        "x = '\\d \\q \\8'\n",
        "x = '\\x41\\u0041\\U00000041\\101'\n",
    };

    [Theory]
    [MemberData(nameof(NotEscapes))]
    public void RawLiteralsAndBytesOnlyEscapesAreAccepted(string source) => ParseAssert.Accepts(source);

    [Fact]
    public void CPythonAcceptsThem() =>
        Assert.Empty(CPythonVerdicts.Rejected(NotEscapes.Cast<object[]>().Select(row => (string)row[0])));

    // .NET has no table of Unicode character names: a well-formed name that does not exist is
    // accepted, unlike in CPython (docs/diagnostics.md, SWR2006).
    [Fact]
    public void AnUnknownButWellFormedNameIsAKnownGap() => ParseAssert.Accepts("x = '\\N{NOPE}'\n");
}
