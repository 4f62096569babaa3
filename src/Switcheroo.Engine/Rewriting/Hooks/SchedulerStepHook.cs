using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Engine.Rewriting.Training;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>lr_scheduler_step</c>: <c>scheduler.step()</c> of a converted scheduler (<see cref="LrSchedulerHook"/>)
/// counts and sets the optimizer's injected learning rate; <c>scheduler.get_last_lr()</c> is the
/// schedule at the count:
/// <code>
/// scheduler.step()          →  scheduler_steps += 1
///                              opt_state.hyperparams["learning_rate"] = scheduler(scheduler_steps)
/// scheduler.get_last_lr()   →  [scheduler(scheduler_steps)]
/// </code>
/// Caveats: <c>step(epoch)</c> (deprecated in torch) and a scheduler that is not converted are
/// reported; the optimizer state exists once the first batch was trained, so a <c>step()</c> before
/// any training fails at run time, with Python's error.
/// </summary>
public sealed class SchedulerStepHook : IHook
{
    public string Name => "lr_scheduler_step";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var receiver = ModelNames.NameOf(site.Receiver);
        var schedule = receiver is null ? null : context.Facts.TrainingSteps.ScheduleNamed(receiver.GetText(), context.Model.ScopeOf(receiver));
        bool step = site.Entry.MemberName == "step";
        if (schedule is null || call.arguments() is not null || (step && !InPlaceHook.IsWholeStatement(call)))
        {
            Report(site, context, schedule is null
                ? "its scheduler is not converted"
                : "it converts without arguments, step() as a statement of its own");
            return;
        }
        if (!context.Facts.StepConversions.Converts(schedule))
        {
            Report(site, context, "its scheduler is not converted");
            return;
        }
        var counter = Py.Named(context.StepNames.Counter(schedule));
        var rate = Py.CallOf(Py.Named(schedule.Scheduler), counter);
        if (!step)
        {
            context.Plan.Replace(call, PyPrinter.Print(new PyList([rate])));
            return;
        }
        var hyperparameter = new PySubscript(new PyAttribute(context.StepNames.Variables(schedule.Step).OptimizerState, "hyperparams"), PyLiteral.String("learning_rate"));
        var indentation = context.Edits.Indentation(SyntaxShapes.Enclosing<PythonParser.StatementContext>(call)!.Start);
        context.Plan.Replace(call, context.Edits.StatementLines([new PyAugmentedAssign(counter, "+", PyLiteral.Int(1)), PyAssign.Of(hyperparameter, rate)], indentation));
    }

    private static void Report(HookSite site, ConversionContext context, string problem) =>
        context.Report(DiagnosticCodes.Unsupported, site.Call!,
            $"scheduler.{site.Entry.MemberName}() is not converted: {problem}; set opt_state.hyperparams[\"learning_rate\"] from an optax schedule");
}
