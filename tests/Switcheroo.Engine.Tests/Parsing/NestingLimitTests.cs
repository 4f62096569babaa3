using System.Text;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// Nesting: everything CPython allows (200 brackets, 99 blocks, 149 f-strings, and combinations)
/// parses; one more is CPython's error; and pathological input, nested past any sane depth, is a
/// diagnostic, never a crash or a stack overflow.
/// </summary>
public sealed class NestingLimitTests
{
    [Theory]
    [InlineData(150)]
    [InlineData(200)]
    public void NestedParenthesesUpToTheLimitParse(int depth) =>
        ParseAssert.Accepts("x = " + new string('(', depth) + "1" + new string(')', depth) + "\n");

    [Fact]
    public void MixedBracketsUpToTheLimitParse() =>
        ParseAssert.Accepts("x = " + Repeat("[{1: (", 66) + "[1]" + Repeat(")}]", 66) + "\n");

    [Fact]
    public void NestedCallsUpToTheLimitParse() =>
        ParseAssert.Accepts("x = " + Repeat("f(a, ", 200) + "1" + new string(')', 200) + "\n");

    [Theory]
    [InlineData(90)]
    [InlineData(99)]
    public void NestedBlocksUpToTheLimitParse(int depth) => ParseAssert.Accepts(NestedIfs(depth, "pass"));

    // CPython 3.11 runs out of parser memory at 200 here ("MemoryError"); we have room to spare.
    [Theory]
    [InlineData(190)]
    [InlineData(200)]
    public void DeepBracketsInsideTheDeepestBlocksParse(int depth) =>
        ParseAssert.Accepts(NestedIfs(99, "x = " + new string('(', depth) + "1" + new string(')', depth)));

    [Fact]
    public void NestedFStringsUpToTheLimitParse() =>
        ParseAssert.Accepts("x = " + Repeat("f'{", 149) + "1" + Repeat("}'", 149) + "\n");

    [Fact]
    public void CPythonAcceptsTheDeepNestingWeAccept()
    {
        var deep = new[]
        {
            "x = " + new string('(', 200) + "1" + new string(')', 200) + "\n",
            "x = " + Repeat("[{1: (", 66) + "[1]" + Repeat(")}]", 66) + "\n",
            "x = " + Repeat("f(a, ", 200) + "1" + new string(')', 200) + "\n",
            NestedIfs(99, "pass"),
            NestedIfs(99, "x = " + new string('(', 190) + "1" + new string(')', 190)),
        };
        Assert.Empty(CPythonVerdicts.Rejected(deep));
    }

    [Fact]
    public void TwoHundredAndOneNestedParenthesesAreTooMany()
    {
        var error = ParseAssert.Rejects("x = " + new string('(', 201) + new string(')', 201) + "\n", "SWR2003", 1, 205);
        Assert.Equal("too many nested parentheses", error.Message);
    }

    // CPython reports this at column 1; ours at the first token of the line.
    [Fact]
    public void AHundredNestedBlocksAreTooManyLevelsOfIndentation()
    {
        var error = ParseAssert.Rejects(NestedIfs(100, "pass"), "SWR2004", 101, 101);
        Assert.Equal("too many levels of indentation", error.Message);
    }

