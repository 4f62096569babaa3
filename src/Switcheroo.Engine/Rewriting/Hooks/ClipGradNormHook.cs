using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>clip_grad_norm</c>: <c>torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)</c> between
/// <c>backward()</c> and <c>step()</c> rescales the gradients in place; in Optax, clipping is a
/// transformation that runs before the optimizer's, so it moves into the optimizer's chain:
/// <code>
/// optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
///     →  optimizer = optax.chain(optax.clip_by_global_norm(1.0), optax.sgd(learning_rate=0.1))
/// clip_grad_norm_(model.parameters(), 1.0)   →   (removed, with the rest of the step)
/// </code>
/// Caveats: only inside a recognised training step, with the 2-norm and a max norm known when the
/// optimizer is built; torch divides by <c>norm + 1e-6</c>, Optax by the norm (a relative difference
/// of at most 1e-6 in clipped gradients). Anything else is reported (SWR3011).
/// </summary>
public sealed class ClipGradNormHook : IHook
{
    public string Name => Analysis.Training.StepPattern.ClipHook;

    public void Apply(HookSite site, ConversionContext context)
    {
        if (context.Facts.TrainingSteps.Owner(site.Reference) is { } step)
        {
            // The step's writer moves it into the chain; its torch names count as converted when it is written.
            if (context.Facts.StepConversions.Writes(step))
            {
                context.MarkConverted(site.Reference);
            }
            return;
        }
        var problem = context.Facts.TrainingSteps.ProblemAround(site.Reference)
            ?? "it is not between backward() and step() of a recognised training step, as clip_grad_norm_(model.parameters(), max_norm)";
        context.Report(DiagnosticCodes.TrainingStepNotConverted, site.Reference,
            $"{site.Entry.Torch} not converted: {problem}; clipping belongs in the Optax chain: optax.chain(optax.clip_by_global_norm(max_norm), optimizer)");
    }
}
