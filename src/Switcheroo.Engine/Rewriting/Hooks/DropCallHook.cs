namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>drop_call</c>: a tensor method that has no meaning for immutable JAX arrays and returns its
/// receiver unchanged, so the call goes and the receiver stays.
/// <code>
/// x.contiguous()  →  x
/// </code>
/// Caveat: only for methods that take no arguments; anything passed is reported.
/// </summary>
public sealed class DropCallHook : IHook
{
    public string Name => "drop_call";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        if (call.arguments() is not null)
        {
            context.Report(Diagnostics.DiagnosticCodes.ArgumentsNotMapped, call, $".{site.Entry.MemberName}(...) takes no arguments here; kept as is");
            return;
        }
        var attribute = (Grammar.PythonParser.AttributeExprContext)site.Reference;
        context.Plan.Replace(attribute.DOT().Symbol.TokenIndex, call.RPAR().Symbol.TokenIndex);
    }
}
