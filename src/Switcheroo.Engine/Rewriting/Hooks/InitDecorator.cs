using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// The loop of a class that Switcheroo applies when the model initialises
/// (<see cref="LayerInits.AtInit"/>), written as a decorator of its <c>forward</c> (which becomes
/// <c>__call__</c>): each <c>if</c>/<c>elif</c> statement of the loop is a list of branches, each
/// branch the torch classes it tests and each parameter's initializer (its init call's template, as
/// for an initializer argument); <c>when="init_weights"</c> for a loop under <c>if init_weights:</c>.
/// <code>
/// for m in self.modules():                              @switcheroo_runtime.torch_init([
///     if isinstance(m, nn.Conv2d):                          switcheroo_runtime.init_branch("torch.nn.Conv2d",
///         nn.init.kaiming_normal_(m.weight, ...)                weight=nn.initializers.variance_scaling(2.0, "fan_out", "normal")),
///     elif isinstance(m, nn.BatchNorm2d):                   switcheroo_runtime.init_branch("torch.nn.BatchNorm2d", weight=..., bias=...),
///         ...                                           ])
///                                                       def __call__(self, x):
/// </code>
/// </summary>
internal static class InitDecorator
{
    /// <summary>
    /// Checks that every loop of the class applied at init converts and, when <paramref name="insert"/>
    /// (the first call of its first loop), writes their decorators above its forward, the last loop
    /// outermost (its interceptor writes last, as torch's later loop runs last); reports at the call why not (false).
    /// </summary>
    public static bool Write(PythonParser.Class_defContext cls, PythonParser.CallExprContext call, string torch, ConversionContext context, bool insert)
    {
        if (Decorators(cls, context, out var problem) is not { } decorators)
        {
            context.Report(DiagnosticCodes.InitNotConverted, call,
                $"{torch} not converted: a loop applied when the model initialises does not convert ({problem}); kept as is");
            return false;
        }
        // an nn.Sequential subclass without forward: the __call__ its conversion writes takes them (SequentialSubclass)
        if (insert && InitBranches.Forward(cls) is { } forward)
        {
            var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(forward)!;
            context.Edits.InsertStatementsBefore(statement, decorators.Select(d => (PyStatement)new PySourceStatement(["@", .. PyPrinter.Print(d)])).ToList());
        }
        return true;
    }

    /// <summary>The decorators of the class's loops applied at init, the last loop first (outermost); null with the problem when one does not convert.</summary>
    public static IReadOnlyList<Py>? Decorators(PythonParser.Class_defContext cls, ConversionContext context, out string? problem)
    {
        problem = null;
        var decorators = new List<Py>();
        foreach (var loop in context.Facts.Inits.AtInit(cls).Reverse())
        {
            if (Decorator(loop, context, out problem) is not { } decorator)
            {
                return null;
            }
            decorators.Add(decorator);
        }
        return decorators;
    }

    private static Py? Decorator(AtInitLoop loop, ConversionContext context, out string? problem)
    {
        problem = null;
        var statements = new List<Py>();
        foreach (var chain in loop.Statements)
        {
            var branches = new List<Py>();
            foreach (var branch in chain)
            {
                var keywords = new List<PyKeyword>();
                foreach (var init in branch.Inits)
                {
                    if (LayerInitializers.Initializer(init, context, out var failure) is not { } text)
                    {
                        problem = $"the initializer of {context.Text(init.Call)}: {failure}";
                        return null;
                    }
                    keywords.Add(new PyKeyword(init.Parameter, Py.Named(text)));
                }
                if (branch.Optional.Count > 0)
                {
                    keywords.Add(new PyKeyword("optional", Py.TupleOf(branch.Optional.Select(PyLiteral.String))));
                }
                if (branch.Present.Count > 0)
                {
                    keywords.Add(new PyKeyword("present", Py.TupleOf(branch.Present.Select(PyLiteral.String))));
                }
                if (branch.At is { } at)
                {
                    keywords.Add(new PyKeyword("at", PyLiteral.String(at)));
                }
                // a module class of the file by its name (defined before, InitBranches), a torch layer by its qualified name
                var classes = branch.At is null ? branch.Classes.Select(PyLiteral.String) : branch.Classes.Select(Py.Named);
                branches.Add(Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.init_branch")), classes, keywords));
            }
            statements.Add(new PyList(branches));
        }
        var options = new List<PyKeyword>();
        if (loop.When is { } flag)
        {
            options.Add(new PyKeyword("when", PyLiteral.String(flag)));
        }
        if (loop.WhenNone is { } literal)
        {
            options.Add(new PyKeyword("when_none", Py.Named(literal)));
        }
        if (loop.Under is { } under)
        {
            options.Add(new PyKeyword("under", PyLiteral.String(under)));
        }
        if (loop.Children)
        {
            options.Add(new PyKeyword("children", Py.Named("True")));
        }
        return Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.torch_init")), statements, options);
    }
}
