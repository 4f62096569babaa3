using Switcheroo.Engine.Rewriting;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// Displays, lambdas and statements of the syntax builder: written so they parse, at the block's
/// indentation, and hooks that build their code from them convert as their doc comments say.
/// </summary>
public sealed class SyntaxStatementTests
{
    private static string Text(IEnumerable<TextPart> parts) => string.Concat(parts.Select(p => ((TextPart.Literal)p).Text));

    private static string Text(Py node) => Text(PyPrinter.Print(node));

    private static Py N(string name) => Py.Named(name);

    [Fact]
    public void DisplaysAndLambdasAreWrittenWithTheirPrecedence()
    {
        Assert.Equal("[\"batch_stats\"]", Text(new PyList([PyLiteral.String("batch_stats")])));
        Assert.Equal("{}", Text(new PyDict([])));
        Assert.Equal("{\"params\": params, \"dropout\": key}",
            Text(new PyDict([new PyDictEntry(PyLiteral.String("params"), N("params")), new PyDictEntry(PyLiteral.String("dropout"), N("key"))])));
        Assert.Equal("{(a if c else b): 1}", Text(new PyDict([new PyDictEntry(new PySource([(TextPart)"a if c else b"], PyPrecedence.Conditional), PyLiteral.Int(1))])));
        Assert.Equal("\"a\\\"b\\\\c\"", PyLiteral.String("a\"b\\c").Text);
        var lambda = new PyLambda(["key"], Py.CallOf(N("jnp.ones"), Py.TupleOf([N("d")])));
        Assert.Equal("self.param(\"scale\", lambda key: jnp.ones((d,)))", Text(Py.CallOf(N("self.param"), PyLiteral.String("scale"), lambda)));
        Assert.Equal("(lambda: x)()", Text(Py.CallOf(new PyLambda([], N("x")))));
        Assert.Equal("lambda: (y := 1)", Text(new PyLambda([], new PySource([(TextPart)"y := 1"], PyPrecedence.Walrus))));
        Assert.Equal("a + (lambda: b)", Text(new PyBinary(N("a"), "+", new PyLambda([], N("b")))));
    }

    [Fact]
    public void AnnotatedAssignmentsAreWrittenWithAndWithoutTheirValue()
    {
        var fields = new List<PyStatement>
        {
            new PyAnnotatedAssign(N("features"), N("int"), null),
            new PyAnnotatedAssign(N("sizes"), N("typing.Any"), Py.TupleOf([PyLiteral.Int(64), PyLiteral.Int(32)])),
            new PyAnnotatedAssign(N("train"), N("bool"), PyLiteral.Bool(true)),
            new PyBlankLine(),
        };
        Assert.Equal("features: int\n    sizes: typing.Any = (64, 32)\n    train: bool = True\n",
            Text(PyBlockPrinter.Print(fields, "    ", "    ", "\n")));
    }

    [Fact]
    public void StatementsAreWrittenAtTheBlocksIndentation()
    {
        var body = new List<PyStatement>
        {
            new PyCommentLine("# the loss"),
            new PyIf(new PyBinary(N("params"), "is", new PyLiteral("None")), [PyAssign.Of(N("params"), N("init"))]) { Comment = "# first batch" },
            new PyAssign([Py.TupleOf([N("loss"), Py.TupleOf([N("stats")])]), N("grads")], [Py.CallOf(N("f"), N("params"))]),
            new PyReturn([N("params"), N("loss")]),
        };
        var definition = new List<PyStatement>
        {
            new PyDef([new PyCall(N("functools.partial"), [N("jax.jit")], [new PyKeyword("static_argnums", PyLiteral.Int(0))])], "step", ["model", "params"], body),
            new PyBlankLine(),
            PyAssign.Of(N("params"), new PyLiteral("None")) with { Comment = "# later" },
        };
        Assert.Equal(
            "@functools.partial(jax.jit, static_argnums=0)\n  def step(model, params):\n    # the loss\n    if params is None:  # first batch\n      params = init\n"
            + "    (loss, (stats,)), grads = f(params)\n    return params, loss\n\n  params = None  # later",
            Text(PyBlockPrinter.Print(definition, "  ", "  ", "\n")));
    }

