using Antlr4.Runtime;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// The grammar's one left-recursive rule for <c>or</c>, <c>and</c>, <c>not</c> and comparisons
/// (<c>test</c>): Python's precedences, a comparison chain as one node, and a plain operand as one
/// comparison node without operators.
/// </summary>
public sealed class BooleanPrecedenceTests
{
    [Theory]
    // (or (and (not (cmp a == b)) c) d): not binds looser than ==, and tighter than or
    [InlineData("not a == b and c or d", "(or (and (not (a == b)) c) d)")]
    [InlineData("a or b and c", "(or a (and b c))")]
    [InlineData("a and b or c and d", "(or (and a b) (and c d))")]
    [InlineData("a and b and c", "(and (and a b) c)")]
    [InlineData("a or b or c", "(or (or a b) c)")]
    [InlineData("not not a", "(not (not a))")]
    [InlineData("a and not b", "(and a (not b))")]
    [InlineData("a < b < c", "(a < b < c)")]
    [InlineData("a not in b is not c", "(a notin b isnot c)")]
    [InlineData("not a in b", "(not (a in b))")]
    [InlineData("a | b < c & d", "(a|b < c&d)")]
    [InlineData("a", "a")]
    public void OperatorsNestAsInPython(string expression, string expected)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString("x = " + expression + "\n"));
        Assert.Empty(tree.Diagnostics);
        var test = ParseTrees.Descendants<PythonParser.ExpressionContext>(tree.Root!).Last().test(0);
        Assert.Equal(expected, Show(test));
    }

    private static string Show(PythonParser.TestContext node) => node switch
    {
        PythonParser.DisjunctionContext or_ => $"(or {Show(or_.test(0))} {Show(or_.test(1))})",
        PythonParser.ConjunctionContext and => $"(and {Show(and.test(0))} {Show(and.test(1))})",
        PythonParser.InversionContext not => $"(not {Show(not.test())})",
        PythonParser.ComparisonContext { ChildCount: 1 } plain => plain.GetText(),
        PythonParser.ComparisonContext comparison => "(" + string.Join(" ", comparison.children.Select(c => c.GetText())) + ")",
        _ => throw new ArgumentException(node.GetType().Name),
    };
}
