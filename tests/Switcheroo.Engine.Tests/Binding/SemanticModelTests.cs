using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Binding;

/// <summary>
/// What the binder makes of names: every import form gives the qualified name, anything else
/// binding the name in the scope of the use shadows it (by CPython's scope rules), relative
/// imports are the project's own, and a name bound by an import and otherwise is ambiguous.
/// The expression examined is the one on the line marked <c># &lt;-</c>.
/// </summary>
public sealed class SemanticModelTests
{
    private const string Marker = "# <-";

    [Theory]
    [InlineData("import torch", "torch.sum", "torch.sum")]
    [InlineData("import torch as t", "t.sum", "torch.sum")]
    [InlineData("import torch.nn as nn", "nn.Linear", "torch.nn.Linear")]
    [InlineData("import torch.nn", "torch.nn.Linear", "torch.nn.Linear")]
    [InlineData("import torch.nn", "torch.exp", "torch.exp")]
    [InlineData("from torch import nn", "nn.Linear", "torch.nn.Linear")]
    [InlineData("from torch.nn import functional as F", "F.relu", "torch.nn.functional.relu")]
    [InlineData("import torch.nn.functional as F", "F.relu", "torch.nn.functional.relu")]
    [InlineData("from torch.optim import Adam", "Adam", "torch.optim.Adam")]
    [InlineData("from torch import Tensor", "Tensor", "torch.Tensor")]
    [InlineData("from torch import (nn as tnn, Tensor)", "tnn.ReLU", "torch.nn.ReLU")]
    [InlineData("import os, torch as t", "t.exp", "torch.exp")]
    [InlineData("import numpy as np", "np.sum", "numpy.sum")]
    public void ImportFormResolvesToItsQualifiedName(string import, string expression, string expected)
    {
        var source = $"{import}\n\n\ndef f(x):\n    return {expression}  {Marker}\n";
        Assert.Equal(expected, QualifiedNameOf(expression, source));
    }

    [Fact]
    public void ImportingASubmoduleBindsOnlyTheTopName()
    {
        Assert.Null(QualifiedNameOf("nn.Linear", "import torch.nn\ny = nn.Linear  # <-\n"));
    }

    [Theory]
    [InlineData("parameter", "def f(F, x):\n    return F.relu(x)  # <-\n")]
    [InlineData("keyword-only parameter", "def f(x, *, F):\n    return F.relu(x)  # <-\n")]
    [InlineData("assignment after the use", "def f(x):\n    y = F.relu(x)  # <-\n    F = None\n    return y\n")]
    [InlineData("augmented assignment", "def f(x):\n    y = F.relu(x)  # <-\n    F += 1\n")]
    [InlineData("for target", "def f(x, fs):\n    for F in fs:\n        x = F.relu(x)  # <-\n")]
    [InlineData("tuple for target", "def f(x, fs):\n    for i, (F, g) in fs:\n        x = F.relu(x)  # <-\n")]
    [InlineData("with-as", "def f(x, p):\n    with open(p) as F:\n        return F.relu(x)  # <-\n")]
    [InlineData("except-as", "def f(x):\n    try:\n        pass\n    except ValueError as F:\n        return F.relu(x)  # <-\n")]
    [InlineData("comprehension variable", "def f(x, fs):\n    return [F.relu(x) for F in fs]  # <-\n")]
    [InlineData("lambda parameter", "g = lambda F, x: F.relu(x)  # <-\n")]
    [InlineData("walrus", "def f(x):\n    if (F := x):\n        return F.relu(x)  # <-\n")]
    [InlineData("nested def", "def f(x):\n    def F():\n        pass\n    return F.relu(x)  # <-\n")]
    [InlineData("assignment in a class body", "class C:\n    F = None\n    y = F.relu  # <-\n")]
    [InlineData("parameter of an enclosing function", "def f(F):\n    def g(x):\n        return F.relu(x)  # <-\n    return g\n")]
    [InlineData("case capture", "def f(x, p):\n    match p:\n        case F:\n            return F.relu(x)  # <-\n")]
    [InlineData("case star capture", "def f(x, p):\n    match p:\n        case [*F]:\n            return F.relu(x)  # <-\n")]
    [InlineData("case mapping rest", "def f(x, p):\n    match p:\n        case {**F}:\n            return F.relu(x)  # <-\n")]
    [InlineData("case as-pattern", "def f(x, p):\n    match p:\n        case [1] as F:\n            return F.relu(x)  # <-\n")]
    [InlineData("walrus in a comprehension", "def f(x, fs):\n    ys = [(F := g) for g in fs]\n    return F.relu(x)  # <-\n")]
    public void LocalBindingShadowsTheImport(string what, string body)
    {
        var source = "import torch.nn.functional as F\n\n" + body + "\nz = F.relu  # module level still resolves\n";
        Assert.True(QualifiedNameOf("F.relu", source) is null, what);
        Assert.Equal("torch.nn.functional.relu", QualifiedNameOf("F.relu", source, line: LastLine(source)));
    }

    [Fact]
    public void FirstIterableOfAComprehensionIsEvaluatedOutsideIt()
    {
        const string source = "import torch as F\n\nys = [F for F in F.ones(3)]  # <-\n";
        Assert.Equal("torch.ones", QualifiedNameOf("F.ones", source));
    }

    [Fact]
    public void ClassAttributeIsNotVisibleInMethods()
    {
        const string source = """
            import torch


            class M:
                torch = None

                def f(self, x):
                    return torch.exp(x)  # <-
            """;
        Assert.Equal("torch.exp", QualifiedNameOf("torch.exp", source));
    }

