using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>implicit_dim</c>: a torch function or tensor method whose <c>dim</c> may be omitted, and then
/// means something the template with <c>dim</c> cannot say: torch's implicit dimension (0 for 0-,
/// 1- and 3-D inputs, else 1: <c>F.softmax</c>, <c>F.log_softmax</c>, <c>nn.Softmax</c>), not the
/// last axis JAX functions default to, or another overload (<c>torch.max(x)</c>, a reduction over
/// every element, against <c>torch.max(x, dim)</c>, values and indices). With <c>dim</c> the entry's
/// <c>template</c> applies, without it the <c>implicit</c> template, which may call a runtime function
/// that picks the axis by the input's rank when traced (ranks are static in JAX):
/// <code>
/// F.softmax(x, dim=1)  →  jax.nn.softmax(x, axis=1)
/// F.softmax(x)         →  switcheroo_runtime.softmax_implicit(x)
/// x.max(1)             →  switcheroo_runtime.torch_max(x, 1)
/// x.max()              →  jnp.max(x)
/// </code>
/// Caveat: <c>dim=None</c> written out is a given argument, so it reaches the <c>template</c>
/// (<c>axis=None</c>: over every axis, unlike torch); write the call without it. A <c>fallback</c>
/// template is used, as the <c>template</c> hook's, when the call gives an argument only it writes:
/// torch's own <c>nn.Softmax</c> passes <c>_stacklevel</c> with a <c>dim</c> that may be None at run
/// time, which the runtime's <c>softmax(x, dim)</c> reads as the implicit dimension.
/// </summary>
public sealed class ImplicitDimHook : IHook
{
    public string Name => "implicit_dim";

    public IReadOnlyList<HookOption> Options { get; } =
        [HookOption.Template(), new HookOption("implicit", OptionType.Template, Required: true), new HookOption("fallback", OptionType.Template)];

    public void Apply(HookSite site, ConversionContext context)
    {
        // A method's receiver is its first parameter (self), which the call's arguments do not hold.
        var parameters = site.Receiver is not null ? site.Entry.Parameters.Skip(1).ToList() : site.Entry.Parameters;
        bool given = site.Call is { } call
            && CallArguments.Bind(call.arguments(), parameters, out _)?.Any(a => a.Parameter == "dim") == true;
        TemplateHook.Apply(site, context, adjust: null, wrap: null, option: given ? "template" : "implicit");
    }
}
