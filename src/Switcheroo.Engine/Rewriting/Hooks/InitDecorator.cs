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
    /// <summary>Writes the decorator above the class's forward, or reports why an initializer does not convert (false).</summary>
    public static bool Write(PythonParser.Class_defContext cls, PythonParser.CallExprContext call, ConversionContext context)
    {
        var statements = new List<Py>();
        foreach (var chain in context.Facts.Inits.AtInit(cls))
        {
            var branches = new List<Py>();
            foreach (var branch in chain)
            {
                var keywords = new List<PyKeyword>();
                foreach (var init in branch.Inits)
                {
                    if (LayerInitializers.Initializer(init, context, out var problem) is not { } text)
                    {
                        context.Report(DiagnosticCodes.InitNotConverted, init.Call,
                            $"{init.Entry.Torch} not converted: its initializer does not convert ({problem}); kept as is");
                        return false;
                    }
                    keywords.Add(new PyKeyword(init.Parameter, Py.Named(text)));
                }
                if (branch.Optional.Count > 0)
                {
                    keywords.Add(new PyKeyword("optional", Py.TupleOf(branch.Optional.Select(PyLiteral.String))));
                }
                branches.Add(Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.init_branch")),
                    branch.Classes.Select(PyLiteral.String), keywords));
            }
            statements.Add(new PyList(branches));
        }
        var when = new List<PyKeyword>();
        if (context.Facts.Inits.When(cls) is { } flag)
        {
            when.Add(new PyKeyword("when", PyLiteral.String(flag)));
        }
        if (context.Facts.Inits.Under(cls) is { } under)
        {
            when.Add(new PyKeyword("under", PyLiteral.String(under)));
        }
        var decorator = Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.torch_init")), statements, when);
        var forward = InitBranches.Forward(cls)!;
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(forward)!;
        context.Edits.InsertStatementsBefore(statement, [new PySourceStatement(["@", .. PyPrinter.Print(decorator)])]);
        return true;
    }
}
