using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// The names of new code a written training step introduces, fresh in its scope and the same for
/// every pass that writes them: the step's writer, and the hooks on its neighbours, which convert
/// in whatever order the translator meets them (a <c>torch.save</c> of the trained variables, a
/// checkpoint loaded before or after the step, a schedule's step counter). A name is chosen the
/// first time any of them asks for it. Whether a step or a schedule converts is a fact
/// (<see cref="StepConversions"/>), not something passes learn here.
/// </summary>
internal sealed class StepNames(ConversionContext context)
{
    private readonly Dictionary<(TrainingStep Step, string Name), string> _names = new();
    private readonly Dictionary<PythonParser.CallExprContext, string> _checkpoints = new();

    /// <summary>A name for new code in a step's scope (<c>params</c>, else <c>params2</c>...), the same for every use in this step.</summary>
    public string Name(TrainingStep step, string name)
    {
        if (!_names.TryGetValue((step, name), out var fresh))
        {
            // State that flows from the callers into the step's function has one name in both.
            _names[(step, name)] = fresh = context.Edits.FreshName(name, Scopes(step));
        }
        return fresh;
    }

    /// <summary>The classes the step's model may be, when what they need to be applied is known (<see cref="ModelNames.KnownForApplying"/>).</summary>
    public List<string>? KnownClasses(TrainingStep step) => ModelNames.KnownForApplying(step.Forward.expr(), context);

    /// <summary>Whether the step's model keeps batch statistics (a model not known here is taken to).</summary>
    public bool KeepsBatchStats(TrainingStep step) =>
        KnownClasses(step) is not { } classes || classes.Any(context.Facts.TrainState.KeepsBatchStats);

    /// <summary>The names a written step keeps the model's variables and the optimizer state in.</summary>
    public TrainedVariables Variables(TrainingStep step) =>
        new(KeepsBatchStats(step) ? [("params", Name(step, "params")), ("batch_stats", Name(step, "batch_stats"))] : [("params", Name(step, "params"))],
            // Clipping chains before the optimizer: its state is the chain's second.
            step.MaxNorm is null ? Py.Named(Name(step, "opt_state")) : new PySubscript(Py.Named(Name(step, "opt_state")), PyLiteral.Int(1)));

    /// <summary>The name counting a converted schedule's steps.</summary>
    public string Counter(Schedule schedule) => Name(schedule.Step, schedule.Scheduler + "_steps");

    /// <summary>The name holding the checkpoint a <c>load_state_dict</c> statement loads, in its scope.</summary>
    public string Checkpoint(PythonParser.CallExprContext load, Scope scope, string fresh = "checkpoint")
    {
        if (!_checkpoints.TryGetValue(load, out var name))
        {
            _checkpoints[load] = name = context.Edits.FreshName(fresh, scope.Node);
        }
        return name;
    }

    /// <summary>The scopes a step's names live in: its own; with callers, theirs and the evaluation functions' too.</summary>
    private List<Antlr4.Runtime.ParserRuleContext> Scopes(TrainingStep step) => step.Caller is not { } caller
        ? [step.Scope.Node]
        : [step.Scope.Node, caller.Scope.Node, .. context.Facts.TrainingSteps.Evaluations.Where(e => e.Step == step).Select(e => e.Function)];
}

/// <summary>The names a written step keeps the model's variables in, by collection (<c>params</c> → <c>params</c>), and its optimizer state.</summary>
internal sealed record TrainedVariables(IReadOnlyList<(string Collection, string Name)> Collections, Py OptimizerState)
{
    /// <summary>The variables as a Flax variables dict: <c>{"params": params, "batch_stats": batch_stats}</c>.</summary>
    public PyDict Dict() => new(Collections.Select(c => new PyDictEntry(PyLiteral.String(c.Collection), Py.Named(c.Name))).ToList());

    /// <summary>The dict's text, as messages quote it.</summary>
    public override string ToString() => PyText.Of(Dict());

    /// <summary><c>params, batch_stats = variables["params"], variables["batch_stats"]</c> for a dict named <paramref name="tree"/>.</summary>
    public PyAssign Unpack(string tree) =>
        new(Collections.Select(c => Py.Named(c.Name)).ToList(), Collections.Select(c => (Py)new PySubscript(Py.Named(tree), PyLiteral.String(c.Collection))).ToList());
}

