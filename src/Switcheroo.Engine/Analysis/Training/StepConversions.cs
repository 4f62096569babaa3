using System.Globalization;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

/// <summary>
/// What becomes of the recognised training steps (<see cref="TrainingSteps"/>), decided before any
/// edit so that the hooks on a step's neighbours agree with its writer without waiting for it:
/// <list type="bullet">
/// <item>a step is written when its optimizer's construction converts (its map entry's template
/// takes the call: <see cref="TemplateCalls"/>); then <c>torch.save</c> after it, <c>load_state_dict</c>
/// before or after it and <c>clip_grad_norm_</c> in it convert;</item>
/// <item>the checkpoint a written step starts from: the last <c>model.load_state_dict(...)</c>
/// statement before its loop in its scope (fine-tuning);</item>
/// <item>a scheduler of a written step's optimizer converts when the optimizer's learning rate is
/// known, its milestones (if its template needs them) are literal, and its template takes the call;
/// then its <c>scheduler.step()</c> and <c>get_last_lr()</c> convert.</item>
/// </list>
/// The writer and the hooks check that their own conversion agrees (SWR4003 otherwise).
/// </summary>
internal sealed class StepConversions
{
    private readonly Dictionary<TrainingStep, string> _unwritten = new();
    private readonly Dictionary<TrainingStep, CheckpointLoad> _starts = new();
    private readonly Dictionary<TrainingStep, CheckpointLoad> _optimizerStarts = new();
    private readonly HashSet<Schedule> _schedules = new();

