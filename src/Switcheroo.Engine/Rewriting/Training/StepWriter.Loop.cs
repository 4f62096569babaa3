using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

// The step's lines in the loop: the variables from the first batch, then one call per batch.
internal sealed partial class StepWriter
{
    /// <summary>The lines that replace the step's statements in the loop body.</summary>
    private TextPart[] LoopBody(IReadOnlyList<string> arguments, IReadOnlyList<string> returned)
    {
        var paramsKey = Name("params_key");
        var first = new List<PyStatement> { Split(StreamKeys().Prepend(paramsKey).ToList()) };
        var init = Init(_streams.Count > 0 ? Rngs(("params", paramsKey)) : Py.Named(paramsKey));
        if (_batchStats)
        {
            first.Add(PyAssign.Of(Named("variables"), init));
            var stats = _classes is null
                ? Py.CallOf(new PyAttribute(Named("variables"), "get"), PyLiteral.String("batch_stats"), new PyDict([]))
                : new PySubscript(Named("variables"), PyLiteral.String("batch_stats"));
            first.Add(new PyAssign([Named("params"), Named("batch_stats")], [new PySubscript(Named("variables"), PyLiteral.String("params")), stats]));
        }
        else
        {
            first.Add(PyAssign.Of(Named("params"), new PySubscript(init, PyLiteral.String("params"))));
        }
        Py optimizerInit = Py.CallOf(new PyAttribute(Py.Named(step.Optimizer), "init"), Named("params"));
        if (context.Facts.StepConversions.OptimizerStartOf(step) is { } resumed)
        {
            // Resuming: the state saved with the checkpoint, in the structure of a fresh one. With the
            // model's own load before the step, a torch optimizer's state_dict reads too: its moments are
            // ordered by the model's torch parameters, which that checkpoint lists and params places.
            var saved = Py.Named(context.StepNames.Checkpoint(resumed.Call, step.Scope, "optimizer_checkpoint"));
            optimizerInit = context.Facts.StepConversions.StartOf(step) is { } weights
                ? Py.CallOf(Target("switcheroo_runtime.optimizer_state"), saved, optimizerInit, Named("params"),
                    Py.Named(context.StepNames.Checkpoint(weights.Call, step.Scope)))
                : Py.CallOf(Target("switcheroo_runtime.optimizer_state"), saved, optimizerInit);
        }
        first.Add(PyAssign.Of(Named("opt_state"), optimizerInit));

        var loop = LeftComments().ToList();
        loop.Add(new PyIf(new PyBinary(Named("params"), "is", new PyLiteral("None")), first));
        if (_streams.Count > 0)
        {
            loop.Add(Split(StreamKeys().ToList()));
        }
        loop.Add(new PyAssign(returned.Select(Py.Named).ToList(), [Py.CallOf(Named("train_step"), arguments.Select(Py.Named).ToArray())]));
        if (_returnInLoop)
        {
            // The step ends its function: the state goes back to the callers from here.
            var state = new CallerState(context, step.Caller!, _passed);
            return [.. Lines(loop, _inner), context.Edits.Newline() + state.FunctionIndentation, .. Lines([state.Return], state.FunctionIndentation), context.Edits.Newline()];
        }
        return [.. Lines(loop, _inner), context.Edits.Newline()];
    }

    /// <summary>
    /// The model's variables from the first batch, <c>model.init(rngs, x)</c>; when fine-tuning, the
    /// checkpoint's, laid out as the model declares them.
    /// </summary>
    private Py Init(Py rngs)
    {
        var modelInit = new PyAttribute(Py.Named(step.Model), "init");
        var initArguments = ModelCalls.Arguments(step.Forward, last: true).Prepend(rngs).ToArray();
        return context.Facts.StepConversions.StartOf(step) switch
        {
            null => Py.CallOf(modelInit, initArguments),
            var load => CheckpointWriter.FromTorch(context, Py.Named(context.StepNames.Checkpoint(load.Call, step.Scope)),
                CheckpointWriter.LayoutTarget(context, modelInit, initArguments, load.Strict), load.Strict),
        };
    }

    /// <summary>
    /// What flows into and out of the loss computation: names it reads that are bound inside the
    /// loop (passed to the step), and names it assigns that are read elsewhere (returned).
    /// </summary>
    private (List<string> Inputs, List<string> Outputs) DataFlow()
    {
        var inputs = new List<string>();
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        int loopFirst = step.Loop.Start.TokenIndex, loopLast = step.Loop.Stop.TokenIndex;
        foreach (var statement in step.Region)
        {
            var assignment = (PythonParser.Expression_stmtContext)statement.simple_stmt(0);
            var value = assignment.assigned_value(assignment.EQUAL().Length - 1);
            foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(value))
            {
                var name = use.GetText();
                if (name == step.Model || assigned.Contains(name) || inputs.Contains(name) || !IsLocal(use)
                    || !step.Scope.Lookup(name)!.Any(b => loopFirst <= b.Site.Start.TokenIndex && b.Site.Start.TokenIndex <= loopLast))
                {
                    continue;
                }
                inputs.Add(name);
            }
            assigned.UnionWith(StepPattern.AssignedNames(statement));
        }
        var outputs = assigned
            .Where(name => name != step.Loss && IsReadOutside(name))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
        return (inputs, outputs);
    }

    private bool IsLocal(PythonParser.NameAtomContext use) => _calls.IsLocal(use);

    private bool IsReadOutside(string name) =>
        ParseTrees.Descendants<PythonParser.NameAtomContext>(step.Scope.Node)
            .Any(use => use.GetText() == name && !step.InRegion(use.Start.TokenIndex) && IsLocal(use));
}
