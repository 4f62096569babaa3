using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// The builder's pieces for code of the source that hooks keep: a call's arguments as written,
/// an argument moved into another call, code written around a node kept in place, the place a
/// replaced node stands in, and <c>pass</c>; and the hooks built from them convert as their doc
/// comments say.
/// </summary>
public sealed class SyntaxSourcePiecesTests
{
    private static (EditPlan Plan, SyntaxTree Tree) Plan(string source)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(source, "test.py"));
        Assert.True(tree.Root is not null, string.Join("\n", tree.Diagnostics));
        return (new EditPlan(tree.Tokens, "test.py"), tree);
    }

    private static PythonParser.CallExprContext Call(SyntaxTree tree, string function) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(tree.Root!).First(c => c.expr().GetText() == function);

    private static string Text(IEnumerable<TextPart> parts) => string.Concat(parts.Select(p => ((TextPart.Literal)p).Text));

    [Theory]
    [InlineData("y = f(\n    a,  # one\n    *b,\n)\n", "y = g([\n    a,  # one\n    *b,\n])\n")]
    [InlineData("y = f( a )\n", "y = g([ a ])\n")]
    [InlineData("y = f()\n", "y = g([])\n")]
    public void ArgumentsAsWrittenKeepTheirLayout(string source, string expected)
    {
        var (plan, tree) = Plan(source);
        var call = Call(tree, "f");
        plan.Replace(call, PyPrinter.Print(Py.CallOf(Py.Named("g"), new PyList([Py.ArgumentsAsWritten(call)]))));
        Assert.Empty(plan.Validate());
        Assert.Equal(expected, plan.Render());
    }

    [Theory]
    [InlineData("y = f(b for b in bs)\n", "y = list(b for b in bs)\n")]
    [InlineData("y = f(x := z)\n", "y = list(x := z)\n")]
    public void ASoleArgumentIsMovedAsWritten(string source, string expected)
    {
        var (plan, tree) = Plan(source);
        var call = Call(tree, "f");
        plan.Replace(call, PyPrinter.Print(Py.CallOf(Py.Named("list"), Py.SoleArgument(call.arguments().argument(0)))));
        Assert.Equal(expected, plan.Render());
    }

    [Fact]
    public void CodeAroundAKeptNodeIsSplitWhereTheNodeStands()
    {
        var (plan, tree) = Plan("y = h(x + 1, k)\n");
        var value = ArgumentValue(Call(tree, "h"), 0);
        var (before, after) = PyAround.Print(value, v => new PyAttribute(Py.CallOf(Py.Named("wrap"), v), "T"));
        Assert.Equal("wrap(", Text(before));
        Assert.Equal(").T", Text(after));
        (before, after) = PyAround.Print(value, v => new PyAttribute(v, "T"));
        Assert.Equal("(", Text(before));
        Assert.Equal(").T", Text(after));
        plan.InsertBefore(value, before);
        plan.InsertAfter(value, after);
        Assert.Equal("y = h((x + 1).T, k)\n", plan.Render());
        Assert.Throws<ArgumentException>(() => PyAround.Print(value, v => Py.CallOf(Py.Named("f"), v, v)));
        Assert.Throws<ArgumentException>(() => PyAround.Print(value, _ => Py.Named("f")));
    }

    private static Antlr4.Runtime.ParserRuleContext ArgumentValue(PythonParser.CallExprContext call, int index) =>
        ((PythonParser.PositionalArgumentContext)call.arguments().argument(index)).NamedExpression();

    [Theory]
    [InlineData("y = a if c else f()\n", PyPrecedence.Lambda)]
    [InlineData("y = f() if c else a\n", PyPrecedence.Or)]
    [InlineData("y = f().x\n", PyPrecedence.Primary)]
    [InlineData("y = f()(x)\n", PyPrecedence.Primary)]
    [InlineData("y = g(f(), k=1)\n", PyPrecedence.Any)]
    [InlineData("y = 2 * f()\n", PyPrecedence.Unary)]
    public void APlaceOfTheSourceSaysWhatItRequires(string source, int required)
    {
        var (_, tree) = Plan(source);
        Assert.Equal(required, TemplateSlots.Required(Call(tree, "f")));
    }

    [Fact]
    public void PassIsAStatement() => Assert.Equal("pass", Text(PyBlockPrinter.Print(new PyPass())));

    [Theory]
    [InlineData("nn.Sequential() if stride == 1 else nn.Sequential(nn.ReLU())", "(lambda x: x) if stride == 1 else nn.Sequential([nn.relu])")]
    [InlineData("nn.ModuleList([nn.ReLU()] + [nn.Tanh()])[0]", "([nn.relu] + [nn.tanh])[0]")]
    public void ReplacedCallsAreParenthesisedWhereTheyAreOperands(string torch, string expected)
    {
        var source = $"import torch.nn as nn\n\n\nclass M(nn.Module):\n    def __init__(self, stride):\n        super().__init__()\n        self.f = {torch}\n";
        var result = Converter.Convert(source);
        Assert.Contains($"        self.f = {expected}\n", result.Output!, StringComparison.Ordinal);
    }
}
