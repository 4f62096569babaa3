using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>sequential</c>: torch's <c>nn.Sequential</c> takes its layers as arguments, Flax's takes one list.
/// <code>
/// nn.Sequential(conv, nn.ReLU())   →  nn.Sequential([conv, nn.relu])
/// nn.Sequential(*layers)           →  nn.Sequential([*layers])
/// nn.Sequential()                  →  lambda x: x
/// class Head(nn.Sequential): ...    →  a Linen module (Modules/SequentialSubclass)
/// </code>
/// The empty one is parenthesised where the call stood in an operand (<c>(lambda x: x) if s == 1 else ...</c>).
/// nn.Sequential(OrderedDict(...))  →  switcheroo_runtime.named_sequential(OrderedDict(...))
/// self.f = nn.Sequential(od); self.f.add_module(n, m)  →  a local mapping, then the Sequential (Modules/GrowingSequential)
/// The <c>OrderedDict</c> form (written there, or a name its function assigns only OrderedDicts) names its
/// layers, which Flax's Sequential cannot: the runtime's <c>NamedSequential</c> applies them in order,
/// each named <c>layers_NAME</c>, which KeyMapper maps torch's <c>NAME</c> to.
/// Caveat: a single argument held in a name not known to be a layer or an OrderedDict is reported, and so is
/// a layer before the last whose forward returns a tuple (Flax spreads it over the next layer's arguments).
/// </summary>
public sealed class SequentialHook : IHook
{
    public string Name => Mapping.MapSet.SequentialHook;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call;
        if (call is null && Modules.ModuleClass.WithBase(site.Reference) is { } subclass)
        {
            new Modules.SequentialSubclass(subclass, context).Convert(site);
            return;
        }
        if (call is null || CallArguments.Of(call.arguments()).Any(a => a is not (PythonParser.PositionalArgumentContext or PythonParser.StarArgumentContext)))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference, $"{site.Entry.Torch} not converted: expected layers as positional arguments");
            return;
        }
        var arguments = CallArguments.Of(call.arguments());
        if ((arguments.Count == 0 || arguments is [PythonParser.PositionalArgumentContext first] && Analysis.NamedLayers.IsOrderedDict(first, call))
            && Modules.GrowingSequential.TryConvert(call, arguments.FirstOrDefault(), context))
        {
            // self.features = nn.Sequential(...) extended by self.features.add_module(...) in the constructor.
            context.MarkConverted(site.Reference);
            return;
        }
        if (arguments.Count == 0)
        {
            // An empty torch Sequential is the identity; an empty flax.linen.Sequential raises when
            // called. A plain function is no submodule either, so a later `self.shortcut = ...` in
            // setup may replace it (reassigning a submodule's name would raise NameInUseError).
            // The lambda binds loosest: in parentheses where the call stood in an operand.
            context.Plan.Replace(call, PyPrinter.Print(Identity, TemplateSlots.Required(call)));
            context.MarkConverted(site.Reference);
            return;
        }
        if (arguments is [PythonParser.PositionalArgumentContext named] && Analysis.NamedLayers.IsOrderedDict(named, call))
        {
            // Named layers: the runtime's NamedSequential names each layers_NAME, which KeyMapper maps torch's NAME to.
            context.Plan.Replace(call, PyPrinter.Print(Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.named_sequential")), Py.SoleArgument(named)),
                TemplateSlots.Required(call)));
            context.MarkConverted(site.Reference);
            return;
        }
        if (arguments is [PythonParser.PositionalArgumentContext { } sole] && SyntaxShapes.AsExpression(sole.NamedExpression()) is { } value
            && SyntaxShapes.AtomOf(value) is PythonParser.NameAtomContext or PythonParser.AttributeExprContext
            && !context.Facts.Tensors.IsModule(value))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call,
                $"nn.Sequential({context.Text(value)}) with one argument not known to be a layer or an OrderedDict (torch takes an OrderedDict there as named layers): "
                + "assign it an OrderedDict in the same function, or pass the layers one by one; kept as is");
            return;
        }
        if (arguments.Take(arguments.Count - 1).Select(a => TupleReturningLayer(a, context)).OfType<string>().FirstOrDefault() is { } returnsTuple)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call,
                $"nn.Sequential(...) not converted: {returnsTuple}'s forward returns a tuple, which flax.linen.Sequential spreads over the next layer's arguments (torch passes it whole); kept as is");
            return;
        }
        context.Plan.Replace(site.Reference, PyPrinter.Print(Py.Named(context.Targets.Reference("flax.linen.Sequential"))));
        context.MarkConverted(site.Reference);
        // The layers go into one list, written as they were (their layout, comments and edits).
        context.Plan.Replace(call, PyPrinter.Print(Py.CallOf(Py.Source(call.expr()), new PyList([Py.ArgumentsAsWritten(call)]))));
    }

    /// <summary>
    /// The class a layer argument builds (<c>Pair()</c>, a class of the file) when its <c>forward</c>
    /// returns a tuple display (<c>return a, b</c>); else null.
    /// </summary>
    private static string? TupleReturningLayer(PythonParser.ArgumentContext argument, ConversionContext context)
    {
        // The class by its binding, converted or not: its forward is __call__ once converted, and
        // converting the output again decides as the first conversion did.
        if (argument is not PythonParser.PositionalArgumentContext || SyntaxShapes.AtomOf(argument) is not PythonParser.CallExprContext built
            || built.expr() is not PythonParser.NameAtomContext use
            || SemanticModel.Lookup(use.GetText(), context.Model.ScopeOf(use)) is not [{ Site: { } site }]
            || site is not PythonParser.Class_defContext cls
            || Analysis.ModuleClasses.Methods(cls).FirstOrDefault(f => f.name().GetText() is "forward" or "__call__") is not { } forward)
        {
            return null;
        }
        bool tuple = Parsing.ParseTrees.Descendants<PythonParser.Return_stmtContext>(forward.block())
            .Where(r => SyntaxShapes.Enclosing<PythonParser.Function_defContext>(r) == forward)
            .Any(r => r.star_expressions() is { } value && (value.COMMA().Length > 0
                || SyntaxShapes.AtomOf(value) is PythonParser.ParenAtomContext { } paren && (paren.COMMA() is not null || paren.FirstItem() is null && paren.yield_expr() is null)));
        return tuple ? use.GetText() : null;
    }

    private static readonly Py Identity = new PyLambda(["x"], Py.Named("x"));
}
