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
    string Loss)
{
    /// <summary>Every statement the conversion replaces or removes.</summary>
    public IEnumerable<PythonParser.StatementContext> Statements =>
        Region.Concat(ZeroGrads).Append(Backward).Append(StepStatement).Concat(Clip is null ? [] : [Clip]);

    /// <summary>Whether a token lies in one of the region's statements.</summary>
    public bool InRegion(int token) => Region.Any(s => s.Start.TokenIndex <= token && token <= s.Stop.TokenIndex);
}
