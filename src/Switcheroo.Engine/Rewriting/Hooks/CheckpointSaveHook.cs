using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Engine.Rewriting.Training;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>checkpoint_save</c>: <c>torch.save(model.state_dict(), path)</c> after a converted training step
/// of that model, in the same scope, saves the trained variables in the runtime's documented format
/// (an <c>.npz</c> of the variable tree with flat names, <c>params/fc/kernel</c>; no pickle):
/// <code>
/// torch.save(model.state_dict(), "net.pt")
///     →  switcheroo_runtime.KeyMapper.save("net.pt", {"params": params, "batch_stats": batch_stats})
/// </code>
/// <c>KeyMapper.load(path)</c> reads it back. Caveat: anything else saved (a whole model, an
/// optimizer's state, a dict of several things) is pickled torch objects and is reported.
/// </summary>
public sealed class CheckpointSaveHook : IHook
{
    public string Name => "checkpoint_save";

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call;
        var arguments = CallArguments.Of(call?.arguments());
        var model = arguments.Count == 2 && arguments.All(a => a is PythonParser.PositionalArgumentContext)
            && SyntaxShapes.AtomOf(arguments[0]) is PythonParser.CallExprContext { } stateDict && stateDict.arguments() is null
            && stateDict.expr() is PythonParser.AttributeExprContext { } member && member.name().GetText() == "state_dict"
            ? ModelNames.NameOf(member.expr()) : null;
        if (model is null && arguments.Count == 2 && arguments.All(a => a is PythonParser.PositionalArgumentContext)
            && SyntaxShapes.AtomOf(arguments[0]) is PythonParser.DictOrSetAtomContext dict)
        {
            SaveDict(site, context, dict, arguments[1]);
            return;
        }
        var step = model is null ? null : context.Facts.TrainingSteps.Trained(model.GetText(), context.Model.ScopeOf(model), call!);
        if (step is null)
        {
            Report(site, context, "only torch.save(model.state_dict(), path) after the model's converted training step, in the same scope, converts");
            return;
        }
        if (!context.Facts.StepConversions.Writes(step))
        {
            Report(site, context, "the model's training step is not converted");
            return;
        }
        // The state_dict() call goes with what it returned; the path keeps its own conversions.
        var save = Py.CallOf(new PyAttribute(Py.Named(context.Targets.Reference("switcheroo_runtime.KeyMapper")), "save"),
            Py.Source(arguments[1]), context.StepNames.Variables(step).Dict());
        context.Plan.Discard(call!.Start.TokenIndex, call.Stop.TokenIndex, PyPrinter.Print(save));
        context.MarkConverted(site.Reference);
    }

    /// <summary>
    /// <c>torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, path)</c>
    /// after the model's converted step: <c>switcheroo_runtime.save_checkpoint(path, {"model": variables,
    /// "optimizer": opt_state, "epoch": epoch})</c>, one <c>.npz</c>. Every <c>state_dict()</c> in it must be the
    /// trained model's or its step's optimizer's; the other entries are kept as written.
    /// </summary>
    private static void SaveDict(HookSite site, ConversionContext context, PythonParser.DictOrSetAtomContext dict, PythonParser.ArgumentContext path)
    {
        var call = site.Call!;
        if (Entries(dict) is not { } entries)
        {
            Report(site, context, "a checkpoint dict converts when written as {key: value, ...} (no ** or comprehension)");
            return;
        }
        TrainingStep? step = null;
        var states = new Dictionary<PythonParser.ExpressionContext, string>();
        foreach (var (_, value) in entries)
        {
            if (value.GetText().EndsWith(".state_dict()", StringComparison.Ordinal)
                && SyntaxShapes.AtomOf(value) is PythonParser.CallExprContext { } stateDict && stateDict.arguments() is null
                && stateDict.expr() is PythonParser.AttributeExprContext { } member && ModelNames.NameOf(member.expr()) is { } owner)
            {
                states[value] = owner.GetText();
                step ??= context.Facts.TrainingSteps.Trained(owner.GetText(), context.Model.ScopeOf(owner), call);
            }
            else if (ParseTrees.Descendants<PythonParser.AttributeExprContext>(value).Any(a => a.name().GetText() == "state_dict"))
            {
                Report(site, context, $"the entry {value.GetText()} reads a state_dict() other than as the entry itself");
                return;
            }
        }
        if (step is null || !context.Facts.StepConversions.Writes(step))
        {
            Report(site, context, "a checkpoint dict converts after its model's converted training step, in the same scope");
            return;
        }
        var variables = context.StepNames.Variables(step);
        var optimizerState = context.StepNames.Name(step, "opt_state");
        var items = new List<PyDictEntry>();
        foreach (var (key, value) in entries)
        {
            Py saved = Py.Source(value);
            if (states.TryGetValue(value, out var owner))
            {
                if (owner == step.StateModel)
                {
                    saved = variables.Dict();
                }
                else if (owner == step.StateOptimizer)
                {
                    saved = Py.Named(optimizerState);
                }
                else
                {
                    Report(site, context, $"'{owner}.state_dict()' is neither the trained model's nor its optimizer's (a scheduler's or a scaler's state has no counterpart)");
                    return;
                }
            }
            items.Add(new PyDictEntry(Py.Source(key), saved));
        }
        var save = Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.save_checkpoint")), Py.Source(path), new PyDict(items));
        context.Plan.Discard(call.Start.TokenIndex, call.Stop.TokenIndex, PyPrinter.Print(save));
        context.MarkConverted(site.Reference);
    }

    /// <summary>The key and value expressions of a dict display, or null for a set, <c>**</c> or a comprehension.</summary>
    private static List<(Antlr4.Runtime.ParserRuleContext Key, PythonParser.ExpressionContext Value)>? Entries(PythonParser.DictOrSetAtomContext dict)
    {
        var entries = new List<(Antlr4.Runtime.ParserRuleContext, PythonParser.ExpressionContext)>();
        if (dict.dict_or_set() is not { } content)
        {
            return entries;
        }
        if (content.DOUBLESTAR() is not null || content.NamedExpression() is not { } firstKey || content.Value() is not { } firstValue
            || content.dict_tail() is not { } tail || tail.comprehension() is not null)
        {
            return null;
        }
        entries.Add((firstKey, firstValue));
        foreach (var item in tail.dict_item())
        {
            if (item.DOUBLESTAR() is not null)
            {
                return null;
            }
            entries.Add((item.expression(0), item.expression(1)));
        }
        return entries;
    }

    private static void Report(HookSite site, ConversionContext context, string problem) =>
        context.Report(DiagnosticCodes.Unsupported, site.Reference,
            $"torch.save is not converted: {problem}; torch.save pickles torch objects (use switcheroo_runtime.KeyMapper.save(path, variables), an .npz)");
}