    [Fact]
    public void GlobalDeclarationSkipsTheEnclosingFunction()
    {
        const string source = """
            import torch


            def outer(torch):
                def inner(x):
                    global torch
                    return torch.exp(x)  # <-
                return inner
            """;
        Assert.Equal("torch.exp", QualifiedNameOf("torch.exp", source));
    }

    [Fact]
    public void AssignmentUnderGlobalDeclarationRebindsTheModuleName()
    {
        const string source = """
            import torch


            def reset():
                global torch
                torch = None


            y = torch.exp(1.0)  # <-
            """;
        Assert.Equal(Resolution.Ambiguous, ResolutionOf("torch", source));
    }

    [Fact]
    public void GlobalDeclarationAtModuleLevelChangesNothing()
    {
        const string source = "import torch\nglobal torch\ntorch = None\ny = torch.exp(1.0)  # <-\n";
        Assert.Equal(Resolution.Ambiguous, ResolutionOf("torch", source));
    }

    [Fact]
    public void NonlocalDeclarationSeesTheEnclosingFunctionsImport()
    {
        const string source = """
            def outer():
                import torch.nn.functional as F

                def inner(x):
                    nonlocal F
                    return F.relu(x)  # <-
                return inner
            """;
        Assert.Equal("torch.nn.functional.relu", QualifiedNameOf("F.relu", source));
    }

    [Theory]
    [InlineData("from . import torch", "torch.exp")]
    [InlineData("from .models import F", "F.relu")]
    [InlineData("from ..torch import nn", "nn.Linear")]
    public void RelativeImportsAreLocal(string import, string expression)
    {
        var source = $"{import}\ny = {expression}  {Marker}\n";
        Assert.Null(QualifiedNameOf(expression, source));
        Assert.Equal(Resolution.Local, ResolutionOf(expression.Split('.')[0], source));
    }

    [Theory]
    [InlineData("torch", "import torch\ntorch = make()\ny = torch.exp(x)  # <-\n")]
    [InlineData("torch", "y = torch.exp(x)  # <-\nimport torch\ntorch = make()\n")]
    [InlineData("torch", "def f(x):\n    import torch\n    torch = x\n    return torch.exp(x)  # <-\n")]
    [InlineData("torch", "try:\n    import torch\nexcept ImportError:\n    torch = None\ny = torch.exp(x)  # <-\n")]
    [InlineData("t", "import torch as t\nimport numpy as t\ny = t.exp(x)  # <-\n")]
    public void NameBoundByAnImportAndOtherwiseIsAmbiguous(string name, string source)
    {
        Assert.Equal(Resolution.Ambiguous, ResolutionOf(name, source));
        Assert.Null(QualifiedNameOf(name + ".exp", source));
    }

    [Fact]
    public void SameImportTwiceIsNotAmbiguous()
    {
        const string source = "import torch\nif cond:\n    import torch\ny = torch.exp(x)  # <-\n";
        Assert.Equal(Resolution.Import, ResolutionOf("torch", source));
        Assert.Equal("torch.exp", QualifiedNameOf("torch.exp", source));
    }

    [Fact]
    public void WildcardPatternBindsNothing()
    {
        const string source = "match p:\n    case [*_]:\n        y = _  # <-\n";
        Assert.Equal(Resolution.Unbound, ResolutionOf("_", source));
    }

    [Fact]
    public void ModelOfAParsedFileUsesTheScopesItsSyntaxChecksBuilt()
    {
        var tree = PythonSyntax.Parse(SourceText.FromString("import torch\n\n\ndef f(x):\n    return [torch.exp(v) for v in x]\n"));
        var model = SemanticModel.Build(tree);
        Assert.Same(tree.Scopes!.Module, model.Module);
        var walked = SemanticModel.Build(tree.Root!);
        Assert.Equal(walked.Scopes.Select(s => (s.Kind, s.Node)), model.Scopes.Select(s => (s.Kind, s.Node)));
        Assert.Equal(walked.Uses.Select(u => walked.Resolve(u)), model.Uses.Select(u => model.Resolve(u)));
    }

    [Fact]
    public void BuiltinIsUnbound()
    {
        Assert.Equal(Resolution.Unbound, ResolutionOf("len", "import torch\ny = len(torch.ones(2))  # <-\n"));
    }

    private static int LastLine(string source) => source.TrimEnd('\n').Split('\n').Length;

    private static int MarkedLine(string source) =>
        Array.FindIndex(source.Split('\n'), l => l.TrimEnd().EndsWith(Marker, StringComparison.Ordinal)) + 1;

    /// <summary>The qualified name of the expression with this text on the marked line (or <paramref name="line"/>).</summary>
    private static string? QualifiedNameOf(string expression, string source, int? line = null)
    {
        var (model, root) = Bind(source);
        var node = ParseTrees.Descendants<PythonParser.ExprContext>(root)
            .First(e => e.Start.Line == (line ?? MarkedLine(source)) && e.GetText() == expression);
        return model.QualifiedName(node);
    }

    /// <summary>The resolution of the first read of this name on the marked line.</summary>
    private static Resolution ResolutionOf(string name, string source)
    {
        var (model, root) = Bind(source);
        var use = ParseTrees.Descendants<PythonParser.NameAtomContext>(root)
            .First(n => n.Start.Line == MarkedLine(source) && n.GetText() == name);
        return model.Resolve(use).Resolution;
    }

    private static (SemanticModel Model, PythonParser.File_inputContext Root) Bind(string source)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(source));
        Assert.True(tree.Root is not null, string.Join("\n", tree.Diagnostics));
        return (SemanticModel.Build(tree), tree.Root!);
    }
}
