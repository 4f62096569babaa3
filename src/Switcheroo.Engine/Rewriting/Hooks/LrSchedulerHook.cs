using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Forms;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>lr_scheduler</c>: a torch learning-rate scheduler becomes the Optax schedule of the learning
/// rate as a function of how many times <c>scheduler.step()</c> was called (the entry's template;
/// <c>{initial_lr}</c> is the optimizer's learning rate). The optimizer is built with an injectable
/// learning rate (<see cref="OptimizerConstructorHook"/>), and each <c>scheduler.step()</c> counts and
/// sets it (<see cref="SchedulerStepHook"/>):
/// <code>
/// optimizer = optim.SGD(model.parameters(), lr=0.1)
///     →  optimizer = optax.inject_hyperparams(lambda learning_rate: optax.sgd(learning_rate=learning_rate))(learning_rate=0.1)
/// scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
///     →  scheduler = optax.exponential_decay(init_value=0.1, transition_steps=30, decay_rate=0.1, staircase=True)
///        scheduler_steps = 0
/// scheduler.step()
///     →  scheduler_steps += 1
///        opt_state.hyperparams["learning_rate"] = scheduler(scheduler_steps)
/// </code>
/// That is exact whatever the steps count (epochs or batches), as torch's schedulers are. For
/// <c>MultiStepLR</c> the template's <c>{boundaries}</c> is the milestones as Optax's boundaries,
/// unchanged: Optax scales once the count reaches a boundary (<c>count &gt;= b</c>), torch once
/// <c>last_epoch</c> reaches a milestone. Caveat: only a
/// scheduler of the optimizer of a converted training step in the same scope converts (its steps
/// need that step's optimizer state); schedulers without an exact Optax schedule are reported.
/// </summary>
public sealed class LrSchedulerHook : IHook
{
    public string Name => "lr_scheduler";

    public IReadOnlyList<HookOption> Options { get; } = [HookOption.Template("initial_lr", "boundaries")];

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var schedule = context.Facts.TrainingSteps.ScheduleAt(call);
        if (schedule is null)
        {
            Report(site, context, "it converts as scheduler = X(optimizer, ...) on the optimizer of a converted training step in the same scope, one scheduler per optimizer");
            return;
        }
        var learningRate = LearningRate(schedule.Step.OptimizerConstruction, context);
        if (learningRate is null)
        {
            Report(site, context, "the optimizer's learning rate is not known");
            return;
        }
        if (!context.Facts.StepConversions.Writes(schedule.Step))
        {
            Report(site, context, "the training step of its optimizer is not converted");
            return;
        }
        string? problem = null;
        int edits = context.Plan.EditCount;
        TemplateHook.Apply(site, context, values =>
        {
            values["initial_lr"] = learningRate;
            if (site.Entry.Options.GetValueOrDefault("template")?.Contains("{boundaries}", StringComparison.Ordinal) == true)
            {
                values["boundaries"] = Boundaries(values, site.Entry, context, out problem) ?? [];
            }
        }, wrap: null);
        bool converted = context.Plan.EditCount > edits && problem is null;
        if (problem is not null)
        {
            Report(site, context, problem);
        }
        if (converted != context.Facts.StepConversions.Converts(schedule))
        {
            // scheduler.step() converts by the analysis' answer.
            context.Report(DiagnosticCodes.AnalysisDisagrees, call,
                $"internal: the analysis decided that this scheduler {(converted ? "does not convert" : "converts")}, and its conversion did not agree");
        }
        if (converted)
        {
            var statement = SyntaxShapes.Enclosing<PythonParser.Simple_stmtContext>(call)!;
            var counter = PyAssign.Of(Py.Named(context.StepNames.Counter(schedule)), PyLiteral.Int(0));
            context.Plan.InsertAfter(statement,
                [context.Edits.Newline() + context.Edits.Indentation(SyntaxShapes.Enclosing<PythonParser.StatementContext>(call)!.Start), .. PyBlockPrinter.Print(counter)]);
        }
    }

    /// <summary>The optimizer's <c>lr</c> argument (its code), or the optimizer entry's default.</summary>
    internal static TextPart[]? LearningRate(PythonParser.CallExprContext optimizer, ConversionContext context) =>
        StepConversions.LearningRate(optimizer, context.Model, context.Maps) switch
        {
            { Argument: { } argument } => [TextPart.Of(argument)],
            { Default: { } value } => [value],
            _ => null,
        };

    /// <summary><c>milestones=[30, 80]</c>, <c>gamma=0.1</c> → <c>{30: 0.1, 80: 0.1}</c>: Optax's
/// <c>piecewise_constant_schedule</c> scales from the count equal to a boundary on
/// (<c>max(0, sign(b - count))</c> is 0 there), as torch does at a milestone.</summary>
    private static TextPart[]? Boundaries(Dictionary<string, TextPart[]> values, MapEntry entry, ConversionContext context, out string? problem)
    {
        problem = "milestones must be a literal list of distinct integers";
        if (!values.TryGetValue("milestones", out var milestones) || milestones is not [TextPart.Source source])
        {
            return null;
        }
        if (StepConversions.Milestones(context.Text(source)) is not { } numbers)
        {
            return null;
        }
        problem = null;
        var gamma = SourceValue.Of(values.TryGetValue("gamma", out var given) ? given : [entry.Arguments.GetValueOrDefault("gamma")?.Default ?? "0.1"], context).Node;
        var boundaries = new PyDict(numbers.Order().Select(number => new PyDictEntry(PyLiteral.Int(number), gamma)).ToList());
        values.Remove("milestones");
        values.Remove("gamma");
        return PyPrinter.Print(boundaries);
    }

    private static void Report(HookSite site, ConversionContext context, string problem) =>
        context.Report(DiagnosticCodes.Unsupported, site.Reference,
            $"{site.Entry.Torch} is not converted: {problem}; use an optax schedule with optax.inject_hyperparams, set per scheduler.step()");
}
