using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>implicit_dim</c>: a torch function whose <c>dim</c> may be omitted, and then means torch's
/// implicit dimension (0 for 0-, 1- and 3-D inputs, else 1: <c>F.softmax</c>, <c>F.log_softmax</c>,
/// <c>nn.Softmax</c>), not the last axis JAX functions default to. With <c>dim</c> the entry's
/// <c>template</c> applies, without it the <c>implicit</c> template, which calls a runtime function
/// that picks the axis by the input's rank when traced (ranks are static in JAX):
/// <code>
/// F.softmax(x, dim=1)  →  jax.nn.softmax(x, axis=1)
/// F.softmax(x)         →  switcheroo_runtime.softmax_implicit(x)
/// </code>
/// Caveat: <c>dim=None</c> written out is a given argument, so it reaches the <c>template</c>
/// (<c>axis=None</c>: over every axis, unlike torch); write the call without it.
/// </summary>
public sealed class ImplicitDimHook : IHook
{
    public string Name => "implicit_dim";

    public IReadOnlyList<HookOption> Options { get; } =
        [HookOption.Template(), new HookOption("implicit", OptionType.Template, Required: true)];

    public void Apply(HookSite site, ConversionContext context)
    {
        bool given = site.Call is { } call
            && CallArguments.Bind(call.arguments(), site.Entry.Parameters, out _)?.Any(a => a.Parameter == "dim") == true;
        TemplateHook.Apply(site, context, adjust: null, wrap: null, option: given ? "template" : "implicit");
    }
}
