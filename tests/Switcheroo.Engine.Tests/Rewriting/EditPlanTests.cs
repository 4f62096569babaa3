using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// The edit plan over the token stream: replace, insert and remove render exactly and touch
/// nothing else; a replacement embedding a node keeps that node's own edits; insertions at one
/// token are ordered by node size; overlaps are found by <see cref="EditPlan.Validate"/> (SWR4001).
/// </summary>
public sealed class EditPlanTests
{
    [Fact]
    public void EmptyPlanRendersTheFileByteIdentical()
    {
        const string source = "# -*- coding: utf-8 -*-\r\nx = f'{a!r:>{w}}'  # c\r\nif x: \\\r\n\ty = [1,\r\n  2]\r\nz = 'no newline at end'";
        var (plan, _) = Plan(source);
        Assert.True(plan.IsEmpty);
        Assert.Empty(plan.Validate());
        Assert.Equal(source, plan.Render());
    }

    [Fact]
    public void ReplaceRendersExactlyAndNothingElseChanges()
    {
        const string source = "# head\r\ny = foo( a ,\tb )  # tail\r\n\r\nz = foo\r\n";
        var (plan, tree) = Plan(source);
        plan.Replace(Expr(tree, "foo"), "bar.baz");
        Assert.Equal("# head\r\ny = bar.baz( a ,\tb )  # tail\r\n\r\nz = foo\r\n", plan.Render());
    }

    [Fact]
    public void ReplaceByTokenRange()
    {
        var (plan, tree) = Plan("y = a + b * c\n");
        plan.Replace(Token(tree, "a").TokenIndex, Token(tree, "b").TokenIndex, "(a + b)");
        Assert.Equal("y = (a + b) * c\n", plan.Render());
    }

    [Fact]
    public void InsertBeforeAndAfterANode()
    {
        var (plan, tree) = Plan("y = f(a, b)\n");
        plan.InsertBefore(Expr(tree, "a"), "(");
        plan.InsertAfter(Expr(tree, "a"), " + 1)");
        plan.InsertAfter(Token(tree, "("), "*");
        Assert.Equal("y = f(*(a + 1), b)\n", plan.Render());
    }