    public static TheoryData<string, string> Pathological => new()
    {
        { "unary minus", "x = " + new string('-', 100_000) + "1\n" },
        { "not", "x = " + Repeat("not ", 100_000) + "1\n" },
        { "lambda", "x = " + Repeat("lambda: ", 50_000) + "1\n" },
        { "conditional", "x = " + Repeat("a if b else ", 20_000) + "c\n" },
        { "power", "x = " + Repeat("2**", 20_000) + "2\n" },
        { "await", "async def f():\n    return " + Repeat("await ", 20_000) + "x\n" },
        { "f-strings", "x = " + Repeat("f'{", 100_000) + "1" + Repeat("}'", 100_000) + "\n" },
        { "brackets", "x = " + new string('[', 100_000) + new string(']', 100_000) + "\n" },
        { "blocks", NestedIfs(1_000, "pass") },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void PathologicalNestingIsADiagnosticNotACrash(string kind, string source)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(source));
        var error = Assert.Single(tree.Diagnostics);
        Assert.Null(tree.Root);
        Assert.True(error.Code.StartsWith("SWR2", StringComparison.Ordinal) && error.Line >= 1 && error.Column >= 1,
            $"{kind}: expected a positioned SWR2xxx error, got {error}");
    }

    [Fact]
    public void OneHundredAndFiftyNestedFStringsAreTooMany()
    {
        var source = "x = " + Repeat("f'{", 150) + "1" + Repeat("}'", 150) + "\n";
        var error = ParseAssert.Rejects(source, "SWR2003", 1, 4 + (149 * 3) + 2);
        Assert.Equal("too many nested f-strings", error.Message);
    }

    [Fact]
    public void TooDeepExpressionIsReportedAsTooDeeplyNested()
    {
        var tree = PythonSyntax.Parse(SourceText.FromString("x = " + new string('-', 100_000) + "1\n"));
        var error = Assert.Single(tree.Diagnostics);
        Assert.Equal("SWR2008", error.Code);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void LongButFlatExpressionsParse()
    {
        // a + a + ... nests one BinOp per '+' in CPython's tree (its compiler limit is below), and/or do not
        ParseAssert.Accepts("x = " + Repeat("a + ", 2_000) + "a\n");
        ParseAssert.Accepts("x = " + Repeat("a and ", 5_000) + "a\n");
        ParseAssert.Accepts("x = " + Repeat("a or ", 5_000) + "a\n");
        ParseAssert.Accepts("x = " + Repeat("a and b or ", 2_000) + "a\n");
        ParseAssert.Accepts("x = (" + Repeat("'s' ", 5_000) + ")\n");
        ParseAssert.Accepts("x = a" + Repeat(".b", 1_400) + Repeat("()", 1_400) + "\n");
    }

    /// <summary>
    /// Chains CPython's compiler recurses into, one level per link: CPython 3.12 compiles 2,992
    /// links after <c>x = a</c> (2,994 levels with the assignment and the name) and fails on one
    /// more with a RecursionError. CPython 3.11 stops 3 links earlier from a top-level script, and
    /// both stop earlier when compile() is called from deeper in the stack; 3.12 from a module wins.
    /// </summary>
    public static TheoryData<string, string> Chains => new()
    {
        { "attributes", "x = a" + Repeat(".b", Links) + "\n" },
        { "calls", "x = a" + Repeat("()", Links) + "\n" },
        { "subscripts", "x = a" + Repeat("[0]", Links) + "\n" },
        { "additions", "x = a" + Repeat("+1", Links) + "\n" },
        { "elifs", "if x:\n pass\n" + Repeat("elif x:\n pass\n", Links) },
        { "nots", "x = " + Repeat("not ", Links) + "a\n" },
        { "minuses", "x = " + new string('-', Links) + "a\n" },
        { "attributes then calls", "x = a" + Repeat(".b", Links / 2) + Repeat("()", Links / 2) + "\n" },
    };

    private const int Links = 2_992;

    [Theory]
    [MemberData(nameof(Chains))]
    public void ChainsUpToCPythonsCompilerLimitParse(string kind, string source)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(source));
        Assert.True(tree.Diagnostics.Count == 0, $"{kind}: {string.Join("; ", tree.Diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void OneLinkMoreIsTooDeepForCPythonsCompiler(string kind, string source)
    {
        var longer = kind switch
        {
            "elifs" => source + "elif x:\n pass\n",
            "nots" => "x = not " + source[4..],
            "minuses" => "x = -" + source[4..],
            "attributes then calls" => source.Replace("()", "().b", StringComparison.Ordinal)[..^1] + "\n",
            _ => source.Insert(5, source.Substring(5, kind == "subscripts" ? 3 : 2)),
        };
        var error = Assert.Single(PythonSyntax.Parse(SourceText.FromString(longer)).Diagnostics);
        Assert.Equal(("SWR2008", "maximum recursion depth exceeded during compilation"), (error.Code, error.Message));
    }

    // 3.11 agrees on the shape of the limit: a few links fewer compile, many more do not.
    [Fact]
    public void CPythonCompilesShorterChainsAndRejectsLongerOnes()
    {
        var shorter = new[] { "x = a" + Repeat(".b", 2_900) + "\n", "x = " + Repeat("not ", 2_900) + "a\n" };
        var longer = new[] { "x = a" + Repeat(".b", 3_100) + "\n", "if x:\n pass\n" + Repeat("elif x:\n pass\n", 3_100) };
        Assert.Empty(CPythonVerdicts.Rejected(shorter));
        Assert.Equal(2, CPythonVerdicts.Rejected(longer).Count);
    }

    private static string NestedIfs(int depth, string innermost)
    {
        var builder = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            builder.Append(' ', i).Append("if x:\n");
        }
        return builder.Append(' ', depth).Append(innermost).Append('\n').ToString();
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
