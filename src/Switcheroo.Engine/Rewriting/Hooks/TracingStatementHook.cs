using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>tracing_statement</c>: a call that only registers something with torch's tracer, made as a
/// statement of its own, matters to <c>torch.fx</c> alone, so it goes, as a TorchScript decorator
/// does (<see cref="ScriptDecoratorHook"/>):
/// <code>
/// torch.fx.wrap("shifted_window_attention")   →  (removed)
/// </code>
/// Used any other way (its value read), it is reported (SWR3003) and kept.
/// </summary>
public sealed class TracingStatementHook : IHook
{
    public string Name => "tracing_statement";

    public void Apply(HookSite site, ConversionContext context)
    {
        if (site.Call is { } call && DeviceStatementHook.StatementOf(call) is { } statement)
        {
            context.Edits.RemoveStatement(statement);
            context.MarkConverted(site.Reference);
            return;
        }
        context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference,
            $"{site.Entry.Torch} converts only as a call that is a statement of its own (it matters to torch.fx alone, so it is removed); kept as is");
    }
}
