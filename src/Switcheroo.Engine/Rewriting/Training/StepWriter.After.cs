using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

// After the step: the model's other calls, and its uses that would leave the trained variables behind.
internal sealed partial class StepWriter
{
    /// <summary>
    /// The model's other calls in the scope (evaluation, after training): <c>model.apply</c> with
    /// the trained variables when the model is in evaluation mode there (or has no mode). A call in
    /// training mode would update running statistics outside the step, and a call before the step
    /// has no variables yet: both are reported.
    /// </summary>
    private void ApplyOtherCalls(ModelCalls calls, int trainedFrom, Py variables)
    {
        foreach (var call in calls.All())
        {
            if (call == step.Forward || step.InRegion(call.Start.TokenIndex))
            {
                continue;
            }
            if (call.Start.TokenIndex < trainedFrom)
            {
                context.Report(DiagnosticCodes.TrainingStepNotConverted, call,
                    $"'{calls.Model}' is called before the training step creates its variables; kept as is");
            }
            else if (_streams.Contains("noise"))
            {
                context.Report(DiagnosticCodes.TrainingStepNotConverted, call,
                    $"'{calls.Model}' draws random numbers when applied: give it a key, {calls.Model}.apply(variables, ..., rngs={{\"noise\": key}}); kept as is");
            }
            else if (calls.HasMode(_classes) && calls.ModeBefore(call) != "False")
            {
                context.Report(DiagnosticCodes.TrainModeUndecided, call,
                    $"'{calls.Model}' is called in training mode outside the training step (its batch statistics would be lost); call {calls.Model}.eval() first, or train in the step; kept as is");
            }
            else
            {
                calls.Apply(call, variables, []);
            }
        }
    }

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
        ReportBareUses(_calls, step.StepStatement.Stop.TokenIndex, variables, _ => false);
    }

    /// <summary>Bare uses of a model in its scope after it is trained, but those <paramref name="passedOn"/> says carry the variables along.</summary>
    private void ReportBareUses(ModelCalls calls, int trainedFrom, string variables, Func<PythonParser.NameAtomContext, bool> passedOn)
    {
        foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(calls.Scope.Node))
        {
            if (use.GetText() != calls.Model || use.Start.TokenIndex < trainedFrom || !calls.IsLocal(use) || passedOn(use)
                || use.Parent is not PythonParser.AtomExprContext atom
                || atom.Parent is PythonParser.CallExprContext call && call.expr() == atom
                || atom.Parent is PythonParser.AttributeExprContext
                || IsAssignmentTarget(use))
            {
                continue;
            }
            context.Report(DiagnosticCodes.TrainedVariablesLeftBehind, use,
                $"'{calls.Model}' is a Flax module without its weights here: the trained variables are {variables}; pass them along with it");
        }
    }

    /// <summary>Whether a name is (part of) the target of an assignment (<c>model = ...</c>).</summary>
    private static bool IsAssignmentTarget(PythonParser.NameAtomContext use) =>
        SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(use) is { } assignment
        && assignment.EQUAL().Length > 0 && use.Start.TokenIndex < assignment.EQUAL(assignment.EQUAL().Length - 1).Symbol.TokenIndex;
}
