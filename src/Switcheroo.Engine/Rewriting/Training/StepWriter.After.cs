using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

// After the step: the model's other calls, and its uses that would leave the trained variables behind.
internal sealed partial class StepWriter
{
    /// <summary>The model's other calls in the scope, applied to the trained variables or reported (<see cref="ModelCalls.ApplyAfterTraining"/>).</summary>
    private void ApplyOtherCalls(ModelCalls calls, int trainedFrom, Py variables) =>
        calls.ApplyAfterTraining(call => call == step.Forward || step.InRegion(call.Start.TokenIndex), trainedFrom, _classes, variables, _streams.Contains("noise"));

    /// <summary>
    /// Bare uses of the model after the step (<c>return model</c>, <c>evaluate(model, ...)</c>): a Linen
    /// module holds no weights, so the trained variables do not go with it. Reported, never silent.
    /// </summary>
    private void ReportEscapes(string variables)
    {
        if (step.Caller is null && (step.Scope.Lookup(step.Model) is not { } bindings || bindings.Any(b => b.Site is not PythonParser.Expression_stmtContext)))
        {
            context.Report(DiagnosticCodes.TrainedVariablesLeftBehind, step.Loop,
                $"'{step.Model}' comes from outside: torch trains it in place, but here the trained variables ({variables}) stay in this scope; return them to the caller");
        }
        _calls.ReportBareUses(step.StepStatement.Stop.TokenIndex, variables, _ => false);
    }
}
