using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Rewriting.Syntax;
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
    /// <summary>Writes the conversion; <paramref name="kept"/> (<c>checkpoint = STATE_DICT</c>) takes the load's place.</summary>
    public void Write(PyAssign kept)
    {
        var variables = context.Edits.FreshName("variables", scope.Node);
        var first = calls[0];
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(first)!;
        var loadIndentation = context.Edits.Indentation(SyntaxShapes.Enclosing<PythonParser.StatementContext>(load)!.Start);
        PyStatement build = PyAssign.Of(Py.Named(variables), FromTorch(context, Py.Named(checkpoint), Target(first), strict));
        // A first call in a loop the load is not in: built on the loop's first pass, not on every pass.
        bool inLoop = StepPattern.OutermostLoop(first) is { } loop
            && !(loop.Start.TokenIndex <= load.Start.TokenIndex && load.Stop.TokenIndex <= loop.Stop.TokenIndex);
        var keep = new List<PyStatement> { kept };
        if (inLoop)
        {
            keep.Add(PyAssign.Of(Py.Named(variables), new PyLiteral("None"))
                with { Comment = "# built at the model's first call: Flax declares the variables from an input" });
            build = new PyIf(new PyBinary(Py.Named(variables), "is", new PyLiteral("None")), [build]);
        }
        context.Plan.Replace(load, context.Edits.StatementLines(keep, loadIndentation));
        context.Edits.InsertStatementsBefore(statement, [build]);
        var applied = new ModelCalls(context, scope, model);
        foreach (var call in calls)
        {
            applied.Apply(call, Py.Named(variables), []);
        }
    }

    /// <summary>The tree the checkpoint is laid out as, from the first call's input.</summary>
    private Py Target(PythonParser.CallExprContext first) =>
        LayoutTarget(context, new PyAttribute(Py.Named(model), "init"),
            ModelCalls.Arguments(first, last: true).Prepend(Py.CallOf(Py.Named(context.Targets.Reference("jax.random.PRNGKey")), PyLiteral.Int(0))).ToList(), strict);

    /// <summary>
    /// What <c>from_torch</c> lays a checkpoint out as, given the model's <c>init</c> and its
    /// arguments (the key, the input): declared shapes are enough,
    /// <c>jax.eval_shape(model.init, key, x)</c>; strict=False also needs values to keep where the
    /// checkpoint has none, <c>model.init(key, x)</c>.
    /// </summary>
    internal static Py LayoutTarget(ConversionContext context, Py init, IReadOnlyList<Py> arguments, bool strict) =>
        strict ? Py.CallOf(Py.Named(context.Targets.Reference("jax.eval_shape")), [init, .. arguments]) : Py.CallOf(init, [.. arguments]);

    /// <summary><c>switcheroo_runtime.KeyMapper.from_torch(checkpoint, target)</c>, with <c>strict=False</c> unless <paramref name="strict"/>.</summary>
    internal static Py FromTorch(ConversionContext context, Py checkpoint, Py target, bool strict) =>
        new PyCall(new PyAttribute(Py.Named(context.Targets.Reference("switcheroo_runtime.KeyMapper")), "from_torch"),
            [checkpoint, target], strict ? [] : [new PyKeyword("strict", PyLiteral.Bool(false))]);
}
