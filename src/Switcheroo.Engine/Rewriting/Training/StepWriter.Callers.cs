using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
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
        AddParameters(function, _passed);
        if (!_returnInLoop)
        {
            var last = ParseTrees.Descendants<PythonParser.Simple_stmtContext>(function.block()).Last();
            var indentation = FunctionIndentation(caller);
            context.Plan.InsertAfter(last, [context.Edits.Newline() + indentation, .. Lines([ReturnState()], indentation)]);
        }
        if (_calls.HasMode(_classes) && _calls.ModeBefore(step.Loop) is null)
        {
            context.Report(DiagnosticCodes.TrainModeUndecided, step.Loop,
                $"'{step.Model}' trains in the mode its callers pass it in: torch keeps a train()/eval() switch made in another function, this code does not; call {step.Model}.train() in {function.name().GetText()}()");
        }
        var seed = context.Facts.RandomSources.SeedIn(caller.Scope, caller.First.Start.TokenIndex);
        var key = seed ?? _key;
        var state = _passed.Take(_passed.Count - 1).Append(key).ToList();
        foreach (var call in caller.Calls)
        {
            context.Plan.InsertBefore(call, string.Join(", ", state) + " = ");
            AddArguments(call, _passed, state);
        }
        var first = SyntaxShapes.Enclosing<PythonParser.StatementContext>(caller.First)!;
        var start = new List<PyStatement>();
        if (seed is null)
        {
            start.Add(PyAssign.Of(Py.Named(key), Py.CallOf(Target("jax.random.PRNGKey"), PyLiteral.Int(0))));
            context.Report(DiagnosticCodes.TrainingKeyCreated, caller.First,
                $"no torch.manual_seed(...) before this call: {function.name().GetText()}() draws its keys from {key} = jax.random.PRNGKey(0)");
        }
        var created = _passed.Take(_passed.Count - 1).ToList();
        start.Add(new PyAssign(created.Select(Py.Named).ToList(), created.Select(_ => (Py)new PyLiteral("None")).ToList())
            with { Comment = $"# created from the first batch in {function.name().GetText()}(): Flax infers the shapes of the variables from an input" });
        context.Edits.InsertStatementsBefore(StepPattern.OutermostLoop(first) ?? first, start);
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
        AddParameters(evaluation.Function, names);
        foreach (var call in evaluation.Calls)
        {
            AddArguments(call, names, names);
        }
        var scope = context.Model.ScopeOpenedBy(evaluation.Function)!;
        ApplyOtherCalls(new ModelCalls(context, scope, evaluation.Model), -1, variables.Dict());
    }

    /// <summary><c>return params, batch_stats, opt_state, key</c>.</summary>
    private PyReturn ReturnState() => new(_passed.Select(Py.Named).ToList());

    private string FunctionIndentation(StepCaller caller) =>
        context.Edits.Indentation(caller.Function.block().statement().First().Start);

    /// <summary>New parameters after a function's last one.</summary>
    private void AddParameters(PythonParser.Function_defContext function, IReadOnlyList<string> names)
    {
        var parameters = function.parameters()!.parameter();
        context.Plan.InsertAfter(parameters[^1], ", " + string.Join(", ", names));
    }

    /// <summary>New arguments after a call's last one: positional, or by keyword where the call passes keywords (<c>params=params</c>).</summary>
    private void AddArguments(PythonParser.CallExprContext call, IReadOnlyList<string> parameters, IReadOnlyList<string> values)
    {
        var arguments = SyntaxShapes.Arguments(call);
        bool keywords = arguments.Any(a => a is PythonParser.KeywordArgumentContext);
        var passed = parameters.Zip(values, (p, v) => keywords ? $"{p}={v}" : v);
        context.Plan.InsertAfter(arguments[^1], ", " + string.Join(", ", passed));
    }

    /// <summary>Whether the last line of the step's function is one of the statements the step replaces.</summary>
    private bool ReturnsInLoop(StepCaller caller)
    {
        var last = ParseTrees.Descendants<PythonParser.Simple_stmtContext>(caller.Function.block()).Last();
        return step.Statements.Any(s => s.Start.TokenIndex <= last.Start.TokenIndex && last.Stop.TokenIndex <= s.Stop.TokenIndex);
    }
}
