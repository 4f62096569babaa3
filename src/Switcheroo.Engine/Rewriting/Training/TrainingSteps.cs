using Antlr4.Runtime;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// The training steps of a file, recognised once (<see cref="StepPattern"/>) so that the hooks on
/// their parts agree: <c>optimizer.step()</c> writes the functional step (<see cref="StepWriter"/>);
/// <c>zero_grad()</c>, <c>backward()</c> and <c>clip_grad_norm_</c> leave a recognised step to it, and
/// elsewhere report the pattern that stopped the conversion.
/// </summary>
internal sealed class TrainingSteps
{
    private readonly Dictionary<PythonParser.CallExprContext, TrainingStep> _steps = new();
    private readonly Dictionary<PythonParser.CallExprContext, string> _problems = new();
    private readonly Dictionary<PythonParser.StatementContext, TrainingStep> _owners = new();
    private readonly Dictionary<TrainingStep, TrainedVariables> _written = new();
    private readonly Dictionary<TrainingStep, string> _checkpoints = new();

    private readonly ParserRuleContext _root;

    public TrainingSteps(ConversionContext context)
    {
        _root = context.Tree.Root!;
        var facts = new TensorFacts(context.Model, context.Maps);
        var pattern = new StepPattern(context, facts);
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(context.Tree.Root!))
        {
            if (call.expr() is not PythonParser.AttributeExprContext { } callee || callee.name().GetText() != "step"
                || !facts.IsBuiltBy(callee.expr(), "torch.optim"))
            {
                continue;
            }
            if (pattern.Recognize(call, out var problem) is { } step)
            {
                _steps[call] = step;
                foreach (var statement in step.Statements)
                {
                    _owners[statement] = step;
                }
            }
            else
            {
                _problems[call] = problem;
            }
        }
    }

    /// <summary>The recognised step of an <c>optimizer.step()</c> call, or null with the reason.</summary>
    public TrainingStep? At(PythonParser.CallExprContext step, out string? problem)
    {
        problem = _problems.GetValueOrDefault(step);
        return _steps.GetValueOrDefault(step);
    }

    /// <summary>The recognised step a statement is part of, if any.</summary>
    public TrainingStep? Owner(ParserRuleContext node) =>
        SyntaxShapes.Enclosing<PythonParser.StatementContext>(node) is { } statement ? _owners.GetValueOrDefault(statement) : null;

    /// <summary>Why the training step of the loop around a node was not converted (null when no step there failed).</summary>
    public string? ProblemAround(ParserRuleContext node)
    {
        var loop = StepPattern.OutermostLoop(node);
        return loop is null ? null : _problems.FirstOrDefault(p => StepPattern.OutermostLoop(p.Key) == loop).Value;
    }

    /// <summary>Whether the function (or module) around a node calls <c>backward()</c> outside every recognised step.</summary>
    public bool HasUnconvertedBackward(ParserRuleContext node)
    {
        ParserRuleContext scope = (ParserRuleContext?)SyntaxShapes.Enclosing<PythonParser.Function_defContext>(node) ?? _root;
        return ParseTrees.Descendants<PythonParser.CallExprContext>(scope).Any(c =>
            c.expr() is PythonParser.AttributeExprContext { } a && a.name().GetText() == "backward" && Owner(c) is null);
    }

    /// <summary>Records that a step's functional form was written, and the names of the trained variables.</summary>
    public void Written(TrainingStep step, TrainedVariables variables) => _written[step] = variables;

    public bool IsWritten(TrainingStep step) => _written.ContainsKey(step);

    /// <summary>The trained variables of a written step, or null.</summary>
    public TrainedVariables? VariablesOf(TrainingStep step) => _written.GetValueOrDefault(step);

    /// <summary>The first recognised step that trains a model named <paramref name="model"/> in a scope after a node.</summary>
    public TrainingStep? TrainedAfter(string model, Binding.Scope scope, ParserRuleContext node) =>
        _steps.Values.Where(s => s.Model == model && s.Scope == scope && s.Loop.Start.TokenIndex > node.Stop.TokenIndex)
            .OrderBy(s => s.Loop.Start.TokenIndex).FirstOrDefault();

    /// <summary>Records a checkpoint loaded into the model before its step: the step's variables start from it (fine-tuning).</summary>
    public void StartFrom(TrainingStep step, string checkpoint) => _checkpoints[step] = checkpoint;

    /// <summary>The name holding the checkpoint a step's variables start from, or null.</summary>
    public string? CheckpointOf(TrainingStep step) => _checkpoints.GetValueOrDefault(step);

    /// <summary>The recognised step that trains a model named <paramref name="model"/> in the scope of a later node.</summary>
    public TrainingStep? Trained(string model, Binding.Scope scope, ParserRuleContext node) =>
        _steps.Values.LastOrDefault(s => s.Model == model && s.Scope == scope && s.StepStatement.Stop.TokenIndex < node.Start.TokenIndex);
}

/// <summary>The names a written step keeps the model's variables in, by collection (<c>params</c> → <c>params</c>).</summary>
internal sealed record TrainedVariables(IReadOnlyList<(string Collection, string Name)> Collections)
{
    /// <summary>The variables as a Flax variables dict: <c>{"params": params, "batch_stats": batch_stats}</c>.</summary>
    public override string ToString() => "{" + string.Join(", ", Collections.Select(c => $"\"{c.Collection}\": {c.Name}")) + "}";

    /// <summary><c>params, batch_stats = variables["params"], variables["batch_stats"]</c> for a dict named <paramref name="tree"/>.</summary>
    public string Unpack(string tree) =>
        string.Join(", ", Collections.Select(c => c.Name)) + " = " + string.Join(", ", Collections.Select(c => $"{tree}[\"{c.Collection}\"]"));
}
