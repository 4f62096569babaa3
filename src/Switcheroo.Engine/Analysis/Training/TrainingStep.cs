using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

/// <summary>
/// One recognised torch training step, in the block of a loop:
/// <code>
/// optimizer.zero_grad()                       ZeroGrads (before, between or after; removed)
/// outputs = model(images)                     Region: from the forward call to the loss,
/// loss = criterion(outputs, labels)              plain assignments only (the loss function's body)
/// loss.backward()                             Backward
/// clip_grad_norm_(model.parameters(), 1.0)    Clip (optional; moves into the Optax chain)
/// optimizer.step()                            Step
/// </code>
/// <see cref="Caller"/> is set when the model and the optimizer are parameters of the step's function;
/// <see cref="Accumulation"/> when <c>step()</c> and <c>zero_grad()</c> run every k batches (gradient accumulation).
/// </summary>
internal sealed record TrainingStep(
    PythonParser.CallExprContext Step,
    PythonParser.StatementContext StepStatement,
    PythonParser.StatementContext Backward,
    IReadOnlyList<PythonParser.StatementContext> Region,
    IReadOnlyList<PythonParser.StatementContext> ZeroGrads,
    PythonParser.StatementContext? Clip,
    PythonParser.ArgumentContext? MaxNorm,
    PythonParser.CallExprContext Forward,
    PythonParser.StatementContext Loop,
    PythonParser.CallExprContext OptimizerConstruction,
    Scope Scope,
    string Model,
    string Optimizer,
    string Loss,
    StepCaller? Caller = null,
    Accumulation? Accumulation = null,
    Amp? Amp = null)
{
    /// <summary>The first statement the step's lines replace: the first of the loss computation, or the <c>with torch.autocast</c> around it.</summary>
    public PythonParser.StatementContext First =>
        Amp?.Autocast is { } autocast && autocast.Start.TokenIndex < Region[0].Start.TokenIndex ? autocast : Region[0];

    /// <summary>
    /// The last statement the step's lines replace: <c>step()</c>'s, or when gradients accumulate the last of the
    /// <c>if</c> around it (its block's DEDENT belongs to the next line's indentation).
    /// </summary>
    public PythonParser.StatementContext End => Accumulation?.If.if_stmt().block().statement()[^1] ?? StepStatement;

    /// <summary>The scope that holds the model, the optimizer and their state: the callers' when the step's function receives them.</summary>
    public Scope StateScope => Caller?.Scope ?? Scope;

    /// <summary>The model's name in <see cref="StateScope"/>.</summary>
    public string StateModel => Caller?.Model ?? Model;

    /// <summary>The optimizer's name in <see cref="StateScope"/>.</summary>
    public string StateOptimizer => Caller?.Optimizer ?? Optimizer;

    /// <summary>The token in <see cref="StateScope"/> after which the model is trained: the step, or the first call of its function.</summary>
    public int TrainedFrom => Caller?.First.Stop.TokenIndex ?? StepStatement.Stop.TokenIndex;

    /// <summary>Every statement the conversion replaces or removes.</summary>
    public IEnumerable<PythonParser.StatementContext> Statements =>
        Region.Concat(ZeroGrads).Append(Backward).Append(StepStatement).Concat(Clip is null ? [] : [Clip])
            .Concat(new[] { Amp?.Unscale, Amp?.Update, Amp?.Autocast }.OfType<PythonParser.StatementContext>());

    /// <summary>Whether a token lies in one of the region's statements.</summary>
    public bool InRegion(int token) => Region.Any(s => s.Start.TokenIndex <= token && token <= s.Stop.TokenIndex);
}
