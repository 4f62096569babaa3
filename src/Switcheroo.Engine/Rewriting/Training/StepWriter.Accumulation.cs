using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;

namespace Switcheroo.Engine.Rewriting.Training;

// Gradient accumulation: the optimizer wrapped in optax.MultiSteps, the step called every batch.
internal sealed partial class StepWriter
{
    /// <summary>
    /// <c>optax.MultiSteps(optimizer, every_k_schedule=k, use_grad_mean=False)</c>: it adds up the gradients
    /// of k calls (torch's <c>backward()</c> adds them into <c>.grad</c>) and updates on the k-th with their
    /// sum, returning zero updates before it; the loss keeps torch's scaling as written (<c>loss / k</c>
    /// makes the sum a mean in both). Its counter starts at the first call and never restarts.
    /// </summary>
    private void WriteAccumulation(Accumulation accumulation)
    {
        var wrapped = new PyCall(Target("optax.MultiSteps"), [Py.Source(step.OptimizerConstruction)],
            [new PyKeyword("every_k_schedule", Py.Named(accumulation.Every)), new PyKeyword("use_grad_mean", PyLiteral.Bool(false))]);
        context.Plan.Replace(step.OptimizerConstruction, PyPrinter.Print(wrapped));
        if (accumulation.Outer)
        {
            context.Report(DiagnosticCodes.AccumulationWindowsDiffer, accumulation.Counted,
                $"gradient accumulation converted with optax.MultiSteps, which counts batches across the outer loop: torch restarts "
                + $"the enumerate counter there and carries a last partial window's gradients into the next pass, so the windows are torch's "
                + $"only when every pass has a multiple of {accumulation.Every} batches (drop_last, or a loader length divisible by it)");
        }
    }
}
