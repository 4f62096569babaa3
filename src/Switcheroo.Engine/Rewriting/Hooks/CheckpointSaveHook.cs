using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
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

    private static void Report(HookSite site, ConversionContext context, string problem) =>
        context.Report(DiagnosticCodes.Unsupported, site.Reference,
            $"torch.save is not converted: {problem}; torch.save pickles torch objects (use switcheroo_runtime.KeyMapper.save(path, variables), an .npz)");
}
