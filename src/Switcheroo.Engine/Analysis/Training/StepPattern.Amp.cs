using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

// Automatic mixed precision: GradScaler's scale/unscale_/step/update around a step, autocast around its loss.
internal sealed partial class StepPattern
{
    /// <summary>The hook of AMP's loss scaler (<c>torch.cuda.amp.GradScaler</c>'s entry and its methods').</summary>
    public const string ScalerHook = "grad_scaler";

    /// <summary>The hook of <c>torch.autocast</c> and its aliases.</summary>
    public const string AutocastHook = "autocast";

    /// <summary>A name holding a GradScaler where it is read.</summary>
    internal static bool IsScaler(TensorFacts facts, MapSet maps, PythonParser.ExprContext receiver) =>
        facts.BuiltClass(receiver) is { } built && maps.Find(built)?.Hook == ScalerHook;

    /// <summary>The optimizer of <c>scaler.step(optimizer)</c>: one positional name.</summary>
    private PythonParser.NameAtomContext? ScaledOptimizer(PythonParser.CallExprContext step) =>
        SyntaxShapes.Arguments(step) is [PythonParser.PositionalArgumentContext argument]
        && ModelBindings.NameOf(argument) is { } name && IsOptimizer(facts, maps, name)
            ? name
            : null;

    /// <summary>
    /// The scaler's other statements in the step's block: at most one <c>scaler.unscale_(optimizer)</c> between
    /// <c>backward()</c> and <c>step()</c> (before clipping) and one <c>scaler.update()</c> after <c>step()</c>; the loop
    /// uses the scaler nowhere else (<c>get_scale()</c> and the like read torch's scale).
    /// </summary>
    private (string Scaler, PythonParser.StatementContext? Unscale, PythonParser.StatementContext? Update)? AmpOf(string scaler, string optimizer,
        PythonParser.StatementContext loop, IReadOnlyList<PythonParser.StatementContext> siblings, int backward, int step, out string problem)
    {
        problem = string.Empty;
        PythonParser.StatementContext? unscale = null, update = null;
        foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(loop).Where(n => n.GetText() == scaler))
        {
            var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(use)!;
            int index = IndexIn(siblings, statement);
            if (Within(siblings, backward, use) || Within(siblings, step, use))
            {
                continue; // scaler.scale(loss).backward(), scaler.step(optimizer) (in an accumulation's if too)
            }
            var call = use.Parent is PythonParser.AttributeExprContext { Parent: PythonParser.CallExprContext c } ? c : null;
            var method = (call?.expr() as PythonParser.AttributeExprContext)?.name().GetText();
            if (call is not null && SyntaxShapes.IsWholeStatement(call) && method == "unscale_" && unscale is null && backward < index && index < step
                && SyntaxShapes.Arguments(call) is [PythonParser.PositionalArgumentContext given] && given.GetText() == optimizer)
            {
                unscale = statement;
            }
            else if (call is not null && SyntaxShapes.IsWholeStatement(call) && method == "update" && call.arguments() is null && update is null && index > step)
            {
                update = statement;
            }
            else
            {
                problem = $"the loop uses the GradScaler '{scaler}' other than as scale(loss).backward(), unscale_(optimizer) before step(optimizer), step(optimizer) and update() after it, in the step's block";
                return null;
            }
        }
        return (scaler, unscale, update);
    }

    /// <summary>Whether a node lies in the block's statement at <paramref name="index"/>.</summary>
    private static bool Within(IReadOnlyList<PythonParser.StatementContext> siblings, int index, Antlr4.Runtime.ParserRuleContext node) =>
        index >= 0 && index < siblings.Count && siblings[index].Start.TokenIndex <= node.Start.TokenIndex && node.Stop.TokenIndex <= siblings[index].Stop.TokenIndex;

    /// <summary><c>with torch.autocast(...):</c> (or an alias), its only item, without <c>as</c>.</summary>
    private bool IsAutocast(PythonParser.StatementContext statement) =>
        statement.with_stmt() is { } with && with.with_item() is [{ } item] && item.AS() is null && with.block().statement().Length > 0
        && SyntaxShapes.AtomOf(item.expression()) is PythonParser.CallExprContext call
        && semantic.QualifiedName(call.expr()) is { } name && maps.Find(name)?.Hook == AutocastHook;
}

/// <summary>
/// The AMP parts of a step: the GradScaler's name, its <c>unscale_</c> and <c>update</c> statements (when present),
/// and the <c>with torch.autocast(...):</c> whose body is (part of) the loss computation. All go with the step.
/// </summary>
internal sealed record Amp(string? Scaler, PythonParser.StatementContext? Unscale, PythonParser.StatementContext? Update, PythonParser.StatementContext? Autocast);