    /// <param name="tree">the file (argument texts)</param>
    /// <param name="model">its bindings</param>
    /// <param name="maps">the maps (the optimizers' and schedulers' entries)</param>
    /// <param name="steps">the recognised steps and schedules</param>
    public StepConversions(SyntaxTree tree, SemanticModel model, MapSet maps, TrainingSteps steps)
    {
        foreach (var step in steps.All)
        {
            if (OptimizerProblem(step.OptimizerConstruction, tree, model, maps, steps) is not null)
            {
                _unwritten[step] = $"the optimizer '{step.Optimizer}' itself is not converted";
            }
        }
        foreach (var schedule in steps.Schedules)
        {
            if (Writes(schedule.Step) && ScheduleProblem(schedule, tree, model, maps) is null)
            {
                _schedules.Add(schedule);
            }
        }
        if (maps.FindMember("load_state_dict", EntryKind.Method)?.Hook != "checkpoint_keys")
        {
            return;
        }
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(tree.Root!))
        {
            if (call.expr() is PythonParser.AttributeExprContext { } callee && callee.name().GetText() == "load_state_dict"
                && CheckpointLoad.Of(call, callee.expr()) is { } load
                && model.ScopeOf(load.Receiver) is var scope && steps.Trained(load.Model, scope, call) is null
                && steps.TrainedAfter(load.Model, scope, call) is { } step && Writes(step))
            {
                // The last load before the step is the one it starts from.
                _starts[step] = load;
            }
            else if (call.expr() is PythonParser.AttributeExprContext { } member && member.name().GetText() == "load_state_dict"
                && CheckpointLoad.Of(call, member.expr()) is { } optimizerLoad && model.ScopeOf(optimizerLoad.Receiver) is var optimizerScope
                && steps.OptimizerStepped(optimizerLoad.Model, optimizerScope, call) is null
                && steps.OptimizerStepsAfter(optimizerLoad.Model, optimizerScope, call) is { } resumed && Writes(resumed))
            {
                // opt.load_state_dict(...) before the step: its state starts from the checkpoint's (resuming).
                _optimizerStarts[resumed] = optimizerLoad;
            }
        }
    }

    /// <summary>Whether a recognised step is written in functional form.</summary>
    public bool Writes(TrainingStep step) => !_unwritten.ContainsKey(step);

    /// <summary>Why a recognised step is not written, or null when it is.</summary>
    public string? Unwritten(TrainingStep step) => _unwritten.GetValueOrDefault(step);

    /// <summary>The checkpoint load a written step's variables start from, or null.</summary>
    public CheckpointLoad? StartOf(TrainingStep step) => _starts.GetValueOrDefault(step);

    /// <summary>The <c>optimizer.load_state_dict(...)</c> a written step's optimizer state starts from (resuming), or null.</summary>
    public CheckpointLoad? OptimizerStartOf(TrainingStep step) => _optimizerStarts.GetValueOrDefault(step);

    /// <summary>Whether a scheduler's construction converts to an Optax schedule.</summary>
    public bool Converts(Schedule schedule) => _schedules.Contains(schedule);

    private static string? OptimizerProblem(PythonParser.CallExprContext call, SyntaxTree tree, SemanticModel model, MapSet maps, TrainingSteps steps)
    {
        if (model.QualifiedName(call.expr()) is not { } name || maps.Find(name) is not { } entry)
        {
            return "it has no mapping";
        }
        if (entry.Unsupported is not null || entry.Kind is not (EntryKind.Class or EntryKind.Function))
        {
            return "its entry does not convert it";
        }
        if (entry.Hook == MapSet.OptimizerHook)
        {
            if (CallArguments.Of(call.arguments()).FirstOrDefault() is PythonParser.PositionalArgumentContext first
                && SyntaxShapes.AtomOf(first) is PythonParser.ListAtomContext or PythonParser.DictOrSetAtomContext)
            {
                return "parameter groups";
            }
            // A scheduled optimizer gets its learning rate injected (its value is the argument or the default).
            var given = steps.IsScheduled(call) && LearningRate(call, model, maps) is not null ? ["lr"] : Array.Empty<string>();
            return TemplateCalls.Problem(call, entry, tree, given, []);
        }
        return entry.Hook == "template" ? TemplateCalls.Problem(call, entry, tree, [], []) : "its entry's hook is not a template";
    }

    private static string? ScheduleProblem(Schedule schedule, SyntaxTree tree, SemanticModel model, MapSet maps)
    {
        var construction = schedule.Construction;
        if (LearningRate(schedule.Step.OptimizerConstruction, model, maps) is null)
        {
            return "the optimizer's learning rate is not known";
        }
        if (model.QualifiedName(construction.expr()) is not { } name || maps.Find(name) is not { } entry)
        {
            return "it has no mapping";
        }
        if (entry.Options.GetValueOrDefault("template")?.Contains("{boundaries}", StringComparison.Ordinal) != true)
        {
            return TemplateCalls.Problem(construction, entry, tree, ["initial_lr"], []);
        }
        var milestones = CallArguments.Bind(construction.arguments(), entry.Parameters, out _)?.FirstOrDefault(a => a.Parameter == "milestones");
        return milestones is null || entry.Arguments.GetValueOrDefault("milestones") is { Values.Count: > 0 } || Milestones(tree.Text(milestones.Value)) is null
            ? "milestones must be a literal list of distinct integers"
            : TemplateCalls.Problem(construction, entry, tree, ["initial_lr", "boundaries"], ["milestones", "gamma"]);
    }

    /// <summary>An optimizer's learning rate: its <c>lr</c> argument, else its entry's default (text); null when neither.</summary>
    internal static (ParserRuleContext? Argument, string? Default)? LearningRate(PythonParser.CallExprContext optimizer, SemanticModel model, MapSet maps)
    {
        if (model.QualifiedName(optimizer.expr()) is not { } name || maps.Find(name) is not { } entry)
        {
            return null;
        }
        var bound = CallArguments.Bind(optimizer.arguments(), entry.Parameters, out _);
        if (bound?.FirstOrDefault(a => a.Parameter == "lr") is { } lr)
        {
            return (lr.Value, null);
        }
        return entry.Arguments.GetValueOrDefault("lr")?.Default is { } value ? (null, value) : null;
    }

    /// <summary>The milestones of <c>[30, 80]</c> or <c>(30, 80)</c>: distinct integer literals; null for anything else.</summary>
    internal static List<int>? Milestones(string text)
    {
        var trimmed = text.Trim();
        if (!(trimmed.StartsWith('[') || trimmed.StartsWith('(')))
        {
            return null;
        }
        var numbers = new List<int>();
        foreach (var item in trimmed.TrimStart('[', '(').TrimEnd(']', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || numbers.Contains(number))
            {
                return null;
            }
            numbers.Add(number);
        }
        return numbers.Count == 0 ? null : numbers;
    }
}

/// <summary>
/// <c>model.load_state_dict(state_dict[, strict])</c> as a statement of its own, with a literal
/// <c>strict</c>: the shape the <c>checkpoint_keys</c> hook converts.
/// </summary>
internal sealed record CheckpointLoad(PythonParser.CallExprContext Call, PythonParser.NameAtomContext Receiver,
    PythonParser.PositionalArgumentContext StateDict, bool Strict)
{
    public string Model => Receiver.GetText();

    /// <summary>The load a call is, given its receiver; null when it is not of that shape.</summary>
    public static CheckpointLoad? Of(PythonParser.CallExprContext call, PythonParser.ExprContext? receiver)
    {
        var name = ModelBindings.NameOf(receiver);
        var arguments = CallArguments.Of(call.arguments());
        var strict = arguments.Count == 2 ? arguments[1].GetText() : "True";
        if (name is null || !SyntaxShapes.IsWholeStatement(call) || arguments.Count is < 1 or > 2
            || arguments[0] is not PythonParser.PositionalArgumentContext stateDict
            || strict is not ("True" or "strict=True" or "False" or "strict=False"))
        {
            return null;
        }
        // strict=False: torch keeps a module's own values for missing keys.
        return new CheckpointLoad(call, name, stateDict, strict.EndsWith("True", StringComparison.Ordinal));
    }
}
