using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// Writes a converted <c>model.load_state_dict(...)</c> (<see cref="Hooks.CheckpointKeysHook"/>): the
/// checkpoint kept in a variable, the variables built before the model's first call from that call's
/// input, and every later call applied to them.
/// </summary>
internal sealed class CheckpointWriter(ConversionContext context, PythonParser.CallExprContext load,
    IReadOnlyList<PythonParser.CallExprContext> calls, string model, string checkpoint, Scope scope, bool strict)
{
    public void Write(TextPart[] kept)
    {
        var variables = context.Edits.FreshName("variables", scope.Node);
        var first = calls[0];
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(first)!;
        var indentation = context.Edits.Indentation(statement.Start);
        // Declared shapes are enough to lay the checkpoint out; strict=False also needs values to keep.
        var target = strict
            ? $"{context.Targets.Reference("jax.eval_shape")}({model}.init, {context.Targets.Reference("jax.random.PRNGKey")}(0)"
            : $"{model}.init({context.Targets.Reference("jax.random.PRNGKey")}(0)";
        var build = new List<TextPart>
        {
            $"{variables} = {context.Targets.Reference("switcheroo_runtime.KeyMapper")}.from_torch({checkpoint}, {target}",
        };
        if (first.arguments() is { } arguments)
        {
            build.Add(", ");
            build.Add(TextPart.Of(arguments));
        }
        build.Add(strict ? "))" : "), strict=False)");
        // A first call in a loop the load is not in: built on the loop's first pass, not on every pass.
        bool inLoop = StepPattern.OutermostLoop(first) is { } loop
            && !(loop.Start.TokenIndex <= load.Start.TokenIndex && load.Stop.TokenIndex <= loop.Stop.TokenIndex);
        var keep = new List<TextPart>(kept);
        if (inLoop)
        {
            var loadIndentation = context.Edits.Indentation(SyntaxShapes.Enclosing<PythonParser.StatementContext>(load)!.Start);
            keep.Add($"{context.Edits.Newline()}{loadIndentation}{variables} = None  # built at the model's first call: Flax declares the variables from an input");
            build.Insert(0, $"if {variables} is None:{context.Edits.Newline()}{indentation}    ");
        }
        build.Add(context.Edits.Newline() + indentation);
        context.Plan.Replace(load, keep.ToArray());
        context.Plan.InsertBefore(statement, build.ToArray());
        var applied = new ModelCalls(context, scope, model);
        foreach (var call in calls)
        {
            applied.Apply(call, variables, string.Empty);
        }
    }
}
