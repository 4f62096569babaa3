using Antlr4.Runtime;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// The grammar's one left-recursive rule for comparisons, <c>not</c>, <c>and</c>, <c>or</c>, if-else and
/// <c>lambda</c> (<c>expression</c>): Python's precedences, a comparison chain as one node, and a plain
/// operand as one comparison node without operators.
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
    [InlineData("a if b else c", "(if a b c)")]
    [InlineData("a or b if c and d else e", "(if (or a b) (and c d) e)")]
    [InlineData("not a if b else c", "(if (not a) b c)")]
    [InlineData("a if b else c if d else e", "(if a b (if c d e))")]
    [InlineData("lambda: a or b if c else d", "(lambda (if (or a b) c d))")]
    [InlineData("a if b else lambda: c", "(if a b (lambda c))")]
    public void OperatorsNestAsInPython(string expression, string expected)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString("x = " + expression + "\n"));
        Assert.Empty(tree.Diagnostics);
        var value = ((PythonParser.Expression_stmtContext)tree.Root!.statement(0).simple_stmt(0)).assigned_value(0).star_expressions().Items().Single();
        Assert.Equal(expected, Show((PythonParser.ExpressionContext)value));
    }

    private static string Show(PythonParser.ExpressionContext node) => node switch
    {
        PythonParser.DisjunctionContext or_ => $"(or {Show(or_.expression(0))} {Show(or_.expression(1))})",
        PythonParser.ConjunctionContext and => $"(and {Show(and.expression(0))} {Show(and.expression(1))})",
        PythonParser.InversionContext not => $"(not {Show(not.expression())})",
        PythonParser.ConditionalContext choice => $"(if {Show(choice.expression(0))} {Show(choice.expression(1))} {Show(choice.expression(2))})",
        PythonParser.LambdefContext lambda => $"(lambda {Show(lambda.expression())})",
        PythonParser.ComparisonContext { ChildCount: 1 } plain => plain.GetText(),
        PythonParser.ComparisonContext comparison => "(" + string.Join(" ", comparison.children.Select(c => c.GetText())) + ")",
        _ => throw new ArgumentException(node.GetType().Name),
    };
}
