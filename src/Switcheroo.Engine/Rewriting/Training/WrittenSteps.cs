using Switcheroo.Engine.Analysis.Training;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// What rewriting did with the recognised training steps (<see cref="TrainingSteps"/>, a fact):
/// which were written and the names of their trained variables, the checkpoint a step starts from,
/// and the step counter of each converted schedule. The hooks on a step's neighbours (a
/// <c>torch.save</c> after it, a <c>load_state_dict</c> before it, <c>scheduler.step()</c>) read it
/// in work deferred until every conversion is planned, since whether a step is written depends on
/// conversions elsewhere (its optimizer's own).
/// </summary>
internal sealed class WrittenSteps
{
    private readonly Dictionary<TrainingStep, TrainedVariables> _written = new();
    private readonly Dictionary<TrainingStep, (string Name, bool Strict)> _checkpoints = new();
    private readonly Dictionary<Schedule, string> _counters = new();

    /// <summary>Records that a step's functional form was written, and the names of the trained variables.</summary>
    public void Written(TrainingStep step, TrainedVariables variables) => _written[step] = variables;

    public bool IsWritten(TrainingStep step) => _written.ContainsKey(step);

    /// <summary>The trained variables of a written step, or null.</summary>
    public TrainedVariables? VariablesOf(TrainingStep step) => _written.GetValueOrDefault(step);

    /// <summary>Records a checkpoint loaded into the model before its step: the step's variables start from it (fine-tuning).</summary>
    public void StartFrom(TrainingStep step, string checkpoint, bool strict) => _checkpoints[step] = (checkpoint, strict);

    /// <summary>The name holding the checkpoint a step's variables start from (and whether it loads strictly), or null.</summary>
    public (string Name, bool Strict)? CheckpointOf(TrainingStep step) => _checkpoints.TryGetValue(step, out var checkpoint) ? checkpoint : null;

    /// <summary>Records the name counting a converted schedule's steps.</summary>
    public void Counts(Schedule schedule, string counter) => _counters[schedule] = counter;

    /// <summary>The name counting a schedule's steps, once its construction is converted; else null.</summary>
    public string? CounterOf(Schedule schedule) => _counters.GetValueOrDefault(schedule);
}

/// <summary>The names a written step keeps the model's variables in, by collection (<c>params</c> → <c>params</c>).</summary>
internal sealed record TrainedVariables(IReadOnlyList<(string Collection, string Name)> Collections, string OptimizerState)
{
    /// <summary>The variables as a Flax variables dict: <c>{"params": params, "batch_stats": batch_stats}</c>.</summary>
    public override string ToString() => "{" + string.Join(", ", Collections.Select(c => $"\"{c.Collection}\": {c.Name}")) + "}";

    /// <summary><c>params, batch_stats = variables["params"], variables["batch_stats"]</c> for a dict named <paramref name="tree"/>.</summary>
    public string Unpack(string tree) =>
        string.Join(", ", Collections.Select(c => c.Name)) + " = " + string.Join(", ", Collections.Select(c => $"{tree}[\"{c.Collection}\"]"));
}

