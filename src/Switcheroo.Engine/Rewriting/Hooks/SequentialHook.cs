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
/// Caveat: the <c>OrderedDict</c> form names its layers, which Flax's Sequential cannot; it is reported,
/// and so is a single argument held in a name not known to be a layer (it may be an OrderedDict).
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
        if (arguments.Count == 1 && context.Text(arguments[0]).TrimStart().StartsWith("OrderedDict(", StringComparison.Ordinal))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, "nn.Sequential(OrderedDict(...)) names its layers, which flax.linen.Sequential cannot; kept as is");
            return;
        }
        if (arguments is [PythonParser.PositionalArgumentContext { } sole] && Analysis.Values.TensorFacts.AsExpression(sole.named_expression()) is { } value
            && SyntaxShapes.AtomOf(value) is PythonParser.NameAtomContext or PythonParser.AttributeExprContext
            && !context.Facts.Tensors.IsModule(value))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call,
                $"nn.Sequential({context.Text(value)}) with one argument not known to be a layer: torch takes an OrderedDict there as named layers, which flax.linen.Sequential cannot; kept as is");
            return;
        }
        context.Plan.Replace(site.Reference, PyPrinter.Print(Py.Named(context.Targets.Reference("flax.linen.Sequential"))));
        context.MarkConverted(site.Reference);
        // The layers go into one list, written as they were (their layout, comments and edits).
        context.Plan.Replace(call, PyPrinter.Print(Py.CallOf(Py.Source(call.expr()), new PyList([Py.ArgumentsAsWritten(call)]))));
    }

    private static readonly Py Identity = new PyLambda(["x"], Py.Named("x"));
}
