using System.Text.RegularExpressions;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// The syntax builder writes parentheses exactly where precedence needs them, and template
/// expansion puts each value where its placeholder stands in the template's tree.
/// </summary>
public sealed class SyntaxBuilderTests
{
    private static string Text(Py node) => string.Concat(PyPrinter.Print(node).Select(p => ((TextPart.Literal)p).Text));

    private static Py N(string name) => Py.Named(name);

    [Fact]
    public void PrinterParenthesisesByPrecedence()
    {
        var sum = new PyBinary(N("k"), "-", PyLiteral.Int(1));
        Assert.Equal("(k - 1) * d", Text(new PyBinary(sum, "*", N("d"))));
        Assert.Equal("d * (k - 1)", Text(new PyBinary(N("d"), "*", sum)));
        Assert.Equal("a - (b - c)", Text(new PyBinary(N("a"), "-", new PyBinary(N("b"), "-", N("c")))));
        Assert.Equal("a - b - c", Text(new PyBinary(new PyBinary(N("a"), "-", N("b")), "-", N("c"))));
        Assert.Equal("(-1) ** n", Text(new PyBinary(PyLiteral.Int(-1), "**", N("n"))));
        Assert.Equal("2 ** -n", Text(new PyBinary(PyLiteral.Int(2), "**", new PyUnary("-", N("n")))));
        Assert.Equal("(a + b).shape", Text(new PyAttribute(new PyBinary(N("a"), "+", N("b")), "shape")));
        Assert.Equal("(3).bit_length()", Text(Py.CallOf(new PyAttribute(PyLiteral.Int(3), "bit_length"))));
        Assert.Equal("not (a or b)", Text(new PyUnary("not", new PyBinary(N("a"), "or", N("b")))));
        Assert.Equal("(a < b) == c", Text(new PyBinary(new PyBinary(N("a"), "<", N("b")), "==", N("c"))));
    }

    [Fact]
    public void TuplesAndCallsAreWrittenWhole()
    {
        Assert.Equal("(k,)", Text(Py.TupleOf([N("k")])));
        Assert.Equal("()", Text(Py.TupleOf([])));
        Assert.Equal("((k, k), (0, 0))", Text(Py.TupleOf([Py.TupleOf([N("k"), N("k")]), Py.TupleOf([PyLiteral.Int(0), PyLiteral.Int(0)])])));
        var call = new PyCall(N("jnp.reshape"), [N("x"), Py.TupleOf([new PySubscript(new PyAttribute(N("x"), "shape"), PyLiteral.Int(0)), PyLiteral.Int(-1)])],
            [new PyKeyword("order", new PyLiteral("'C'"))]);
        Assert.Equal("jnp.reshape(x, (x.shape[0], -1), order='C')", Text(call));
        Assert.Equal("f(a if c else b)", Text(Py.CallOf(N("f"), new PySource([(TextPart)"a if c else b"], PyPrecedence.Conditional))));
        Assert.Equal("f((y := 1))", Text(Py.CallOf(N("f"), new PySource([(TextPart)"y := 1"], PyPrecedence.Walrus))));
    }

