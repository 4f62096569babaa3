using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>The file's one note that automatic mixed precision was removed (SWR3018), at the first AMP use removed.</summary>
internal static class AmpNote
{
    public static void Report(ConversionContext context, ParserRuleContext node)
    {
        if (context.AmpNoted)
        {
            return;
        }
        context.AmpNoted = true;
        context.Report(DiagnosticCodes.AmpRemoved, node,
            "automatic mixed precision removed: JAX has no loss scaler, and the converted code computes in float32, so its numbers are "
            + "torch's without autocast (autocast computes in float16/bfloat16); GradScaler's skipping of steps whose gradients hold inf or NaN "
            + "is gone (optax.apply_if_finite skips them)");
    }
}
