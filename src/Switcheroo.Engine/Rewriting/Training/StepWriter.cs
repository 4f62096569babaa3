using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// Writes a recognised training step in functional form. Before the outermost loop, a compiled
/// step function; in the loop, the variables created from the first batch, then one call:
/// <code>
/// @functools.partial(jax.jit, static_argnums=0)
/// def train_step(model, params, batch_stats, opt_state, dropout_key, images, labels):
///     def loss_fn(params):
///         outputs, mutated = model.apply({"params": params, "batch_stats": batch_stats}, images,
///                                        mutable=["batch_stats"], rngs={"dropout": dropout_key})
///         loss = criterion(outputs, labels)
///         return loss, (mutated["batch_stats"],)
///     (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
///     updates, opt_state = optimizer.update(grads, opt_state, params)
///     params = optax.apply_updates(params, updates)
///     return params, batch_stats, opt_state, loss
///
/// params = None  # created from the first batch: Flax infers shapes from an input
/// for ...:
///     if params is None:
///         key, params_key, dropout_key = jax.random.split(key, 3)
///         variables = model.init({"params": params_key, "dropout": dropout_key}, images)
///         params, batch_stats = variables["params"], variables["batch_stats"]
///         opt_state = optimizer.init(params)
///     key, dropout_key = jax.random.split(key)
///     params, batch_stats, opt_state, loss = train_step(model, params, batch_stats, opt_state, dropout_key, images, labels)
/// </code>
/// <c>batch_stats</c> and the dropout key appear when the model's class (of the file, or of another
/// file converted with it) keeps running statistics or draws dropout masks, and a <c>noise</c> key
/// when it draws random numbers when applied; for a model of a class not known here
/// <c>batch_stats</c> and the dropout key are written, which is right for any model without noise. The model is a static argument (Linen modules are
/// hashable), so a <c>model.clone(train=...)</c> between steps compiles the step for that mode.
/// Names assigned by the loss computation and read later (the outputs, for accuracy) come back
/// from the step; names bound inside the loop and read by it are passed in; the rest is closed over.
/// </summary>
internal sealed partial class StepWriter(ConversionContext context, TrainingStep step)
{
    private readonly ModelCalls _calls = new(context, step.Scope, step.Model);

    // What the model needs, decided once: its classes (null: defined elsewhere), running statistics, dropout.
    private List<string>? _classes;
    private bool _batchStats;
    // The RNG streams applying the model draws from: "dropout", "noise".
    private List<string> _streams = new();

    // The key the step splits, and the indentation of the loop, one level, and the step's block.
    private string _key = string.Empty;
    private string _outer = string.Empty;
    private string _unit = string.Empty;
    private string _inner = string.Empty;

