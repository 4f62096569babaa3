using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>parameter</c>: a trainable tensor assigned to a module attribute becomes a Flax parameter
/// whose initializer computes the same value.
/// <code>
/// self.scale = nn.Parameter(torch.ones(d))   →   self.scale = self.param("scale", lambda key: jnp.ones((d,)))
/// </code>
/// An init statement on the parameter after it (<c>nn.init.trunc_normal_(self.scale, std=0.02)</c>,
/// <see cref="LayerInits.OfParameter"/>) makes the initializer
/// <c>switcheroo_runtime.param_init(INIT, lambda key: ...)</c>: INIT's draw in the value's shape and dtype.
/// The parameter keeps the attribute's name, so checkpoints map one to one. Caveats: only
/// <c>self.NAME = nn.Parameter(...)</c> converts; <c>requires_grad=False</c> (a constant, not a
/// parameter) and any other use are reported.
/// </summary>
public sealed class ParameterHook : IHook
{
    public string Name => "parameter";

    public void Apply(HookSite site, ConversionContext context)
    {
        // The same rule found the initializers before rewriting (RandomSources), for the random calls inside them.
        var call = site.Call;
        string? problem = null;
        bool constant = false;
        var data = call is null ? null : RandomSources.InitializerData(call, site.Entry, context.Tree, out problem, out constant);
        if (call is null || data is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, constant ? call! : site.Reference,
                problem ?? $"{site.Entry.Torch} converts only as 'self.name = nn.Parameter(value)'; kept as is");
            return;
        }
        var name = RandomSources.AssignedAttribute(call)!.name().GetText();
        Py initializer = new PyLambda(["key"], Py.Source(data));
        if (context.Facts.Inits.OfParameter(call) is { } init)
        {
            // nn.init.trunc_normal_(self.pos, std=0.02) after it (LayerInits): drawn in the data's shape and dtype
            if (LayerInitializers.Initializer(init, context, out var failure) is not { } text)
            {
                context.Report(DiagnosticCodes.InitNotConverted, call,
                    $"{site.Entry.Torch} not converted: the initialisation of self.{name} ({context.Text(init.Call)}) does not convert ({failure}); kept as is");
                return;
            }
            initializer = Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.param_init")), Py.Named(text), initializer);
        }
        context.Plan.Replace(call, PyPrinter.Print(Py.CallOf(Py.Named("self.param"), PyLiteral.String(name), initializer)));
        context.MarkConverted(site.Reference);
    }
}
