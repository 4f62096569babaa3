using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

// A step in a function that receives the model and the optimizer: the state flows through its calls.
internal sealed partial class StepWriter
{
    // The state the step's function takes and returns: params[, batch_stats], opt_state, key.
    private List<string> _passed = new();

    // Whether the step's statements end the function, so its return goes with the step's lines.
    private bool _returnInLoop;

    /// <summary>
    /// The function takes the state and returns it; each call passes it and takes it back; the
    /// callers start it at None (the first batch creates it) before their first call; evaluation
    /// functions take the variables; the model's other calls in the callers apply it to them.
    /// <code>
    /// def train(args, model, loader, optimizer, epoch, params, batch_stats, opt_state, key):
    ///     ...
    ///     return params, batch_stats, opt_state, key
    ///
    /// params = batch_stats = opt_state = None  # created from the first batch in train()
    /// for epoch in range(1, epochs + 1):
    ///     params, batch_stats, opt_state, key = train(args, model, loader, optimizer, epoch, params, batch_stats, opt_state, key)
    ///     test(model, test_loader, params, batch_stats)
    /// </code>
    /// </summary>
    private void WriteCallers(StepCaller caller, TrainedVariables variables)
    {
        var function = caller.Function;
        var state = new CallerState(context, caller, _passed);
        state.AddParameters();
        if (!_returnInLoop)
        {
            state.ReturnAfterLastLine(Lines);
        }
        if (_calls.HasMode(_classes) && _calls.ModeBefore(step.Loop) is null)
        {
            context.Report(DiagnosticCodes.TrainModeUndecided, step.Loop,
                $"'{step.Model}' trains in the mode its callers pass it in: torch keeps a train()/eval() switch made in another function, this code does not; call {step.Model}.train() in {function.name().GetText()}()");
        }
        state.ThreadThroughCalls(_key, Target("jax.random.PRNGKey"));
        var callers = new ModelCalls(context, caller.Scope, caller.Model);
        ApplyOtherCalls(callers, caller.First.Stop.TokenIndex, variables.Dict());
        var evaluations = context.Facts.TrainingSteps.Evaluations.Where(e => e.Step == step).ToList();
        foreach (var evaluation in evaluations)
        {
            WriteEvaluation(evaluation, variables);
        }
        foreach (var unevaluated in context.Facts.TrainingSteps.Unevaluated.Where(e => e.Step == step))
        {
            var scope = context.Model.ScopeOpenedBy(unevaluated.Function)!;
            foreach (var call in new ModelCalls(context, scope, unevaluated.Model).All())
            {
                context.Report(DiagnosticCodes.TrainedVariablesLeftBehind, call,
                    $"'{unevaluated.Model}' is called without its variables: some calls of {unevaluated.Function.name().GetText()}() pass the model {function.name().GetText()}() trains, others pass it before that or pass another; call it after {function.name().GetText()}() with the same model; kept as is");
            }
        }
        // The model passed to the training and evaluation functions goes with the variables; any other bare use does not.
        var carrying = caller.Calls.Concat(evaluations.SelectMany(e => e.Calls)).ToList();
        callers.ReportBareUses(caller.First.Start.TokenIndex, variables.ToString(),
            use => carrying.Any(c => c.arguments() is { } list && list.Start.TokenIndex <= use.Start.TokenIndex && use.Stop.TokenIndex <= list.Stop.TokenIndex));
    }

    /// <summary>An evaluation function takes the variables and applies its model to them; its calls pass them.</summary>
    private void WriteEvaluation(EvaluationFunction evaluation, TrainedVariables variables)
    {
        var names = variables.Collections.Select(c => c.Name).ToList();
        CallerState.AddParameters(context, evaluation.Function, names);
        foreach (var call in evaluation.Calls)
        {
            CallerState.AddArguments(context, call, names, names);
        }
        var scope = context.Model.ScopeOpenedBy(evaluation.Function)!;
        ApplyOtherCalls(new ModelCalls(context, scope, evaluation.Model), -1, variables.Dict());
    }

    /// <summary>Whether the last line of the step's function is one of the statements the step replaces.</summary>
    private bool ReturnsInLoop(StepCaller caller)
    {
        var last = ParseTrees.Descendants<PythonParser.Simple_stmtContext>(caller.Function.block()).Last();
        return step.Statements.Any(s => s.Start.TokenIndex <= last.Start.TokenIndex && last.Stop.TokenIndex <= s.Stop.TokenIndex);
    }
}
