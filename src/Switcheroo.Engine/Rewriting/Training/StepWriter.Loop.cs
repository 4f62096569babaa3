using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

// The step's lines in the loop: the variables from the first batch, then one call per batch.
internal sealed partial class StepWriter
{
    /// <summary>The lines that replace the step's statements in the loop body.</summary>
    private TextPart[] LoopBody(string arguments, string returned)
    {
        var loop = new List<TextPart>();
        AddComments(loop, _inner);
        loop.Add($"if {Name("params")} is None:");
        loop.Add(Newline(_inner + _unit));
        var paramsKey = Name("params_key");
        loop.Add(Split(StreamKeys().Prepend(paramsKey).ToList()));
        loop.Add(Newline(_inner + _unit));
        var rngs = _streams.Count > 0 ? Rngs(("params", paramsKey)) : paramsKey;
        // Fine-tuning: the variables are the checkpoint's, laid out as the model declares them.
        (string Name, bool Strict)? checkpoint = context.Facts.StepConversions.StartOf(step) is { } load
            ? (context.StepNames.Checkpoint(load.Call, step.Scope), load.Strict)
            : null;
        var init = new List<TextPart>
        {
            checkpoint switch
            {
                null => $"{step.Model}.init({rngs}",
                { Strict: true } => $"{Reference("switcheroo_runtime.KeyMapper")}.from_torch({checkpoint.Value.Name}, {Reference("jax.eval_shape")}({step.Model}.init, {rngs}",
                // strict=False keeps initial values where the checkpoint has none: a real init.
                _ => $"{Reference("switcheroo_runtime.KeyMapper")}.from_torch({checkpoint.Value.Name}, {step.Model}.init({rngs}",
            },
        };
        if (step.Forward.arguments() is { } forwardArguments)
        {
            init.Add(", ");
            init.Add(TextPart.Of(forwardArguments));
        }
        init.Add(checkpoint switch { null => ")", { Strict: true } => "))", _ => "), strict=False)" });
        if (_batchStats)
        {
            loop.Add($"{Name("variables")} = ");
            loop.AddRange(init);
            loop.Add(Newline(_inner + _unit));
            var stats = _classes is null ? $"{Name("variables")}.get(\"batch_stats\", {{}})" : $"{Name("variables")}[\"batch_stats\"]";
            loop.Add($"{Name("params")}, {Name("batch_stats")} = {Name("variables")}[\"params\"], {stats}");
        }
        else
        {
            loop.Add($"{Name("params")} = ");
            loop.AddRange(init);
            loop.Add("[\"params\"]");
        }
        loop.Add(Newline(_inner + _unit));
        loop.Add($"{Name("opt_state")} = {step.Optimizer}.init({Name("params")})");
        loop.Add(Newline(_inner));
        if (_streams.Count > 0)
        {
            loop.Add(Split(StreamKeys().ToList()));
            loop.Add(Newline(_inner));
        }
        loop.Add($"{returned} = {Name("train_step")}({arguments})");
        loop.Add(context.Edits.Newline());
        return loop.ToArray();
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
            var assignment = statement.simple_stmts()!.simple_stmt(0).expression_stmt()!;
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
