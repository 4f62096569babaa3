using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>grad_scaler</c>: AMP's <c>GradScaler</c> multiplies the loss before <c>backward()</c> so that float16
/// gradients do not underflow, divides them again before <c>step()</c>, and skips steps whose gradients
/// overflowed. The converted step computes in float32 and has no scaler: <c>scaler.scale(loss).backward()</c>,
/// <c>scaler.unscale_(opt)</c>, <c>scaler.step(opt)</c> and <c>scaler.update()</c> are parts of a recognised
/// step, written by it (<see cref="StepPattern"/>), and the construction
/// <c>scaler = torch.cuda.amp.GradScaler()</c> goes when every use of the scaler is in such steps, with the
/// file's AMP note (SWR3018). Anything else stays, reported (SWR3011).
/// </summary>
public sealed class GradScalerHook : IHook
{
    public string Name => StepPattern.ScalerHook;

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var steps = context.Facts.TrainingSteps;
        if (site.Entry.Kind != EntryKind.Class)
        {
            if (steps.Owner(call) is { } owner && context.Facts.StepConversions.Writes(owner))
            {
                return;
            }
            if (steps.Owner(call) is null)
            {
                context.Report(DiagnosticCodes.TrainingStepNotConverted, call,
                    $"scaler.{((PythonParser.AttributeExprContext)call.expr()).name().GetText()}(...) kept: the training step here is not converted ({steps.ProblemAround(call) ?? "no converted training step uses it"})");
            }
            return;
        }
        if (SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(call) is not { } assignment || assignment.EQUAL().Length != 1
            || SyntaxShapes.AtomOf(assignment.assigned_value(0)) != call || ModelBindings.NameOf(assignment.star_expressions()) is not { } scaler)
        {
            context.Report(DiagnosticCodes.TrainingStepNotConverted, call, "GradScaler kept: it converts as 'scaler = GradScaler(...)', a statement of its own, whose uses are all in converted training steps");
            return;
        }
        var scope = context.Model.ScopeOf(scaler);
        var uses = ParseTrees.Descendants<PythonParser.NameAtomContext>(scope.Node)
            .Where(n => n != scaler && n.GetText() == scaler.GetText() && context.Model.ScopeOf(n) == scope).ToList();
        if (SemanticModel.Lookup(scaler.GetText(), scope) is not { Count: 1 }
            || uses.Any(n => steps.Owner(n) is not { Amp.Scaler: { } name } owner || name != scaler.GetText() || !context.Facts.StepConversions.Writes(owner)))
        {
            context.Report(DiagnosticCodes.TrainingStepNotConverted, call,
                $"GradScaler kept: '{scaler.GetText()}' is used outside converted training steps (each converts with 'scaler.scale(loss).backward()', 'scaler.step(optimizer)', 'scaler.update()')");
            return;
        }
        context.Edits.RemoveStatement(SyntaxShapes.Enclosing<PythonParser.StatementContext>(call)!);
        context.MarkConverted(site.Reference);
        AmpNote.Report(context, call);
    }
}
