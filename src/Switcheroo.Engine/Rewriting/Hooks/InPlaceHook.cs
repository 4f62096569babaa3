using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>in_place</c>: a torch in-place method mutates its receiver; JAX arrays are immutable, so the
/// statement becomes a rebinding of the receiver to the <c>template</c> option's value.
/// <code>
/// x.add_(y)           →  x = x + y
/// h.mul_(0.5)         →  h = h * 0.5
/// x.clamp_(0, 1)      →  x = jnp.clip(x, min=0, max=1)
/// x[i, :n].copy_(y)   →  x = x.at[i, :n].set(jnp.broadcast_to(jnp.asarray(y, dtype=x[i, :n].dtype), x[i, :n].shape))
/// </code>
/// An item of a name or attribute is set with <c>.at[...].set</c>: JAX arrays take no item assignment.
/// Called at once on a tensor of storage of its own (a call whose entry says <c>returns: new_tensor</c>),
/// the method changes nothing another name sees, so its value is the template's, wherever it stands:
/// <code>
/// s = torch.empty((), dtype=torch.int64).fill_(n)   →  s = jnp.full_like(jnp.empty((), dtype=jnp.int64), n)
/// i = int(torch.empty(1).uniform_(0.0, k).item())   →  i = int(jax.random.uniform(key, jnp.empty(1).shape, jnp.empty(1).dtype, 0.0, k).item())
/// </code>
/// Caveat: otherwise only a statement of its own can be rebound; an in-place call whose value is used
/// (<c>y = x.add_(1)</c>) or whose receiver is not a plain name, attribute or an item of one is reported.
/// Other references to the same tensor object (aliases) do not see the change, as in any JAX code.
/// </summary>
public sealed class InPlaceHook : IHook
{
    public string Name => "in_place";

    public IReadOnlyList<HookOption> Options { get; } = [HookOption.Template()];

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var receiver = site.Receiver!;
        var template = site.Entry.Options.GetValueOrDefault("template");
        if (template is not null && !IsWholeStatement(call) && IsNewTensor(receiver, context))
        {
            ReplaceWithValue(site, template, context);
            return;
        }
        if (template is null || !IsWholeStatement(call) || !IsRebindable(receiver))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call,
                $".{site.Entry.MemberName}(...) changes its receiver in place; only a statement of its own or a call on a new tensor (torch.empty(n).fill_(v)) "
                + "converts: call it as a statement of its own, then use the receiver; kept as is");
            return;
        }
        var values = TemplateHook.Values(site, context, out _, out var problem);
        var parts = values is null ? null : new TemplateExpander(site.Entry, values, context, call).Expand(template, out problem);
        if (parts is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $".{site.Entry.MemberName}(...) not converted: {problem}");
            return;
        }
        var rebinding = receiver is PythonParser.SubscriptExprContext item
            ? PyAssign.Of(Py.Source(item.expr()), Py.CallOf(
                new PyAttribute(new PySubscript(new PyAttribute(Py.Source(item.expr()), "at"), new PySource([TextPart.Of(item.slices())], PyPrecedence.Any)), "set"),
                Forms.SourceValue.Of(parts, context).Node))
            : PyAssign.Of(Py.Source(receiver), Forms.SourceValue.Of(parts, context).Node);
        context.Plan.Replace(call, PyBlockPrinter.Print(rebinding));
    }

    /// <summary>The call's value is the template's (the receiver is a tensor no other value shares).</summary>
    private static void ReplaceWithValue(HookSite site, string template, ConversionContext context)
    {
        var call = site.Call!;
        var values = TemplateHook.Values(site, context, out _, out var problem);
        var parts = values is null ? null : new TemplateExpander(site.Entry, values, context, call).Expand(template, out problem);
        if (parts is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $".{site.Entry.MemberName}(...) not converted: {problem}");
            return;
        }
        int top = TemplateSlots.TopOf(template);
        if (top < TemplateSlots.Required(call))
        {
            parts = ["(", .. parts, ")"];
            top = PyPrecedence.Atom;
        }
        context.Plan.ReplaceExpression(call, top, parts.ToArray());
    }

    /// <summary>The receiver is a call whose entry says it returns a tensor of storage of its own (<c>torch.empty(1)</c>).</summary>
    private static bool IsNewTensor(PythonParser.ExprContext receiver, ConversionContext context) =>
        receiver is PythonParser.CallExprContext creation && context.Model.QualifiedName(creation.expr()) is { } name
        && context.Maps.Find(name) is { ReturnsNewTensor: true };

    /// <summary>The call is a statement of its own (its value is not used).</summary>
    internal static bool IsWholeStatement(PythonParser.CallExprContext call) => SyntaxShapes.IsWholeStatement(call);

    /// <summary>A name or attribute, or an item of one (<c>x[i]</c>, which becomes <c>x = x.at[i].set(...)</c>).</summary>
    private static bool IsRebindable(PythonParser.ExprContext receiver) =>
        IsName(receiver) || (receiver is PythonParser.SubscriptExprContext item && IsName(item.expr()));

    private static bool IsName(PythonParser.ExprContext receiver) =>
        receiver is PythonParser.AttributeExprContext
        || (receiver is PythonParser.NameAtomContext atom);
}