    public bool Write(out string problem)
    {
        problem = string.Empty;
        var unwritten = context.Facts.StepConversions.Unwritten(step);
        bool optimizerConverted = ParseTrees.Descendants<PythonParser.NameAtomContext>(step.OptimizerConstruction.expr()).All(context.Edits.Converted.Contains);
        if (optimizerConverted == (unwritten is not null))
        {
            // The hooks around the step wrote (or left) their code by the analysis' answer.
            context.Report(DiagnosticCodes.AnalysisDisagrees, step.OptimizerConstruction,
                $"internal: the analysis decided that the optimizer '{step.Optimizer}' {(optimizerConverted ? "does not convert" : "converts")}, and its conversion did not agree");
        }
        if (unwritten is not null || !optimizerConverted)
        {
            problem = unwritten ?? $"the optimizer '{step.Optimizer}' itself is not converted";
            return false;
        }
        _classes = context.StepNames.KnownClasses(step);
        _batchStats = context.StepNames.KeepsBatchStats(step);
        if (_classes is null || _classes.Any(context.Facts.TrainState.DrawsDropout))
        {
            _streams.Add("dropout");
        }
        if (_classes is not null && _classes.Any(context.Facts.TrainState.DrawsNoise))
        {
            _streams.Add("noise");
        }
        // A function called with the state takes its key from the callers.
        var seed = step.Caller is null ? context.Facts.RandomSources.SeedIn(step.Scope, step.Loop.Start.TokenIndex) : null;
        _key = seed ?? Name("key");
        if (seed is null && step.Caller is null)
        {
            context.Report(DiagnosticCodes.TrainingKeyCreated, step.Loop,
                $"no torch.manual_seed(...) before the loop in this scope: the training step draws its keys from {_key} = jax.random.PRNGKey(0)");
        }
        _outer = context.Edits.Indentation(step.Loop.Start);
        _unit = Unit(_outer);
        _inner = context.Edits.Indentation(step.First.Start);

        var (inputs, outputs) = DataFlow();
        var state = new List<string> { Name("params") };
        if (_batchStats)
        {
            state.Add(Name("batch_stats"));
        }
        state.Add(Name("opt_state"));
        var returned = state.Append(step.Loss).Concat(outputs).ToList();
        var arguments = new[] { step.Model }.Concat(state).Concat(StreamKeys()).Concat(inputs).ToList();
        _passed = [.. state, _key];
        _returnInLoop = step.Caller is not null && ReturnsInLoop(step.Caller);

        context.Plan.InsertBefore(step.Loop, Definition(seed is null && step.Caller is null, arguments, returned, outputs));
        // from the comment lines directly above the first moved statement, which move with it
        context.Plan.Discard(CommentsAbove(step.First), step.End.Stop.TokenIndex, LoopBody(arguments, returned));
        var removed = step.ZeroGrads.Concat(step.Amp?.Update is { } update ? [update] : []);
        foreach (var statement in removed.Where(z => z.Start.TokenIndex < step.First.Start.TokenIndex || z.Start.TokenIndex > step.End.Stop.TokenIndex))
        {
            context.Edits.RemoveStatement(statement);
        }
        if (step.Amp is not null)
        {
            Hooks.AmpNote.Report(context, step.Amp.Autocast ?? step.StepStatement);
        }
        if (step.MaxNorm is { } maxNorm)
        {
            // wraps the optimizer's own conversion, planned on the same node before this
            var clipped = Py.CallOf(Target("optax.chain"), Py.CallOf(Target("optax.clip_by_global_norm"), Py.Source(ArgumentValue(maxNorm))),
                Py.Source(step.OptimizerConstruction));
            context.Plan.Replace(step.OptimizerConstruction, PyPrinter.Print(clipped));
        }
        if (step.Accumulation is { } accumulation)
        {
            WriteAccumulation(accumulation);
        }
        var variables = context.StepNames.Variables(step);
        ApplyOtherCalls(_calls, step.StepStatement.Stop.TokenIndex, variables.Dict());
        ReportEscapes(variables.ToString());
        if (step.Caller is { } caller)
        {
            WriteCallers(caller, variables);
        }
        return true;
    }

    /// <summary>One key name per RNG stream (<c>dropout_key</c>, <c>noise_key</c>).</summary>
    private IEnumerable<string> StreamKeys() => _streams.Select(stream => Name(stream + "_key"));

    /// <summary><c>{"dropout": dropout_key, "noise": noise_key}</c>, with <paramref name="first"/> entries before them.</summary>
    private PyDict Rngs(params (string Stream, string Key)[] first) =>
        new(first.Concat(_streams.Select(s => (Stream: s, Key: Name(s + "_key"))))
            .Select(r => new PyDictEntry(PyLiteral.String(r.Stream), Py.Named(r.Key))).ToList());

    /// <summary><c>key, a, b = jax.random.split(key, 3)</c> (no count for two keys).</summary>
    private PyAssign Split(IReadOnlyList<string> keys) => RandomKeys.Split(Target("jax.random.split"), _key, keys);

    /// <summary>A name for new code, fresh in the step's scope, the same for every use in this step (and the hooks around it).</summary>
    private string Name(string name) => context.StepNames.Name(step, name);

    private string Reference(string target) => context.Targets.Reference(target);

    /// <summary>A target API, by its reference (<c>jax.random.split</c> with its module's alias).</summary>
    private Py Target(string target) => Py.Named(Reference(target));

    /// <summary>A name of the step (<see cref="Name"/>) as a node.</summary>
    private Py Named(string name) => Py.Named(Name(name));

    /// <summary>Statements written at an indentation, one level being the file's (<c>_unit</c>).</summary>
    private TextPart[] Lines(IReadOnlyList<PyStatement> statements, string indentation) =>
        PyBlockPrinter.Print(statements, indentation, _unit, context.Edits.Newline());

    private static Antlr4.Runtime.ParserRuleContext ArgumentValue(PythonParser.ArgumentContext argument) => argument switch
    {
        PythonParser.KeywordArgumentContext k => k.expression(),
        PythonParser.PositionalArgumentContext p => p.NamedExpression(),
        _ => argument,
    };

    /// <summary>One indentation step of the file: the loop body's indentation beyond the loop's.</summary>
    private string Unit(string outer)
    {
        var body = step.Loop.for_stmt()?.block() ?? step.Loop.while_stmt()?.block();
        return context.Edits.IndentationStep(outer, body?.statement().FirstOrDefault());
    }
}
