using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Forms;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>optimizer_constructor</c>: a torch optimizer becomes an Optax gradient transformation, by the
/// entry's <c>template</c> (see <see cref="TemplateHook"/>); the parameters argument goes, since
/// Optax keeps no reference to the parameters (its state is created with <c>tx.init(params)</c>).
/// <code>
/// torch.optim.Adam(model.parameters(), lr=1e-3)                  →  optax.adam(learning_rate=1e-3)
/// torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
///     →  optax.chain(optax.add_decayed_weights(1e-4), optax.adam(learning_rate=1e-3))   # L2 on the gradient
/// torch.optim.AdamW(params, lr=1e-3)                             →  optax.adamw(learning_rate=1e-3, weight_decay=0.01)
/// </code>
/// When a learning-rate scheduler of the file schedules it, the learning rate becomes an injected
/// hyperparameter (<c>optax.inject_hyperparams(lambda learning_rate: optax.adam(learning_rate=learning_rate))(learning_rate=1e-3)</c>),
/// which <c>scheduler.step()</c> sets (<see cref="LrSchedulerHook"/>).
/// Caveat: parameter groups (a list of dicts with per-group settings) have no one-line Optax
/// counterpart (optax.multi_transform with labels) and are reported, as is a parameters argument
/// other than a whole model's <c>parameters()</c> (a variable that may hold groups, a submodule's
/// parameters, a filtered list: Optax would update every parameter), and every argument the map
/// does not know (amsgrad, maximize, dampening other than 0, ...).
/// </summary>
public sealed class OptimizerConstructorHook : IHook
{
    private readonly TemplateHook _template = new();

    public string Name => MapSet.OptimizerHook;

    public IReadOnlyList<HookOption> Options { get; } = [HookOption.Template()];

    public void Apply(HookSite site, ConversionContext context)
    {
        var first = CallArguments.Of(site.Call?.arguments()).FirstOrDefault();
        if (first is PythonParser.PositionalArgumentContext p
            && SyntaxShapes.AtomOf(p) is PythonParser.ListAtomContext or PythonParser.DictOrSetAtomContext)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Call!,
                $"{site.Entry.Torch} with parameter groups is not converted: use optax.multi_transform with a label per group");
            context.Edits.KeepVerbatim(site.Call!);
            return;
        }
        if (first is PythonParser.PositionalArgumentContext given && !IsWholeModelParameters(given))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Call!,
                $"{site.Entry.Torch}({context.Text(given).Trim()}, ...) is not converted: its parameters are not a model's parameters() "
                + "(a variable, parameter groups, a submodule's or a filtered list), and an Optax optimizer updates every parameter it is given; "
                + "use optax.multi_transform or optax.masked");
            context.Edits.KeepVerbatim(site.Call!);
            return;
        }
        if (site.Call is { } call && context.Facts.TrainingSteps.IsScheduled(call) && LrSchedulerHook.LearningRate(call, context) is { } learningRate)
        {
            // A scheduler sets the learning rate between steps: it becomes a hyperparameter in the state.
            TemplateHook.Apply(site, context,
                values => values["lr"] = ["learning_rate"],
                parts => PyPrinter.Print(Injected(parts, learningRate, context)));
            return;
        }
        _template.Apply(site, context);
    }

    /// <summary><c>model.parameters()</c> (or <c>list(model.parameters())</c>) of a model held in a name: all its parameters.</summary>
    private static bool IsWholeModelParameters(PythonParser.PositionalArgumentContext argument)
    {
        var value = SyntaxShapes.AtomOf(argument);
        if (value is PythonParser.CallExprContext { } wrapper && wrapper.expr().GetText() == "list"
            && CallArguments.Of(wrapper.arguments()) is [PythonParser.PositionalArgumentContext inner])
        {
            value = SyntaxShapes.AtomOf(inner);
        }
        return value is PythonParser.CallExprContext { } call && call.arguments() is null
            && call.expr() is PythonParser.AttributeExprContext { } method && method.name().GetText() == "parameters"
            && method.expr() is PythonParser.NameAtomContext owner;
    }

    /// <summary><c>optax.inject_hyperparams(lambda learning_rate: OPTIMIZER)(learning_rate=LR)</c>.</summary>
    private static Py Injected(List<TextPart> optimizer, TextPart[] learningRate, ConversionContext context)
    {
        var inject = Py.CallOf(Py.Named(context.Targets.Reference("optax.inject_hyperparams")),
            new PyLambda(["learning_rate"], SourceValue.Of(optimizer, context).Node));
        return new PyCall(inject, [], [new PyKeyword("learning_rate", SourceValue.Of(learningRate, context).Node)]);
    }
}
