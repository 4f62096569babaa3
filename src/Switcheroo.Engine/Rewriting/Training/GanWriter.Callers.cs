using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
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
        var function = caller.Function;
        var name = function.name().GetText();
        AddParameters(function, passed);
        if (!returnInLoop)
        {
            var last = ParseTrees.Descendants<PythonParser.Simple_stmtContext>(function.block()).Last();
            var indentation = FunctionIndentation(caller);
            context.Plan.InsertAfter(last, [context.Edits.Newline() + indentation, .. Lines([new PyReturn(passed.Select(Py.Named).ToList())], indentation)]);
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
        var seed = context.Facts.RandomSources.SeedIn(caller.Scope, caller.First.Start.TokenIndex);
        var key = seed ?? _key;
        var values = passed.Take(passed.Count - 1).Append(key).ToList();
        foreach (var call in caller.Calls)
        {
            context.Plan.InsertBefore(call, string.Join(", ", values) + " = ");
            AddArguments(call, passed, values);
        }
        var first = SyntaxShapes.Enclosing<PythonParser.StatementContext>(caller.First)!;
        var start = new List<PyStatement>();
        if (seed is null)
        {
            start.Add(PyAssign.Of(Py.Named(key), Py.CallOf(Target("jax.random.PRNGKey"), PyLiteral.Int(0))));
            context.Report(DiagnosticCodes.TrainingKeyCreated, caller.First,
                $"no torch.manual_seed(...) before this call: {name}() draws its keys from {key} = jax.random.PRNGKey(0)");
        }
        var created = passed.Take(passed.Count - 1).ToList();
        start.Add(new PyAssign(created.Select(Py.Named).ToList(), created.Select(_ => (Py)new PyLiteral("None")).ToList())
            with { Comment = $"# created from the first batch in {name}(): Flax infers the shapes of the variables from an input" });
        context.Edits.InsertStatementsBefore(StepPattern.OutermostLoop(first) ?? first, start);
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

    private string FunctionIndentation(StepCaller caller) =>
        context.Edits.Indentation(caller.Function.block().statement().First().Start);

    /// <summary>New parameters after a function's last one.</summary>
    private void AddParameters(PythonParser.Function_defContext function, IReadOnlyList<string> names) =>
        context.Plan.InsertAfter(function.parameters()!.parameter()[^1], ", " + string.Join(", ", names));

    /// <summary>New arguments after a call's last one: positional, or by keyword where the call passes keywords.</summary>
    private void AddArguments(PythonParser.CallExprContext call, IReadOnlyList<string> parameters, IReadOnlyList<string> values)
    {
        var arguments = SyntaxShapes.Arguments(call);
        bool keywords = arguments.Any(a => a is PythonParser.KeywordArgumentContext);
        context.Plan.InsertAfter(arguments[^1], ", " + string.Join(", ", parameters.Zip(values, (p, v) => keywords ? $"{p}={v}" : v)));
    }
}
