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
/// </code>
/// Caveat: only a statement of its own can be rebound; an in-place call whose value is used
/// (<c>y = x.add_(1)</c>) or whose receiver is not a plain name, attribute or subscript is reported.
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
        if (template is null || !IsWholeStatement(call) || !IsRebindable(receiver))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call,
                $".{site.Entry.MemberName}(...) changes its receiver in place; only a statement of its own can become a rebinding, kept as is");
            return;
        }
        var values = TemplateHook.Values(site, context, out _, out var problem);
        var parts = values is null ? null : new TemplateExpander(site.Entry, values, context, call).Expand(template, out problem);
        if (parts is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $".{site.Entry.MemberName}(...) not converted: {problem}");
            return;
        }
        var rebinding = PyAssign.Of(Py.Source(receiver), Forms.SourceValue.Of(parts, context).Node);
        context.Plan.Replace(call, PyBlockPrinter.Print(rebinding));
    }

    /// <summary>The call is a statement of its own (its value is not used).</summary>
    internal static bool IsWholeStatement(PythonParser.CallExprContext call) => SyntaxShapes.IsWholeStatement(call);

    private static bool IsRebindable(PythonParser.ExprContext receiver) =>
        receiver is PythonParser.AttributeExprContext or PythonParser.SubscriptExprContext
        || (receiver is PythonParser.AtomExprContext atom && atom.atom() is PythonParser.NameAtomContext);
}