    [Fact]
    public void DiscardLeavesTheSurroundingText()
    {
        var (plan, tree) = Plan("y = f(a, b)  # keep\n");
        plan.Discard(Expr(tree, "b"));
        Assert.Equal("y = f(a, )  # keep\n", plan.Render());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OuterReplacementEmbeddingAnInnerNodeKeepsItsEdits(bool outerFirst)
    {
        var (plan, tree) = Plan("y = f(g(x), 2)\n");
        var call = Expr(tree, "f(g(x),2)");
        var inner = Expr(tree, "g(x)");
        void PlanOuter() => plan.Replace(call, "h(", TextPart.Of(inner), ", axis=2)");
        void PlanInner()
        {
            plan.Replace(Expr(tree, "x"), "x2");
            plan.InsertBefore(inner, "jnp.");
        }
        if (outerFirst)
        {
            PlanOuter();
            PlanInner();
        }
        else
        {
            PlanInner();
            PlanOuter();
        }
        Assert.Empty(plan.Validate());
        Assert.Equal("y = h(jnp.g(x2), axis=2)\n", plan.Render());
    }

    [Fact]
    public void ReplacementsOfTheSameNodeNestByOrder()
    {
        var (plan, tree) = Plan("y = x\n");
        var x = Expr(tree, "x");
        plan.Replace(x, "a(x)");
        plan.Replace(x, "b(", TextPart.Of(x), ")");
        Assert.Empty(plan.Validate());
        Assert.Equal("y = b(a(x))\n", plan.Render());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void InsertBeforeAtOneTokenPutsTheOuterNodeFirst(bool outerFirst)
    {
        var (plan, tree) = Plan("y = f(x)\n");
        var outer = Expr(tree, "f(x)");
        var inner = Expr(tree, "f");
        var edits = new Action[] { () => plan.InsertBefore(outer, "O"), () => plan.InsertBefore(inner, "I") };
        foreach (var edit in outerFirst ? edits : edits.Reverse())
        {
            edit();
        }
        Assert.Equal("y = OIf(x)\n", plan.Render());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void InsertAfterAtOneTokenPutsTheInnerNodeFirst(bool outerFirst)
    {
        var (plan, tree) = Plan("y = a.b\n");
        var outer = Expr(tree, "a.b");
        var inner = ParseTrees.Descendants<PythonParser.NameContext>(tree.Root!).Single(n => n.GetText() == "b");
        var edits = new Action[] { () => plan.InsertAfter(outer, "O"), () => plan.InsertAfter(inner, "I") };
        foreach (var edit in outerFirst ? edits : edits.Reverse())
        {
            edit();
        }
        Assert.Equal("y = a.bIO\n", plan.Render());
    }

    [Fact]
    public void InsertionsOfOneNodeKeepTheirOrder()
    {
        var (plan, tree) = Plan("y = x\n");
        plan.InsertBefore(Expr(tree, "x"), "1");
        plan.InsertBefore(Expr(tree, "x"), "2");
        plan.InsertAfter(Expr(tree, "x"), "3");
        plan.InsertAfter(Expr(tree, "x"), "4");
        Assert.Equal("y = 12x34\n", plan.Render());
    }

    [Fact]
    public void PartialOverlapIsOneConflict()
    {
        var (plan, tree) = Plan("y = a + b\n");
        plan.Replace(Token(tree, "a").TokenIndex, Token(tree, "+").TokenIndex, "c -");
        plan.Replace(Token(tree, "+").TokenIndex, Token(tree, "b").TokenIndex, "- d");
        AssertOneConflict(plan, "two replacements overlap");
    }

    [Fact]
    public void EditInsideAReplacementThatDoesNotEmbedItIsAConflict()
    {
        var (plan, tree) = Plan("y = f(x)\n");
        plan.Replace(Expr(tree, "x"), "x2");
        plan.Replace(Expr(tree, "f(x)"), "g()");
        AssertOneConflict(plan, "two replacements overlap");
    }

    [Fact]
    public void InsertionInsideAReplacementThatDoesNotEmbedItIsAConflict()
    {
        var (plan, tree) = Plan("y = f(x)\n");
        plan.InsertAfter(Expr(tree, "x"), ", 1");
        plan.Replace(Expr(tree, "f(x)"), "g()");
        AssertOneConflict(plan, "an insertion inside a replaced node");
    }

    [Fact]
    public void InsertionsAtTheEdgesOfAReplacementAreNotConflicts()
    {
        var (plan, tree) = Plan("y = f(x)\n");
        plan.Replace(Expr(tree, "f(x)"), "g()");
        plan.InsertBefore(Expr(tree, "f(x)"), "[");
        plan.InsertAfter(Expr(tree, "f(x)"), "]");
        Assert.Empty(plan.Validate());
        Assert.Equal("y = [g()]\n", plan.Render());
    }

    [Fact]
    public void ConflictsComeInTheOrderTheEditsWerePlanned()
    {
        // Planned out of source order: the later line's conflict first, then the earlier line's.
        var (plan, tree) = Plan("y = f(x)\nz = a + b\n");
        plan.Replace(Token(tree, "a").TokenIndex, Token(tree, "+").TokenIndex, "c -");
        plan.Replace(Expr(tree, "x"), "x2");
        plan.Replace(Token(tree, "+").TokenIndex, Token(tree, "b").TokenIndex, "- d");
        plan.Replace(Expr(tree, "f(x)"), "g()");
        Assert.Equal([2, 1], plan.Validate().Select(d => d.Line));
    }

    [Fact]
    public void DiscardedCodeIsDroppedUnlessMovedItself()
    {
        var (plan, tree) = Plan("y = f(a, b)\nz = g(c)\n");
        var call = Expr(tree, "f(a,b)");
        // b is dropped from f(a, b); the call is then also written whole elsewhere, and b is gone there too
        plan.Discard(Token(tree, ",").TokenIndex, Token(tree, "b").TokenIndex);
        plan.InsertBefore(Token(tree, "z"), "w = ", new TextPart.Source(call.Start.TokenIndex, call.Stop.TokenIndex), "\n");
        // g(c) goes, and c is written in its place: moved, not dropped
        plan.Discard(Expr(tree, "g(c)").Start.TokenIndex, Expr(tree, "g(c)").Stop.TokenIndex,
            "k(", new TextPart.Source(Token(tree, "c").TokenIndex, Token(tree, "c").TokenIndex), ")");
        Assert.Equal("y = f(a)\nw = f(a)\nz = k(c)\n", plan.Render());
        Assert.True(plan.IsDropped(Token(tree, "b").TokenIndex));
        Assert.True(plan.IsDropped(Token(tree, "g").TokenIndex));
        Assert.False(plan.IsDropped(Token(tree, "a").TokenIndex));
        Assert.False(plan.IsDropped(Token(tree, "c").TokenIndex));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnExpressionReplacedLooserIsParenthesisedWhereItIsEmbeddedTighter(bool innerFirst)
    {
        // f(g(a, b), c) → a + b as g's replacement, f's written as {0} * c: either may be planned first.
        var (plan, tree) = Plan("y = f(g(a, b), c)\n");
        var inner = Expr(tree, "g(a,b)");
        void Inner() => plan.ReplaceExpression(inner, Switcheroo.Engine.Rewriting.Syntax.PyPrecedence.Sum, TextPart.Of(Expr(tree, "a")), " + ", TextPart.Of(Expr(tree, "b")));
        void Outer() => plan.Replace(Expr(tree, "f(g(a,b),c)"),
            new TextPart.Source(inner.Start.TokenIndex, inner.Stop.TokenIndex) { Required = Switcheroo.Engine.Rewriting.Syntax.PyPrecedence.Product }, " * c");
        if (innerFirst)
        {
            Inner();
            Outer();
        }
        else
        {
            Outer();
            Inner();
        }
        Assert.Empty(plan.Validate());
        Assert.Equal("y = (a + b) * c\n", plan.Render());
    }

    [Fact]
    public void AnExpressionReplacedLooserIsBareWhereItsPlaceTakesAnything()
    {
        var (plan, tree) = Plan("y = f(g(a, b))\n");
        var inner = Expr(tree, "g(a,b)");
        plan.ReplaceExpression(inner, Switcheroo.Engine.Rewriting.Syntax.PyPrecedence.Sum, TextPart.Of(Expr(tree, "a")), " + ", TextPart.Of(Expr(tree, "b")));
        plan.Replace(Expr(tree, "f(g(a,b))"), "h(", TextPart.Of(inner), ")");
        Assert.Equal("y = h(a + b)\n", plan.Render());
    }

    private static void AssertOneConflict(EditPlan plan, string what)
    {
        var conflict = Assert.Single(plan.Validate());
        Assert.Equal((DiagnosticCodes.EditConflict.Code, Severity.Error, "test.py", 1), (conflict.Code, conflict.Severity, conflict.File, conflict.Line));
        Assert.Equal($"internal: overlapping edits ({what}); the file is not written", conflict.Message);
    }

    private static (EditPlan Plan, SyntaxTree Tree) Plan(string source)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(source, "test.py"));
        Assert.True(tree.Root is not null, string.Join("\n", tree.Diagnostics));
        return (new EditPlan(tree.Tokens, "test.py"), tree);
    }

    /// <summary>The outermost expression whose tokens (without spacing) read <paramref name="text"/>.</summary>
    private static PythonParser.ExprContext Expr(SyntaxTree tree, string text) =>
        ParseTrees.Descendants<PythonParser.ExprContext>(tree.Root!).First(e => e.GetText() == text);

    private static IToken Token(SyntaxTree tree, string text) => tree.Tokens.First(t => t.Text == text);
}
