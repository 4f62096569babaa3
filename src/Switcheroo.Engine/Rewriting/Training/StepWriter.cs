using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
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
/// <c>batch_stats</c> and the dropout key appear when the model's class (known in the file) keeps
/// running statistics or draws dropout masks; for a model of a class defined elsewhere both are
/// written, which is right for any model. The model is a static argument (Linen modules are
/// hashable), so a <c>model.clone(train=...)</c> between steps compiles the step for that mode.
/// Names assigned by the loss computation and read later (the outputs, for accuracy) come back
/// from the step; names bound inside the loop and read by it are passed in; the rest is closed over.
/// </summary>
internal sealed class StepWriter(ConversionContext context, TrainingStep step)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public bool Write(out string problem)
    {
        problem = string.Empty;
        if (!ParseTrees.Descendants<PythonParser.NameAtomContext>(step.OptimizerConstruction.expr()).All(context.Converted.Contains))
        {
            problem = $"the optimizer '{step.Optimizer}' itself is not converted";
            return false;
        }
        var classes = ModelNames.ClassesOf(step.Forward.expr(), context);
        bool batchStats = classes is null || classes.Any(context.TrainState.KeepsBatchStats);
        bool dropout = classes is null || classes.Any(context.TrainState.DrawsDropout);
        var (inputs, outputs) = DataFlow();
        var seed = context.RandomKeys.SeedIn(step.Scope, step.Loop.Start.TokenIndex);
        var key = seed ?? Name("key");
        if (seed is null)
        {
            context.Report(DiagnosticCodes.TrainingKeyCreated, step.Loop,
                $"no torch.manual_seed(...) before the loop in this scope: the training step draws its keys from {key} = jax.random.PRNGKey(0)");
        }
        var outer = context.Indentation(step.Loop.Start);
        var unit = Unit(outer);
        var inner = context.Indentation(step.Region[0].Start);
        var variables = $"{{\"params\": {Name("params")}{(batchStats ? $", \"batch_stats\": {Name("batch_stats")}" : string.Empty)}}}";
        var extra = (batchStats ? ", mutable=[\"batch_stats\"]" : string.Empty) + (dropout ? $", rngs={{\"dropout\": {Name("dropout_key")}}}" : string.Empty);
        var hoisted = EditForward(variables, extra, batchStats);
        var state = new List<string> { Name("params") };
        if (batchStats)
        {
            state.Add(Name("batch_stats"));
        }
        state.Add(Name("opt_state"));
        var returned = string.Join(", ", state.Append(step.Loss).Concat(outputs));
        var arguments = string.Join(", ", new[] { step.Model }.Concat(state).Concat(dropout ? [Name("dropout_key")] : []).Concat(inputs));

        var body = outer + unit;
        var lossBody = body + unit;
        var definition = new List<TextPart>();
        if (seed is null)
        {
            definition.Add($"{key} = {Reference("jax.random.PRNGKey")}(0)");
            definition.Add(Newline(outer));
        }
        definition.AddRange(new TextPart[]
        {
            $"@{Reference("functools.partial")}({Reference("jax.jit")}, static_argnums=0)", Newline(outer),
            $"def {Name("train_step")}({arguments}):", Newline(body),
            $"def {Name("loss_fn")}({Name("params")}):", Newline(lossBody),
        });
        AddRegion(definition, lossBody, hoisted);
        var aux = (batchStats ? [$"{Name("mutated")}[\"batch_stats\"]"] : Array.Empty<string>()).Concat(outputs).ToList();
        var auxTargets = (batchStats ? [Name("batch_stats")] : Array.Empty<string>()).Concat(outputs).ToList();
        var grads = Name("grads");
        definition.Add(aux.Count > 0 ? $"return {step.Loss}, {Tuple(aux)}" : $"return {step.Loss}");
        definition.Add(Newline(body));
        definition.Add(aux.Count > 0
            ? $"({step.Loss}, {Tuple(auxTargets)}), {grads} = {Reference("jax.value_and_grad")}({Name("loss_fn")}, has_aux=True)({Name("params")})"
            : $"{step.Loss}, {grads} = {Reference("jax.value_and_grad")}({Name("loss_fn")})({Name("params")})");
        definition.Add(Newline(body));
        definition.Add($"{Name("updates")}, {Name("opt_state")} = {step.Optimizer}.update({grads}, {Name("opt_state")}, {Name("params")})");
        definition.Add(Newline(body));
        definition.Add($"{Name("params")} = {Reference("optax.apply_updates")}({Name("params")}, {Name("updates")})");
        definition.Add(Newline(body));
        definition.Add($"return {returned}");
        definition.Add(context.Newline() + context.Newline() + outer);
        definition.Add($"{Name("params")} = None  # created from the first batch: Flax infers the shapes of the variables from an input");
        definition.Add(Newline(outer));
        context.Plan.InsertBefore(step.Loop, definition.ToArray());

        var loop = new List<TextPart>();
        AddComments(loop, inner);
        loop.Add($"if {Name("params")} is None:");
        loop.Add(Newline(inner + unit));
        var paramsKey = Name("params_key");
        loop.Add(dropout
            ? $"{key}, {paramsKey}, {Name("dropout_key")} = {Reference("jax.random.split")}({key}, 3)"
            : $"{key}, {paramsKey} = {Reference("jax.random.split")}({key})");
        loop.Add(Newline(inner + unit));
        var rngs = dropout ? $"{{\"params\": {paramsKey}, \"dropout\": {Name("dropout_key")}}}" : paramsKey;
        var init = new List<TextPart> { $"{step.Model}.init({rngs}" };
        if (step.Forward.arguments() is { } forwardArguments)
        {
            init.Add(", ");
            init.Add(TextPart.Of(forwardArguments));
        }
        init.Add(")");
        if (batchStats)
        {
            loop.Add($"{Name("variables")} = ");
            loop.AddRange(init);
            loop.Add(Newline(inner + unit));
            var stats = classes is null ? $"{Name("variables")}.get(\"batch_stats\", {{}})" : $"{Name("variables")}[\"batch_stats\"]";
            loop.Add($"{Name("params")}, {Name("batch_stats")} = {Name("variables")}[\"params\"], {stats}");
        }
        else
        {
            loop.Add($"{Name("params")} = ");
            loop.AddRange(init);
            loop.Add("[\"params\"]");
        }
        loop.Add(Newline(inner + unit));
        loop.Add($"{Name("opt_state")} = {step.Optimizer}.init({Name("params")})");
        loop.Add(Newline(inner));
        if (dropout)
        {
            loop.Add($"{key}, {Name("dropout_key")} = {Reference("jax.random.split")}({key})");
            loop.Add(Newline(inner));
        }
        loop.Add($"{returned} = {Name("train_step")}({arguments})");
        loop.Add(context.Newline());
        context.Plan.Discard(step.Region[0].Start.TokenIndex, step.StepStatement.Stop.TokenIndex, loop.ToArray());

        foreach (var zeroGrad in step.ZeroGrads.Where(z => z.Start.TokenIndex < step.Region[0].Start.TokenIndex || z.Start.TokenIndex > step.StepStatement.Stop.TokenIndex))
        {
            context.RemoveStatement(zeroGrad);
        }
        if (step.MaxNorm is { } maxNorm)
        {
            context.Plan.InsertBefore(step.OptimizerConstruction,
                $"{Reference("optax.chain")}({Reference("optax.clip_by_global_norm")}(", TextPart.Of(ArgumentValue(maxNorm)), "), ");
            context.Plan.InsertAfter(step.OptimizerConstruction, ")");
        }
        ApplyOtherCalls(variables, classes);
        ReportEscapes(variables);
        if (step.Scope.Lookup(step.Model) is not { } bindings || bindings.Any(b => b.Site is not PythonParser.Expression_stmtContext))
        {
            context.Report(DiagnosticCodes.TrainedVariablesLeftBehind, step.Loop,
                $"'{step.Model}' comes from outside: torch trains it in place, but here the trained variables ({variables}) stay in this scope; return them to the caller");
        }
        context.TrainingSteps.Written(step, variables);
        return true;
    }

    /// <summary>A name for new code, fresh in the file, the same for every use in this step.</summary>
    private string Name(string name)
    {
        if (!_names.TryGetValue(name, out var fresh))
        {
            _names[name] = fresh = context.FreshName(name, step.Scope.Node);
        }
        return fresh;
    }

    private string Reference(string target) => context.Targets.Reference(target);

    private string Newline(string indentation) => context.Newline() + indentation;

    private static string Tuple(IReadOnlyList<string> items) => items.Count == 1 ? $"({items[0]},)" : $"({string.Join(", ", items)})";

    private static Antlr4.Runtime.ParserRuleContext ArgumentValue(PythonParser.ArgumentContext argument) => argument switch
    {
        PythonParser.KeywordArgumentContext k => k.expression(),
        PythonParser.PositionalArgumentContext p => p.named_expression(),
        _ => argument,
    };

    /// <summary>One indentation step of the file: the loop body's indentation beyond the loop's.</summary>
    private string Unit(string outer)
    {
        var loop = step.Loop.compound_stmt();
        var body = loop?.for_stmt()?.block() ?? loop?.while_stmt()?.block();
        var first = body?.statement().FirstOrDefault();
        var indentation = first is null ? string.Empty : context.Indentation(first.Start);
        return indentation.Length > outer.Length && indentation.StartsWith(outer, StringComparison.Ordinal) ? indentation[outer.Length..] : "    ";
    }

    /// <summary>
    /// Turns the model's call into <c>model.apply(...)</c>. With running statistics the call also
    /// returns the mutated collections: <c>out = model(x)</c> becomes <c>out, mutated = model.apply(...)</c>;
    /// a call inside a larger expression is hoisted onto a line of its own (returned, to go before its statement).
    /// </summary>
    private (PythonParser.StatementContext Statement, TextPart[] Line)? EditForward(string variables, string extra, bool batchStats)
    {
        var forward = step.Forward;
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(forward)!;
        var assignment = statement.simple_stmts()!.simple_stmt(0).expression_stmt()!;
        bool whole = assignment.EQUAL().Length == 1 && SyntaxShapes.AtomOf(assignment.assigned_value(0)) == forward
            && StepPattern.TargetNames(assignment.star_expressions()) is { Count: 1 };
        if (batchStats && !whole)
        {
            var line = new List<TextPart> { $"{Name("output")}, {Name("mutated")} = {step.Model}.apply({variables}" };
            if (forward.arguments() is { } arguments)
            {
                line.Add(", ");
                line.Add(TextPart.Of(arguments));
            }
            line.Add(Tail(forward, extra) + ")");
            context.Plan.Replace(forward, Name("output"));
            return (statement, line.ToArray());
        }
        if (batchStats)
        {
            context.Plan.InsertAfter(assignment.star_expressions(), $", {Name("mutated")}");
        }
        EditCall(forward, variables, extra);
        return null;
    }

    /// <summary><c>model(x)</c> → <c>model.apply(variables, x, extra...)</c>, keeping the arguments' own edits.</summary>
    private void EditCall(PythonParser.CallExprContext call, string variables, string extra)
    {
        context.Plan.Replace(call.expr(), $"{step.Model}.apply");
        context.Plan.InsertAfter(call.LPAR().Symbol, variables + (call.arguments() is not null ? ", " : string.Empty));
        if (extra.Length > 0)
        {
            context.Plan.InsertBefore(call.RPAR().Symbol, Tail(call, extra));
        }
    }

    /// <summary>Extra keyword arguments for the end of a call: after a trailing comma, without a separator.</summary>
    private string Tail(PythonParser.CallExprContext call, string extra) =>
        call.arguments() is not null && context.Tree.Tokens[call.RPAR().Symbol.TokenIndex - 1].Type == PythonLexer.COMMA
            ? extra.TrimStart(',', ' ')
            : extra;

    /// <summary>
    /// The model's other calls in the scope (evaluation, after training): <c>model.apply</c> with
    /// the trained variables when the model is in evaluation mode there (or has no mode). A call in
    /// training mode would update running statistics outside the step, and a call before the step
    /// has no variables yet: both are reported.
    /// </summary>
    private void ApplyOtherCalls(string variables, List<string>? classes)
    {
        bool hasMode = classes is null || classes.Any(context.TrainState.NeedsTrain);
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(step.Scope.Node))
        {
            if (call == step.Forward || call.expr() is not PythonParser.AtomExprContext { } callee || callee.atom() is not PythonParser.NameAtomContext name
                || name.GetText() != step.Model || !IsLocal(name) || context.IsVerbatim(call) || step.InRegion(call.Start.TokenIndex))
            {
                continue;
            }
            if (call.Start.TokenIndex < step.StepStatement.Stop.TokenIndex)
            {
                context.Report(DiagnosticCodes.TrainingStepNotConverted, call,
                    $"'{step.Model}' is called before the training step creates its variables; kept as is");
            }
            else if (hasMode && ModeBefore(call) != "False")
            {
                context.Report(DiagnosticCodes.TrainModeUndecided, call,
                    $"'{step.Model}' is called in training mode outside the training step (its batch statistics would be lost); call {step.Model}.eval() first, or train in the step; kept as is");
            }
            else
            {
                EditCall(call, variables, string.Empty);
            }
        }
    }

    /// <summary>
    /// Bare uses of the model after the step (<c>return model</c>, <c>evaluate(model, ...)</c>): a Linen
    /// module holds no weights, so the trained variables do not go with it. Reported, never silent.
    /// </summary>
    private void ReportEscapes(string variables)
    {
        foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(step.Scope.Node))
        {
            if (use.GetText() != step.Model || use.Start.TokenIndex < step.StepStatement.Stop.TokenIndex || !IsLocal(use)
                || use.Parent is not PythonParser.AtomExprContext atom
                || atom.Parent is PythonParser.CallExprContext call && call.expr() == atom
                || atom.Parent is PythonParser.AttributeExprContext
                || IsAssignmentTarget(use))
            {
                continue;
            }
            context.Report(DiagnosticCodes.TrainedVariablesLeftBehind, use,
                $"'{step.Model}' is a Flax module without its weights here: the trained variables are {variables}; pass them along with it");
        }
    }

    /// <summary>Whether a name is (part of) the target of an assignment (<c>model = ...</c>).</summary>
    private static bool IsAssignmentTarget(PythonParser.NameAtomContext use) =>
        SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(use) is { } assignment
        && assignment.EQUAL().Length > 0 && use.Start.TokenIndex < assignment.EQUAL(assignment.EQUAL().Length - 1).Symbol.TokenIndex;

    /// <summary>The mode the last <c>model.train()</c>/<c>model.eval()</c> statement before a call sets: "True", "False", or null.</summary>
    private string? ModeBefore(PythonParser.CallExprContext call)
    {
        string? mode = null;
        foreach (var switchCall in ParseTrees.Descendants<PythonParser.CallExprContext>(step.Scope.Node))
        {
            if (switchCall.Start.TokenIndex >= call.Start.TokenIndex)
            {
                break;
            }
            if (switchCall.expr() is PythonParser.AttributeExprContext { } member && member.expr().GetText() == step.Model
                && member.name().GetText() is "train" or "eval" && Hooks.InPlaceHook.IsWholeStatement(switchCall))
            {
                var argument = switchCall.arguments()?.GetText();
                mode = member.name().GetText() == "eval" || argument is "False" or "mode=False" ? "False" : "True";
            }
        }
        return mode;
    }

    /// <summary>The loss computation's statements, moved into the loss function with their edits and comments.</summary>
    private void AddRegion(List<TextPart> parts, string indentation, (PythonParser.StatementContext Statement, TextPart[] Line)? hoisted)
    {
        for (int i = 0; i < step.Region.Count; i++)
        {
            var statement = step.Region[i];
            if (i > 0)
            {
                foreach (var comment in CommentsBetween(step.Region[i - 1].Stop.TokenIndex, statement.Start.TokenIndex))
                {
                    parts.Add(comment);
                    parts.Add(Newline(indentation));
                }
            }
            if (hoisted is { } h && h.Statement == statement)
            {
                parts.AddRange(h.Line);
                parts.Add(Newline(indentation));
            }
            context.Relocate(statement.Start.TokenIndex, indentation);
            parts.Add(new TextPart.Source(statement.Start.TokenIndex, statement.Stop.TokenIndex - 1));
            parts.Add(Newline(indentation));
        }
    }

    /// <summary>Comments of the replaced lines that do not move with a statement of the loss computation: kept above the new lines.</summary>
    private void AddComments(List<TextPart> parts, string indentation)
    {
        for (int t = step.Region[0].Start.TokenIndex; t <= step.StepStatement.Stop.TokenIndex; t++)
        {
            var token = context.Tree.Tokens[t];
            if (token.Type == PythonLexer.COMMENT && !step.InRegion(t) && !InGap(t))
            {
                parts.Add(token.Text);
                parts.Add(Newline(indentation));
            }
        }
    }

    /// <summary>Whether a token lies between two statements of the loss computation (its comments move with them).</summary>
    private bool InGap(int token)
    {
        for (int i = 1; i < step.Region.Count; i++)
        {
            if (step.Region[i - 1].Stop.TokenIndex < token && token < step.Region[i].Start.TokenIndex)
            {
                return true;
            }
        }
        return false;
    }

    private IEnumerable<string> CommentsBetween(int after, int before) =>
        Enumerable.Range(after + 1, Math.Max(0, before - after - 1))
            .Select(t => context.Tree.Tokens[t])
            .Where(t => t.Type == PythonLexer.COMMENT)
            .Select(t => t.Text);

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

    /// <summary>Whether a name read resolves to a binding of the step's own scope.</summary>
    private bool IsLocal(PythonParser.NameAtomContext use) =>
        step.Scope.Lookup(use.GetText()) is { } local && ReferenceEquals(SemanticModel.Lookup(use.GetText(), context.Model.ScopeOf(use)), local);

    private bool IsReadOutside(string name) =>
        ParseTrees.Descendants<PythonParser.NameAtomContext>(step.Scope.Node)
            .Any(use => use.GetText() == name && !step.InRegion(use.Start.TokenIndex) && IsLocal(use));
}
