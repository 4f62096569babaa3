using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

// After a converted step (one model's, or a GAN's): the model's other calls, and its uses that would
// leave the trained variables behind.
internal sealed partial class ModelCalls
{
    /// <summary>
    /// The model's other calls in the scope (evaluation, after training): <c>model.apply</c> with
    /// the trained variables when the model is in evaluation mode there (or has no mode). A call in
    /// training mode would update running statistics outside the step, a call before the step
    /// (<paramref name="trainedFrom"/>) has no variables yet, and a model that draws noise needs a
    /// key: all are reported. Calls <paramref name="inStep"/> says the step itself rewrites are skipped.
    /// </summary>
    public void ApplyAfterTraining(Func<PythonParser.CallExprContext, bool> inStep, int trainedFrom, IReadOnlyList<string>? classes, Py variables, bool drawsNoise)
    {
        foreach (var call in All())
        {
            if (inStep(call))
            {
                continue;
            }
            if (call.Start.TokenIndex < trainedFrom)
            {
                context.Report(DiagnosticCodes.TrainingStepNotConverted, call,
                    $"'{model}' is called before the training step creates its variables; kept as is");
            }
            else if (drawsNoise)
            {
                context.Report(DiagnosticCodes.TrainingStepNotConverted, call,
                    $"'{model}' draws random numbers when applied: give it a key, {model}.apply(variables, ..., rngs={{\"noise\": key}}); kept as is");
            }
            else if (HasMode(classes) && ModeBefore(call) != "False")
            {
                context.Report(DiagnosticCodes.TrainModeUndecided, call,
                    $"'{model}' is called in training mode outside the training step (its batch statistics would be lost); call {model}.eval() first, or train in the step; kept as is");
            }
            else
            {
                Apply(call, variables, []);
            }
        }
    }

    /// <summary>
    /// Bare uses of the model in its scope from <paramref name="trainedFrom"/> on (<c>return model</c>,
    /// <c>evaluate(model, ...)</c>), but those <paramref name="passedOn"/> says carry the variables
    /// along: a Linen module holds no weights, so the trained variables do not go with it. Reported,
    /// never silent.
    /// </summary>
    public void ReportBareUses(int trainedFrom, string variables, Func<PythonParser.NameAtomContext, bool> passedOn)
    {
        foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(scope.Node))
        {
            if (use.GetText() != model || use.Start.TokenIndex < trainedFrom || !IsLocal(use) || passedOn(use)
                || use.Parent is PythonParser.CallExprContext call && call.expr() == use
                || use.Parent is PythonParser.AttributeExprContext
                || IsAssignmentTarget(use))
            {
                continue;
            }
            context.Report(DiagnosticCodes.TrainedVariablesLeftBehind, use,
                $"'{model}' is a Flax module without its weights here: the trained variables are {variables}; pass them along with it");
        }
    }

    /// <summary>Whether a name is (part of) the target of an assignment (<c>model = ...</c>).</summary>
    private static bool IsAssignmentTarget(PythonParser.NameAtomContext use) =>
        SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(use) is { } assignment
        && assignment.EQUAL().Length > 0 && use.Start.TokenIndex < assignment.EQUAL(assignment.EQUAL().Length - 1).Symbol.TokenIndex;
}
