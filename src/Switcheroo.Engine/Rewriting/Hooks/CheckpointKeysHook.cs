using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Engine.Rewriting.Training;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>checkpoint_keys</c>: <c>model.load_state_dict(state_dict)</c> loads torch weights into a model in
/// place; a Linen module holds none, so the checkpoint becomes the model's variables, laid out as the
/// converted model declares them (<c>KeyMapper.from_torch</c>, docs/checkpoints.md). The declared tree
/// comes from <c>jax.eval_shape(model.init, ...)</c> on the model's first input, so the variables are
/// built where that input exists — at the model's first call after the load, in the same scope:
/// <code>
/// model.load_state_dict(torch.load(path))   →  checkpoint = switcheroo_runtime.load_checkpoint(path)
/// model.eval()                               →  model = model.clone(train=False)
/// out = model(x)                             →  variables = switcheroo_runtime.KeyMapper.from_torch(
///                                                   checkpoint, jax.eval_shape(model.init, jax.random.PRNGKey(0), x))
///                                               out = model.apply(variables, x)
/// </code>
/// A first call inside a loop builds them on the loop's first pass (<c>if variables is None:</c>); a
/// training step after the load starts from the checkpoint instead of fresh initial values
/// (fine-tuning); after a converted training step, the loaded weights replace the trained variables
/// (laid out like them). With <c>strict=False</c> the target is real values (<c>model.init</c>'s, or the
/// trained ones), which fill what the checkpoint lacks, as torch keeps a module's own values.
/// A load whose model is not called afterwards in the same scope but returned or passed on (a builder
/// function) makes the model carry the state_dict, <c>model = switcheroo_runtime.with_state_dict(model,
/// state_dict)</c>, whose initialisation gives the torch weights wherever the model is initialised
/// (<see cref="CarriedWeights"/>); a load into a parameter, as the last statement of a function whose every
/// call is a statement of its own, returns that model and the calls rebind the name they pass
/// (<see cref="LoadingFunction"/>). Caveats: any other load on a parameter, on a model of a class not
/// converted here, or on a model read before the load (an alias torch's load would reach), and calls
/// in training mode are reported.
/// </summary>
public sealed class CheckpointKeysHook : IHook
{
    public string Name => "checkpoint_keys";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        if (CheckpointLoad.Of(call, site.Receiver) is not { } shape)
        {
            Report(context, call, "it converts as a statement of its own, model.load_state_dict(state_dict[, strict]) with a literal strict");
            return;
        }
        // strict=False: torch keeps a module's own values for missing keys; the runtime keeps the
        // target's, so the target is then real initial values (model.init), not declared shapes.
        bool strict = shape.Strict;
        var model = shape.Model;
        var scope = context.Model.ScopeOf(shape.Receiver);
        var stateDict = shape.StateDict;
        if (LoadsOptimizer(context, call, shape, scope, stateDict))
        {
            return;
        }
        var checkpoint = context.StepNames.Checkpoint(call, scope);
        var load = PyAssign.Of(Py.Named(checkpoint), Py.Source(stateDict));
        var steps = context.Facts.StepConversions;
        if (context.Facts.TrainingSteps.Trained(model, scope, call) is { } trained)
        {
            // After training: the loaded weights replace the trained variables, laid out like them.
            if (!steps.Writes(trained))
            {
                Report(context, call, "the training step before it is not converted");
                return;
            }
            var variables = context.StepNames.Variables(trained);
            var loaded = context.Edits.FreshName("loaded", scope.Node);
            var fromTorch = CheckpointWriter.FromTorch(context, Py.Source(stateDict), variables.Dict(), strict);
            var indentation = context.Edits.Indentation(SyntaxShapes.Enclosing<PythonParser.StatementContext>(call)!.Start);
            context.Plan.Replace(call, context.Edits.StatementLines([PyAssign.Of(Py.Named(loaded), fromTorch), variables.Unpack(loaded)], indentation));
            return;
        }
        if (context.Facts.TrainingSteps.TrainedAfter(model, scope, call) is { } step)
        {
            // The step starts from the last load before it (StepConversions.StartOf), read by its writer.
            if (steps.Writes(step))
            {
                context.Plan.Replace(call, PyBlockPrinter.Print(load));
            }
            else
            {
                Report(context, call, "the training step that follows is not converted");
            }
            return;
        }
        var calls = new ModelCalls(context, scope, model);
        var later = calls.All().Where(c => c.Start.TokenIndex > call.Stop.TokenIndex).ToList();
        if (later.Count == 0)
        {
            // Loaded into a parameter (a loading function): the function returns the model carrying it, its calls rebind.
            if (LoadingFunction.Of(shape, scope) is { } function)
            {
                if (LoadingFunction.WhyNot(context, shape, function, scope) is { } reason)
                {
                    Report(context, call, reason, LoadingFunction.Instead);
                    return;
                }
                LoadingFunction.Write(context, shape, function);
                return;
            }
            // Returned or passed on (a builder): the model carries the state_dict to its init.
            if (CarriedWeights.WhyNot(context, shape, site.Receiver!, scope) is { } problem)
            {
                Report(context, call, problem, CarriedWeights.Instead);
                return;
            }
            CarriedWeights.Write(context, shape);
            return;
        }
        var classes = ModelNames.ClassesOf(site.Receiver!, context);
        if (classes is not null && classes.Any(context.Facts.TrainState.DrawsNoise))
        {
            Report(context, call, $"'{model}' draws random numbers when applied, so applying it needs a key the conversion does not invent");
            return;
        }
        if (calls.HasMode(classes) && later.Any(c => calls.ModeBefore(c) != "False"))
        {
            Report(context, call, $"'{model}' is called in training mode after it (call {model}.eval() first; training belongs in a training step)");
            return;
        }
        new CheckpointWriter(context, call, later, model, checkpoint, scope, strict).Write(load);
    }

    /// <summary>
    /// <c>optimizer.load_state_dict(checkpoint["optimizer"])</c> on the optimizer of a converted step: before
    /// the step (resuming), its state starts from <c>switcheroo_runtime.optimizer_state(saved, optimizer.init(params))</c>;
    /// after it, <c>opt_state = switcheroo_runtime.optimizer_state(saved, opt_state)</c>. That reads the Optax state
    /// <c>switcheroo_runtime.save_checkpoint</c> stored. A torch optimizer's state_dict (from a checkpoint torch
    /// wrote) orders its moments by the model's torch parameters: resuming, after a strict load of the model's
    /// state_dict, the step's first batch passes <c>params</c> and that state_dict too
    /// (<c>optimizer_state(saved, optimizer.init(params), params, checkpoint)</c>) and it reads; elsewhere it
    /// raises there, which the warning (SWR3016) says. False when the receiver is no such optimizer.
    /// </summary>
    private static bool LoadsOptimizer(ConversionContext context, PythonParser.CallExprContext call, CheckpointLoad shape, Binding.Scope scope,
        PythonParser.PositionalArgumentContext stateDict)
    {
        var training = context.Facts.TrainingSteps;
        var stepped = training.OptimizerStepped(shape.Model, scope, call);
        var step = stepped ?? training.OptimizerStepsAfter(shape.Model, scope, call);
        if (step is null)
        {
            return false;
        }
        if (!context.Facts.StepConversions.Writes(step) || CallArguments.Of(call.arguments()).Count != 1)
        {
            Report(context, call, $"the optimizer '{shape.Model}' is not stepped by a converted training step, or the call has more than the state_dict",
                "opt_state = switcheroo_runtime.optimizer_state(saved, optimizer.init(params))");
            return true;
        }
        if (stepped is not null || context.Facts.StepConversions.StartOf(step) is not { Strict: true })
        {
            context.Report(DiagnosticCodes.OptimizerStateNotTorch, call,
                $"{shape.Model}.load_state_dict(...) converted for checkpoints this converted code saves (switcheroo_runtime.save_checkpoint): "
                + "a torch optimizer's state_dict() holds its moments by the index of each parameter in the model's torch parameters, "
                + "which only a strict load of the model's own state_dict before the training step lists, and there is none here; "
                + "so resuming from a checkpoint torch wrote raises CheckpointFormatError there; load the model's state_dict before "
                + "this line, or drop this line to resume from torch's weights alone");
        }
        if (stepped is not null)
        {
            var state = context.StepNames.Name(stepped, "opt_state");
            var restore = PyAssign.Of(Py.Named(state), Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.optimizer_state")),
                Py.Source(stateDict), Py.Named(state)));
            context.Plan.Replace(call, PyBlockPrinter.Print(restore));
            return true;
        }
        var saved = context.StepNames.Checkpoint(call, scope, "optimizer_checkpoint");
        context.Plan.Replace(call, PyBlockPrinter.Print(PyAssign.Of(Py.Named(saved), Py.Source(stateDict))));
        return true;
    }

    private const string Variables = "variables = switcheroo_runtime.KeyMapper.from_torch(state_dict, jax.eval_shape(model.init, key, example_input))";

    private static void Report(ConversionContext context, PythonParser.CallExprContext call, string problem, string instead = Variables) =>
        context.Report(DiagnosticCodes.Unsupported, call, $"load_state_dict is not converted: {problem}; use {instead}");
}
