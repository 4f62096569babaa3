using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// The match statement (PEP 634) with every kind of pattern, and its soft keywords used as plain
/// names, which is what most existing code does with <c>match</c>, <c>case</c>, <c>type</c> and <c>_</c>.
/// </summary>
public sealed class MatchStatementTests
{
    public static TheoryData<string> Patterns => new()
    {
        // literal patterns, including signed and complex numbers and concatenated strings
        "match x:\n    case 1:\n        pass\n    case -1.5 | 2+3j | -1-1j | 'a' 'b' | b'x' | None | True | False:\n        pass\n",
        // capture and wildcard
        "match x:\n    case 0:\n        pass\n    case y:\n        pass\n",
        "match x:\n    case _:\n        pass\n",
        // value patterns (dotted names)
        "match x:\n    case Color.RED:\n        pass\n    case a.b.c:\n        pass\n",
        // class patterns: positional, keyword, both, empty
        "match p:\n    case Point(x=0, y=0):\n        pass\n    case Point(1, y=2):\n        pass\n    case a.B():\n        pass\n",
        // sequence patterns with star, in brackets, parentheses and bare
        "match x:\n    case [1, *rest]:\n        pass\n    case (a, *_, b):\n        pass\n    case a, *b:\n        pass\n    case [] | ():\n        pass\n",
        // mapping patterns with **rest, value keys and an empty mapping
        "match x:\n    case {'k': v, **rest}:\n        pass\n    case {1: _, a.b: [c], **r,}:\n        pass\n    case {}:\n        pass\n",
        // or-patterns and as
        "match x:\n    case 1 | 2 | 3 as n:\n        pass\n    case (Point(x=0) | Point(y=0)) as p:\n        pass\n",
        // guards, a walrus in a guard
        "match x:\n    case [a, b] if a > b:\n        pass\n    case {'k': v} if (w := v):\n        pass\n",
        // starred tuple subject, one-line case bodies, nested match
        "match a, *b:\n    case _: pass\n",
        "match x:\n    case 1:\n        match y:\n            case 2:\n                pass\n",
    };

    public static TheoryData<string> SoftKeywordsAsNames => new()
    {
        "match = 1\nmatch(x)\ncase = 2\ntype = 3\n_ = 4\nprint(match.group())\n",
        "match.x = 1\nmatch[0] = 2\nmatch * 2\nmatch -x\ncase, type = 1, 2\n",
        "def match(case, type=None, _=1): pass\nclass type: pass\nimport match as case\n",
        "match match:\n    case case:\n        pass\n",
        "match(x):\n    case type():\n        pass\n",
        "for match in case: pass\nprint(_, type(_), [match for match in case])\n",
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void EveryKindOfPatternParsesAndRoundTrips(string source)
    {
        var tree = ParseAssert.Accepts(source);
        Assert.NotNull(tree.Root!.statement(0).match_stmt());
    }

    [Theory]
    [MemberData(nameof(SoftKeywordsAsNames))]
    public void SoftKeywordsAreNamesOutsideTheirStatements(string source) => ParseAssert.Accepts(source);

    [Fact]
    public void MatchFollowedByAnOperatorIsAnExpressionStatement()
    {
        var tree = ParseAssert.Accepts("match -x\nmatch (x)\n");
        Assert.All(tree.Root!.statement(), statement => Assert.NotNull(statement.SimpleLine()));
    }

    [Fact]
    public void MatchWithColonAndBlockIsAMatchStatement()
    {
        var tree = ParseAssert.Accepts("match (x):\n    case 1:\n        pass\n");
        var match = tree.Root!.statement(0).match_stmt();
        Assert.Equal("(x)", tree.Text(match.subject_expr()));
        Assert.Single(match.case_block());
    }

    [Theory]
    [InlineData("match x:\n    case {**rest, 'k': v}:\n        pass\n", 2, 19)]
    [InlineData("match x:\n    case {**a, **b}:\n        pass\n", 2, 16)]
    [InlineData("match x:\n    case 1:\n        pass\n    y = 1\n", 4, 5)]
    public void MisplacedPatternsAndStatementsAreInvalidSyntax(string source, int line, int column) =>
        ParseAssert.Rejects(source, "SWR2001", line, column);

    // CPython adds "after 'match' statement on line 1".
    [Theory]
    [InlineData("match x:\npass\n")]
    [InlineData("match x:\ncase 1:\n    pass\n")]
    public void MatchStatementWithoutIndentedCasesWantsAnIndentedBlock(string source)
    {
        var error = ParseAssert.Rejects(source, "SWR2004", 2, 1);
        Assert.StartsWith("expected an indented block", error.Message);
    }

    [Fact]
    public void TokensOfSoftKeywordsKeepTheirOwnTypes()
    {
        var tree = ParseAssert.Accepts("match = case = type = _\n");
        Assert.Equal(
            new[] { "MATCH", "EQUAL", "CASE", "EQUAL", "TYPE", "EQUAL", "UNDERSCORE", "NEWLINE" },
            ParseAssert.SignificantTokens(tree));
        Assert.Equal(PythonLexer.MATCH, tree.Tokens[0].Type);
    }

    [Fact]
    public void CPythonAcceptsEverySnippet()
    {
        var all = Patterns.Column<string>().Concat(SoftKeywordsAsNames.Column<string>());
        Assert.Empty(CPythonVerdicts.Rejected(all));
    }
}