    [Theory]
    [InlineData("torch.flatten(x, 1)", "jnp.reshape(x, x.shape[:1] + (-1,))")]
    [InlineData("torch.flatten(self_x.y, 1)", "jnp.reshape(self_x.y, self_x.y.shape[:1] + (-1,))")]
    [InlineData("torch.flatten(x + y, 1)", "switcheroo_runtime.flatten(x + y, 1)")]
    [InlineData("torch.flatten(f(x))", "switcheroo_runtime.flatten(f(x), 0)")]
    [InlineData("F.max_pool2d(x, (k), padding=(k - 1) * (d))",
        "jnp.moveaxis(nn.max_pool(jnp.moveaxis(x, 1, -1), switcheroo_runtime.size_tuple(k, 2), strides=switcheroo_runtime.size_tuple(k, 2), padding=switcheroo_runtime.padding_pairs((k - 1) * (d), 2)), -1, 1)")]
    [InlineData("F.max_pool2d(x, K, padding=K // 2)",
        "jnp.moveaxis(nn.max_pool(jnp.moveaxis(x, 1, -1), (K, K), strides=(K, K), padding=((K // 2, K // 2), (K // 2, K // 2))), -1, 1)")]
    [InlineData("F.max_pool2d(x, n, padding=0)", "jnp.moveaxis(nn.max_pool(jnp.moveaxis(x, 1, -1), (n, n), strides=(n, n)), -1, 1)")]
    [InlineData("F.avg_pool2d(x, 2, 1, padding=(1, 0))",
        "jnp.moveaxis(nn.avg_pool(jnp.moveaxis(x, 1, -1), (2, 2), strides=(1, 1), padding=((1, 1), (0, 0))), -1, 1)")]
    [InlineData("F.pad(x, (1, 1))", "switcheroo_runtime.pad(x, (1, 1))")]
    [InlineData("x.split(k, 1)", "switcheroo_runtime.split(x, k, axis=1)")]
    public void FormsAreDecidedFromTheTree(string torchCall, string expected)
    {
        var source = $"import torch\nimport torch.nn.functional as F\n\nK = 3\n\n\ndef f(x: torch.Tensor, y, k, d, n: int):\n    return {torchCall}\n";
        var result = Converter.Convert(source);
        Assert.Empty(result.Diagnostics);
        var output = result.Output!;
        Assert.Equal(expected, OneLine(output[(output.IndexOf("    return ", StringComparison.Ordinal) + "    return ".Length)..].TrimEnd('\n')));
    }

    /// <summary>A statement as one line again, undoing the black-style layout of long lines (LineLayoutTests test that).</summary>
    private static string OneLine(string statement)
    {
        var joined = Regex.Replace(statement, @",\n\s*([)\]}])", "$1");
        joined = Regex.Replace(joined, @"([(\[{])\n\s*", "$1");
        joined = Regex.Replace(joined, @",\n\s*", ", ");
        return Regex.Replace(joined, @"\n\s*([)\]}])", "$1");
    }

    /// <summary>Without its optional segment, <c>{x}{? + {y}} * 2</c> puts <c>x</c> under <c>*</c>: the place is judged with and without it.</summary>
    [Theory]
    [InlineData("torch.addcmul(a + b, c)", "(a + b) * 2")]
    [InlineData("torch.addcmul(a + b, c, value=d)", "(a + b) + d * 2")]
    public void EachPlaceTakesTheStrictestRequirementOfItsFillings(string torchCall, string expected)
    {
        const string userMap = """
            version: 1
            entries:
              - torch: torch.addcmul
                params: [input, tensor1, value]
                hook: template
                args: {tensor1: {drop: true}}
                options: {template: "{input}{? + {value}} * 2"}
            """;
        var diagnostics = new List<Diagnostic>();
        var builtIn = Directory.EnumerateFiles(RepositoryPaths.Mappings, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => MapLoader.Load(path, File.ReadAllText(path), HookRegistry.BuiltIn.Signatures, diagnostics)).ToList();
        var maps = MapSet.Build(builtIn, [MapLoader.Load("user.yaml", userMap, HookRegistry.BuiltIn.Signatures, diagnostics)], diagnostics);
        Assert.Empty(diagnostics);
        var source = $"import torch\n\n\ndef f(a, b, c, d):\n    return {torchCall}\n";
        var output = new Pipeline(maps, HookRegistry.BuiltIn).Convert(Switcheroo.Engine.Parsing.SourceText.FromString(source, "input.torch.py")).Output!;
        Assert.Equal(expected, OneLine(output[(output.IndexOf("    return ", StringComparison.Ordinal) + "    return ".Length)..].TrimEnd('\n')));
    }

    [Fact]
    public void ValuesAreParenthesisedWhereTheTemplatePutsThemUnderAnOperator()
    {
        var result = Converter.Convert("import torch\n\n\ndef f(x: torch.Tensor, y, a, b):\n    x.add_(y, alpha=a + b)\n    return x\n");
        Assert.Empty(result.Diagnostics);
        Assert.Contains("x = x + (a + b) * y", result.Output!, StringComparison.Ordinal);
    }
}