    [Fact]
    public void SimpleStatementsAreOneLine()
    {
        Assert.Equal("key, a, b = jax.random.split(key, 3)",
            Text(PyBlockPrinter.Print(new PyAssign([N("key"), N("a"), N("b")], [Py.CallOf(N("jax.random.split"), N("key"), PyLiteral.Int(3))]))));
        Assert.Equal("x = (y := 1)", Text(PyBlockPrinter.Print(PyAssign.Of(N("x"), new PySource([(TextPart)"y := 1"], PyPrecedence.Walrus)))));
        Assert.Equal("return", Text(PyBlockPrinter.Print(new PyReturn([]))));
        Assert.Equal("return (a, b)", Text(PyBlockPrinter.Print(new PyReturn([Py.TupleOf([N("a"), N("b")])]))));
        Assert.Throws<ArgumentException>(() => PyBlockPrinter.Print(new PyIf(N("c"), [])));
        var with = new PyWith([(Py.CallOf(N("open"), N("path")), "f"), (N("lock"), null)], [new PyExpressionStatement(Py.CallOf(N("g"), N("f")))]);
        Assert.Equal("with open(path) as f, lock:\n    g(f)", Text(PyBlockPrinter.Print([with], "", "    ", "\n")));
        var loop = new PyFor("layer", new PyAttribute(N("self"), "layers"), [PyAssign.Of(N("x"), Py.CallOf(N("layer"), N("x")))]);
        Assert.Equal("for layer in self.layers:\n    x = layer(x)", Text(PyBlockPrinter.Print([loop], "", "    ", "\n")));
        Assert.Throws<ArgumentException>(() => PyBlockPrinter.Print(loop));
    }

    [Fact]
    public void SourceStatementsKeepTheirParts()
    {
        var source = new TextPart.Source(3, 7);
        var parts = PyBlockPrinter.Print([new PySourceStatement([source]), new PyExpressionStatement(Py.CallOf(N("f")))], "    ", "    ", "\n");
        Assert.Equal(source, parts[0]);
        Assert.Equal("\n    f()", string.Concat(parts.Skip(1).Select(p => ((TextPart.Literal)p).Text)));
    }

    [Theory]
    [InlineData("    w[0] -= g + h\n", "    w = w.at[0].add(-(g + h))\n")]
    [InlineData("    w[0] -= g\n", "    w = w.at[0].add(-g)\n")]
    [InlineData("    w[0] -= h[1]\n", "    w = w.at[0].add(-h[1])\n")]
    [InlineData("    w[0:2] = g, h\n", "    w = w.at[0:2].set((g, h))\n")]
    [InlineData("    w[:, 1] *= g\n", "    w = w.at[:, 1].multiply(g)\n")]
    public void ItemAssignmentsAreBuiltAsSyntax(string statement, string expected)
    {
        var source = "import torch\n\n\ndef f(g, h):\n    w = torch.zeros(3)\n" + statement + "    return w\n";
        var result = Converter.Convert(source);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(expected, result.Output!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.view(2,-1)", "jnp.reshape(x, (2, -1))")]
    [InlineData("x.view(-1)", "jnp.reshape(x, (-1,))")]
    [InlineData("x.view(s)", "jnp.reshape(x, s)")]
    [InlineData("(x + 1).view(x.size(0), -1)", "jnp.reshape((x + 1), (x.shape[0], -1))")]
    [InlineData("x.permute(0, 2, 1)", "jnp.transpose(x, (0, 2, 1))")]
    [InlineData("torch.zeros(2, 3, device=d)", "jnp.zeros((2, 3))")]
    [InlineData("torch.zeros(n, dtype=torch.float32)", "jnp.zeros(n, dtype=jnp.float32)")]
    public void VarargsShapesAreBuiltAsOneCall(string torchCall, string expected)
    {
        var source = $"import torch\n\n\ndef f(x: torch.Tensor, s, d, n):\n    return {torchCall}\n";
        var result = Converter.Convert(source);
        Assert.Empty(result.Diagnostics);
        Assert.Contains($"    return {expected}\n", result.Output!, StringComparison.Ordinal);
    }
}
