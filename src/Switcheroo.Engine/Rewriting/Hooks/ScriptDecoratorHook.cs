using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>script_decorator</c>: a decorator that only tells TorchScript how to compile a function and
/// leaves what Python runs unchanged (<c>torch.jit.unused</c>, <c>torch.jit.ignore</c>,
/// <c>torch.jit.export</c>). Converted code never runs under TorchScript, so the decorator line goes
/// and the function stays:
/// <code>
/// @torch.jit.unused        →   def fallback(self, x):
/// def fallback(self, x):
/// </code>
/// Caveat: only as a decorator written without a call; a call (<c>@torch.jit.ignore(drop=True)</c>,
/// which changes what TorchScript keeps) or any other use is reported.
/// </summary>
public sealed class ScriptDecoratorHook : IHook
{
    public string Name => "script_decorator";

    public void Apply(HookSite site, ConversionContext context)
    {
        if (site.Call is null && Decorators.Around(site.Reference) is { } decorator)
        {
            Decorators.Remove(decorator, context);
            context.MarkConverted(site.Reference);
            return;
        }
        context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference,
            $"{site.Entry.Torch} converts only as a decorator written without a call (it matters to TorchScript alone, so it is removed); kept as is");
    }
}
