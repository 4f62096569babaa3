using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Training;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>optimizer_step</c>: <c>optimizer.step()</c> on an optimizer built from <c>torch.optim</c> is
/// where a training step is recognised (<see cref="StepPattern"/>) and rewritten as a compiled,
/// functional step (<see cref="StepWriter"/>): a loss function of the parameters,
/// <c>jax.value_and_grad</c>, <c>optimizer.update</c> and <c>optax.apply_updates</c>, with the
/// parameters, batch statistics and optimizer state threaded through the loop.
/// Caveat: a loop that is not the canonical step (GANs' alternating updates, gradient
/// accumulation, AMP loss scaling, LBFGS closures, ...) stays torch code, reported with its pattern (SWR3011).
/// </summary>
public sealed class OptimizerStepHook : IHook
{
    public string Name => "optimizer_step";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        if (context.Facts.TrainingSteps.GanAt(call) is { } gan)
        {
            if (call == gan.First.Step && !new GanWriter(context, gan).Write(out var reason))
            {
                foreach (var statement in gan.Statements.Where(s => !gan.InRegion(s.Start.TokenIndex)))
                {
                    context.Report(DiagnosticCodes.TrainingStepNotConverted, statement, $"kept as is: the alternating training step is not converted ({reason})");
                }
            }
            return;
        }
        var step = context.Facts.TrainingSteps.At(call, out var problem);
        string? failure = null;
        if (step is not null && new StepWriter(context, step).Write(out failure))
        {
            return;
        }
        problem ??= failure;
        if (step is not null)
        {
            // Its zero_grad/backward/clip hooks left their statements to the writer: say why they stay.
            foreach (var statement in step.Statements.Where(s => s != step.StepStatement && !step.Region.Contains(s)))
            {
                context.Report(DiagnosticCodes.TrainingStepNotConverted, statement, $"kept as is: the training step is not converted ({problem})");
            }
        }
        context.Report(DiagnosticCodes.TrainingStepNotConverted, call,
            $"optimizer.step() not converted: {problem}; the loop stays torch code (write it with jax.value_and_grad, optimizer.update and optax.apply_updates)");
    }
}
