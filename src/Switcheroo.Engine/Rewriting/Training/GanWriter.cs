using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// Writes a recognised alternating step (<see cref="GanStep"/>) as one compiled function of both
/// models' variables and both optimizer states, defined before the loop and called per batch:
/// <code>
/// @functools.partial(jax.jit, static_argnums=(0, 1))
/// def gan_step(D, G, D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, real, z):
///     def loss_d_fn(D_params):
///         D_apply = switcheroo_runtime.ThreadedModel(D, D_params, D_state)
///         G_apply = switcheroo_runtime.ThreadedModel(G, G_params, G_state)
///         loss_d = crit(D_apply(real), ones) + crit(D_apply(jax.lax.stop_gradient(G_apply(z))), zeros)
///         return loss_d, (D_apply.state, G_apply.state)
///     (loss_d, (D_state, G_state)), grads = jax.value_and_grad(loss_d_fn, has_aux=True)(D_params)
///     updates, opt_d_state = opt_d.update(grads, opt_d_state, D_params)
///     D_params = optax.apply_updates(D_params, updates)
///     def loss_g_fn(G_params): ...   # with D_params and D_state as the first half left them
///     return D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, loss_d, loss_g
/// </code>
/// Each model call of a loss applies the model to the variables the previous call left, so the
/// running statistics update once per call, in torch's order. Each model's variables are created
/// from the arguments of its first call on the first batch. When the step's function receives both
/// models and both optimizers (<see cref="GanStep.Caller"/>), the state flows through its calls
/// (<c>GanWriter.Callers.cs</c>).
/// </summary>
internal sealed partial class GanWriter(ConversionContext context, GanStep gan)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _dropout = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _streams = new(StringComparer.Ordinal);
    private string _key = string.Empty;
    private string _unit = string.Empty;

    private IEnumerable<string> Models => gan.Halves.Select(h => h.Model);

    public bool Write(out string problem)
    {
        problem = string.Empty;
        foreach (var half in gan.Halves)
        {
            if (!ParseTrees.Descendants<PythonParser.NameAtomContext>(half.OptimizerConstruction.expr()).All(context.Edits.Converted.Contains))
            {
                problem = $"the optimizer '{half.Optimizer}' itself is not converted";
                return false;
            }
        }
        foreach (var model in Models)
        {
            var classes = ModelNames.KnownForApplying(gan.FirstCalls[model].expr(), context);
            if (classes is not null && classes.Any(context.Facts.TrainState.DrawsNoise))
            {
                problem = $"'{model}' draws random numbers when applied (a 'noise' stream), which the alternating step does not give";
                return false;
            }
            _dropout[model] = classes is null || classes.Any(context.Facts.TrainState.DrawsDropout);
        }
        // A function called with the state takes its key from the callers (WriteCallers).
        var caller = gan.Caller;
        var seed = caller is null ? context.Facts.RandomSources.SeedIn(gan.Scope, gan.Loop.Start.TokenIndex) : null;
        _key = seed ?? Name("key");
        if (seed is null && caller is null)
        {
            context.Report(DiagnosticCodes.TrainingKeyCreated, gan.Loop,
                $"no torch.manual_seed(...) before the loop in this scope: the training step draws its keys from {_key} = jax.random.PRNGKey(0)");
        }
        var outer = context.Edits.Indentation(gan.Loop.Start);
        var body = gan.Loop.for_stmt()?.block() ?? gan.Loop.while_stmt()?.block();
        _unit = context.Edits.IndentationStep(outer, body?.statement().FirstOrDefault());
        var inner = context.Edits.Indentation(gan.First.ZeroGrad.Start);

        var state = Models.SelectMany(m => new[] { Params(m), State(m) }).Concat(gan.Halves.Select(h => OptState(h))).ToList();
        var keys = _dropout.Values.Any(d => d) ? new[] { Name("dropout_key") } : [];
        var arguments = Models.Concat(state).Concat(keys).Concat(Inputs()).ToList();
        var returned = state.Concat(gan.Halves.SelectMany(h => h.Losses)).ToList();

        var definition = new List<PyStatement>();
        if (seed is null && caller is null)
        {
            definition.Add(PyAssign.Of(Py.Named(_key), Py.CallOf(Target("jax.random.PRNGKey"), PyLiteral.Int(0))));
        }
        var jit = new PyCall(Target("functools.partial"), [Target("jax.jit")], [new PyKeyword("static_argnums", Py.TupleOf([PyLiteral.Int(0), PyLiteral.Int(1)]))]);
        int stream = 0;
        var step = gan.Halves.SelectMany(h => Half(h, outer + _unit + _unit, ref stream)).Append(new PyReturn(returned.Select(Py.Named).ToList())).ToList();
        definition.Add(new PyDef([jit], Name("gan_step"), arguments, step));
        definition.Add(new PyBlankLine());
        if (caller is null)
        {
            definition.Add(PyAssign.Of(Py.Named(Params(gan.First.Model)), new PyLiteral("None")) with
            {
                Comment = "# created from the first batch: Flax infers the shapes of the variables from an input",
            });
        }
        context.Plan.InsertBefore(gan.Loop, [.. Lines(definition, outer), context.Edits.Newline() + outer]);

        var loop = Comments().Select(c => (PyStatement)new PyCommentLine(c)).ToList();
        loop.Add(new PyIf(new PyBinary(Py.Named(Params(gan.First.Model)), "is", new PyLiteral("None")), FirstBatch()));
        if (keys.Length > 0)
        {
            loop.Add(RandomKeys.Split(Target("jax.random.split"), _key, keys));
        }
        loop.Add(new PyAssign(returned.Select(Py.Named).ToList(), [Py.CallOf(Py.Named(Name("gan_step")), arguments.Select(Py.Named).ToArray())]));
        var passed = state.Append(_key).ToList();
        bool returnInLoop = caller is not null && ReturnsInLoop(caller);
        var lifted = caller is null ? null : new CallerState(context, caller, passed);
        TextPart[] returning = returnInLoop
            ? [context.Edits.Newline() + lifted!.FunctionIndentation, .. Lines([lifted.Return], lifted.FunctionIndentation)]
            : [];
        context.Plan.Discard(gan.Start.Start.TokenIndex, gan.Second.StepStatement.Stop.TokenIndex, [.. Lines(loop, inner), .. returning, context.Edits.Newline()]);
        foreach (var model in Models)
        {
            if (caller is null && (gan.Scope.Lookup(model) is not { } bindings || bindings.Any(b => b.Site is not PythonParser.Expression_stmtContext)))
            {
                context.Report(DiagnosticCodes.TrainedVariablesLeftBehind, gan.Loop,
                    $"'{model}' comes from outside: torch trains it in place, but here the trained variables ({Variables(model)}) stay in this scope; return them to the caller");
            }
            OtherCalls(model);
        }
        if (caller is not null)
        {
            WriteCallers(caller, passed, returnInLoop);
        }
        return true;
    }

    /// <summary>One half: its loss function of its model's parameters, the gradient, the optimizer's update.</summary>
    private IEnumerable<PyStatement> Half(GanHalf half, string indentation, ref int stream)
    {
        // The second loss first computes again what it reads of the first (gan.Recomputed), with the second model
        // replayed from the variables the step began with and the dropout keys of its calls in the first loss.
        bool replays = half == gan.Second && gan.Recomputed.Count > 0;
        var statements = (replays ? gan.Recomputed.Concat(half.Region) : half.Region).ToList();
        var called = Models.Where(m => statements.Any(s => Calls(s, m).Any())).ToList();
        var loss = new List<PyStatement>();
        foreach (var model in called)
        {
            var keywords = new List<PyKeyword>();
            if (_dropout[model])
            {
                int own = replays && model == gan.Second.Model ? _streams[model] : stream++;
                _streams[model] = own;
                var key = Py.CallOf(Target("jax.random.fold_in"), Py.Named(Name("dropout_key")), PyLiteral.Int(own));
                keywords.Add(new PyKeyword("rngs", new PyDict([new PyDictEntry(PyLiteral.String("dropout"), key)])));
            }
            loss.Add(PyAssign.Of(Py.Named(Applied(model)),
                Py.CallOf(Target("switcheroo_runtime.ThreadedModel"), [Py.Named(model), Py.Named(Params(model)), Py.Named(State(model))], keywords)));
            foreach (var statement in half.Region)
            {
                foreach (var call in Calls(statement, model))
                {
                    context.Plan.Replace(call.expr(), Applied(model));
                }
            }
        }
        foreach (var statement in statements)
        {
            context.Edits.Relocate(statement.Start.TokenIndex, indentation);
            loss.Add(new PySourceStatement([new TextPart.Source(statement.Start.TokenIndex, statement.Stop.TokenIndex - 1)]));
        }
        // The first loss's update of the second model's statistics is dropped where the second loss replays it.
        var kept = half == gan.First && gan.Recomputed.Count > 0 ? called.Where(m => m != gan.Second.Model).ToList() : called;
        var states = kept.Select(m => (Py)new PyAttribute(Py.Named(Applied(m)), "state")).ToList();
        var stateNames = kept.Select(m => Py.Named(State(m))).ToList();
        var function = Name(half.Losses[0] + "_fn");
        Py target;
        // The values the second loss reads of the first come out of the first with the states (gan.Passed).
        var carried = (half == gan.First ? gan.Passed : []).Select(Py.Named).ToList();
        if (half.Losses is [var single])
        {
            loss.Add(new PyReturn([Py.Named(single), Py.TupleOf([.. carried, .. states])]));
            target = Py.TupleOf([Py.Named(single), Py.TupleOf([.. carried, .. stateNames])]);
        }
        else
        {
            // Several backward() calls: the gradient of the losses' sum, each loss carried out as torch's loop reads it.
            var value = half.Losses.Skip(1).Aggregate((Py)Py.Named(half.Losses[0]), (sum, next) => new PyBinary(sum, "+", Py.Named(next)));
            loss.Add(new PyReturn([value, Py.TupleOf([.. half.Losses.Select(Py.Named), .. carried, .. states])]));
            target = Py.TupleOf([Py.Named(Name(half.Optimizer + "_loss")), Py.TupleOf([.. half.Losses.Select(Py.Named), .. carried, .. stateNames])]);
        }
        var valueAndGrad = new PyCall(Target("jax.value_and_grad"), [Py.Named(function)], [new PyKeyword("has_aux", PyLiteral.Bool(true))]);
        var parameters = Py.Named(Params(half.Model));
        return
        [
            new PyDef([], function, [Params(half.Model)], loss),
            new PyAssign([target, Py.Named(Name("grads"))], [Py.CallOf(valueAndGrad, parameters)]),
            new PyAssign([Py.Named(Name("updates")), Py.Named(OptState(half))],
                [Py.CallOf(new PyAttribute(Py.Named(half.Optimizer), "update"), Py.Named(Name("grads")), Py.Named(OptState(half)), parameters)]),
            PyAssign.Of(parameters, Py.CallOf(Target("optax.apply_updates"), parameters, Py.Named(Name("updates")))),
        ];
    }

    /// <summary>The variables of both models from their first calls' arguments, then the optimizer states.</summary>
    private List<PyStatement> FirstBatch()
    {
        var keys = Models.SelectMany(m => _dropout[m] ? new[] { Name(m + "_key"), Name(m + "_dropout_key") } : [Name(m + "_key")]).ToList();
        var statements = new List<PyStatement> { RandomKeys.Split(Target("jax.random.split"), _key, keys) };
        foreach (var model in Models)
        {
            Py rngs = _dropout[model]
                ? new PyDict([new PyDictEntry(PyLiteral.String("params"), Py.Named(Name(model + "_key"))),
                    new PyDictEntry(PyLiteral.String("dropout"), Py.Named(Name(model + "_dropout_key")))])
                : Py.Named(Name(model + "_key"));
            var init = Py.CallOf(new PyAttribute(Py.Named(model), "init"), ModelCalls.Arguments(gan.FirstCalls[model], last: true).Prepend(rngs).ToArray());
            statements.Add(new PyAssign([Py.Named(Params(model)), Py.Named(State(model))], [Py.CallOf(Target("switcheroo_runtime.params_and_state"), init)]));
        }
        foreach (var half in gan.Halves)
        {
            statements.Add(PyAssign.Of(Py.Named(OptState(half)), Py.CallOf(new PyAttribute(Py.Named(half.Optimizer), "init"), Py.Named(Params(half.Model)))));
        }
        return statements;
    }

    /// <summary>
    /// The model's calls elsewhere in the scope: after the loop in evaluation mode (or without a
    /// mode), applied to its trained variables; otherwise reported, as are its bare uses after the loop.
    /// </summary>
    private void OtherCalls(string model)
    {
        var calls = new ModelCalls(context, gan.Scope, model);
        var variables = Variables(model);
        int after = gan.Loop.Stop.TokenIndex;
        calls.ApplyAfterTraining(call => gan.InRegion(call.Start.TokenIndex), after,
            ModelNames.ClassesOf(gan.FirstCalls[model].expr(), context), Py.OfText(variables), drawsNoise: false);
        calls.ReportBareUses(after + 1, variables, _ => false);
    }

    /// <summary>Names the losses read that the loop binds (the batch, the noise): passed to the step; the rest is closed over.</summary>
    private List<string> Inputs()
    {
        var inputs = new List<string>();
        int first = gan.Loop.Start.TokenIndex, last = gan.Loop.Stop.TokenIndex;
        var assigned = gan.Halves.SelectMany(h => h.Region).SelectMany(StepPattern.AssignedNames).ToHashSet(StringComparer.Ordinal);
        foreach (var use in gan.Halves.SelectMany(h => h.Region).SelectMany(ParseTrees.Descendants<PythonParser.NameAtomContext>))
        {
            var name = use.GetText();
            if (Models.Contains(name) || assigned.Contains(name) || inputs.Contains(name) || !ModelCalls.IsLocal(context, gan.Scope, use)
                || !gan.Scope.Lookup(name)!.Any(b => first <= b.Site.Start.TokenIndex && b.Site.Start.TokenIndex <= last))
            {
                continue;
            }
            inputs.Add(name);
        }
        return inputs;
    }

    /// <summary>Comments of the replaced lines outside the loss statements: kept above the new lines.</summary>
    private IEnumerable<string> Comments()
    {
        for (int t = gan.Start.Start.TokenIndex; t <= gan.Second.StepStatement.Stop.TokenIndex; t++)
        {
            if (context.Tree.Tokens[t].Type == PythonLexer.COMMENT && !gan.InRegion(t))
            {
                yield return context.Tree.Tokens[t].Text;
            }
        }
    }

    private static IEnumerable<PythonParser.CallExprContext> Calls(PythonParser.StatementContext statement, string model) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(statement).Where(c =>
            c.expr() is PythonParser.NameAtomContext && ModelBindings.NameOf(c.expr())?.GetText() == model);

    private string Params(string model) => Name(model + "_params");

    /// <summary>A model's variables as one dict: <c>{"params": G_params, **G_state}</c>.</summary>
    private string Variables(string model) => $"{{\"params\": {Params(model)}, **{State(model)}}}";

    private string State(string model) => Name(model + "_state");

    private string Applied(string model) => Name(model + "_apply");

    private string OptState(GanHalf half) => Name(half.Optimizer + "_state");

    /// <summary>A name for new code, fresh in the step's scope, the same for every use.</summary>
    private string Name(string name)
    {
        if (!_names.TryGetValue(name, out var fresh))
        {
            // The state flows from the callers into the function: its names are fresh in both.
            _names[name] = fresh = gan.Caller is { } caller
                ? context.Edits.FreshName(name, [gan.Scope.Node, caller.Scope.Node])
                : context.Edits.FreshName(name, gan.Scope.Node);
        }
        return fresh;
    }

    private Py Target(string target) => Py.Named(context.Targets.Reference(target));

    private TextPart[] Lines(IReadOnlyList<PyStatement> statements, string indentation) =>
        PyBlockPrinter.Print(statements, indentation, _unit, context.Edits.Newline());
}
