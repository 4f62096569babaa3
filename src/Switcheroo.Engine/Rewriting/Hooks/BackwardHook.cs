using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>loss_backward</c>: <c>loss.backward()</c> has no meaning on its own in JAX, where gradients are
/// the value of <c>jax.value_and_grad</c> of a loss function. As part of a recognised training
/// step it is converted with the step (<see cref="OptimizerStepHook"/>); anywhere else it is
/// reported with the pattern that stopped the conversion (SWR3011).
/// </summary>
public sealed class BackwardHook : IHook
{
    public string Name => "loss_backward";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        if (context.Facts.TrainingSteps.Owner(call) is not null || context.Facts.TrainingSteps.GanOwner(call) is not null)
        {
            return;
        }
        var problem = context.Facts.TrainingSteps.ProblemAround(call)
            ?? "no optimizer.step() of a torch.optim optimizer follows it in the same loop";
        context.Report(DiagnosticCodes.TrainingStepNotConverted, call,
            $"backward() not converted: {problem}; gradients come from jax.value_and_grad of a loss function");
    }
}
