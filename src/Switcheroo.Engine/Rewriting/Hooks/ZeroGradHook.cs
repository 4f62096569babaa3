using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>optimizer_zero_grad</c>: JAX returns fresh gradients from each <c>jax.grad</c> call and never
/// accumulates them in place, so <c>optimizer.zero_grad()</c> / <c>model.zero_grad()</c> has nothing
/// to do: the statement goes (a part of a recognised training step goes with it).
/// <code>
/// optimizer.zero_grad()   →   (removed)
/// </code>
/// Caveat: next to a <c>backward()</c> that is not converted (in the same function: gradient
/// accumulation, GANs, closures) it stays, reported with that pattern, since the gradients it clears
/// are still torch's; a call whose value is used is reported.
/// </summary>
public sealed class ZeroGradHook : IHook
{
    public string Name => "optimizer_zero_grad";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        if (context.Facts.TrainingSteps.Owner(call) is not null || context.Facts.TrainingSteps.GanOwner(call) is not null)
        {
            return;
        }
        var problem = context.Facts.TrainingSteps.ProblemAround(call)
            ?? (context.Facts.TrainingSteps.HasUnconvertedBackward(call) ? "a backward() next to it is not part of a converted training step" : null);
        if (problem is not null)
        {
            // The gradients it clears are still torch's: zero_grad stays with the code that uses them.
            context.Report(DiagnosticCodes.TrainingStepNotConverted, call, $"zero_grad() kept: the training step here is not converted ({problem})");
            return;
        }
        if (!InPlaceHook.IsWholeStatement(call))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, "zero_grad() converts as a statement of its own (it is removed); kept as is");
            return;
        }
        context.Edits.RemoveStatement(SyntaxShapes.Enclosing<Grammar.PythonParser.StatementContext>(call)!);
    }
}
