using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

// An alternating step in a function that receives both models and both optimizers: the state flows through its calls.
internal sealed partial class GanWriter
{
    /// <summary>
    /// The function takes both models' variables, both optimizer states and the key, and returns them;
    /// each call passes them and takes them back; the callers start them at None (the first batch creates
    /// them) before their first call; the models' other calls in the callers apply them to the trained variables.
    /// <code>
    /// def train_epoch(netG, netD, optG, optD, loader, netD_params, netD_state, netG_params, netG_state, optD_state, optG_state, key):
    ///     ...
    ///     return netD_params, netD_state, netG_params, netG_state, optD_state, optG_state, key
    ///
    /// netD_params, ..., optG_state = None, ..., None  # created from the first batch in train_epoch()
    /// for epoch in range(epochs):
    ///     netD_params, ..., optG_state, key = train_epoch(netG, netD, optG, optD, loader, netD_params, ..., optG_state, key)
    /// </code>
    /// </summary>
    private void WriteCallers(StepCaller caller, IReadOnlyList<string> passed, bool returnInLoop)
    {
        var name = caller.Function.name().GetText();
        var state = new CallerState(context, caller, passed);
        state.AddParameters();
        if (!returnInLoop)
        {
            state.ReturnAfterLastLine(Lines);
        }
        foreach (var model in Models)
        {
            var calls = new ModelCalls(context, gan.Scope, model);
            if (calls.HasMode(ModelNames.ClassesOf(gan.FirstCalls[model].expr(), context)) && calls.ModeBefore(gan.Loop) is null)
            {
                context.Report(DiagnosticCodes.TrainModeUndecided, gan.Loop,
                    $"'{model}' trains in the mode its callers pass it in: torch keeps a train()/eval() switch made in another function, this code does not; call {model}.train() in {name}()");
            }
        }
        state.ThreadThroughCalls(_key, Target("jax.random.PRNGKey"));
        foreach (var half in gan.Halves)
        {
            // The callers' model: its other calls after the first call apply it to the trained variables; a bare use leaves them behind.
            var callers = new ModelCalls(context, caller.Scope, GanStep.StateModel(half));
            var variables = Variables(half.Model);
            callers.ApplyAfterTraining(_ => false, caller.First.Stop.TokenIndex, ModelNames.ClassesOf(gan.FirstCalls[half.Model].expr(), context),
                Py.OfText(variables), drawsNoise: false);
            callers.ReportBareUses(caller.First.Start.TokenIndex, variables,
                use => caller.Calls.Any(c => c.arguments() is { } list && list.Start.TokenIndex <= use.Start.TokenIndex && use.Stop.TokenIndex <= list.Stop.TokenIndex));
        }
    }

    /// <summary>Whether the last line of the step's function is one of the statements the step replaces.</summary>
    private bool ReturnsInLoop(StepCaller caller)
    {
        var last = ParseTrees.Descendants<PythonParser.Simple_stmtContext>(caller.Function.block()).Last();
        return gan.Start.Start.TokenIndex <= last.Start.TokenIndex && last.Stop.TokenIndex <= gan.Second.StepStatement.Stop.TokenIndex;
    }
}
