using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

/// <summary>
/// Recognises the training step around one <c>optimizer.step()</c> (<see cref="TrainingStep"/>), or
/// says which pattern it is instead: several backward passes or optimizers in one loop (GANs,
/// several losses), gradient accumulation, AMP loss scaling, closures (LBFGS), gradients touched
/// between <c>backward()</c> and <c>step()</c>. Only syntax and bindings are read; nothing is edited.
/// </summary>
internal sealed partial class StepPattern(SemanticModel semantic, MapSet maps, TensorFacts facts)
{
    public TrainingStep? Recognize(PythonParser.CallExprContext step, out string problem)
    {
        problem = string.Empty;
        var receiver = ((PythonParser.AttributeExprContext)step.expr()).expr();
        var stepStatement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(step)!;
        // scaler.step(optimizer): AMP's GradScaler steps the optimizer it is given.
        string? scaler = IsScaler(facts, maps, receiver) ? ModelBindings.NameOf(receiver)?.GetText() : null;
        var optimizer = scaler is null ? ModelBindings.NameOf(receiver) : ScaledOptimizer(step);
        if (scaler is not null && optimizer is null)
        {
            return Fail(out problem, "scaler.step(...) converts when given a torch.optim optimizer by name, and nothing else");
        }
        if (scaler is null && step.arguments() is not null)
        {
            return Fail(out problem, "step(closure) re-evaluates the loss (LBFGS-style optimizers): not converted");
        }
        if (optimizer is null || !SyntaxShapes.IsWholeStatement(step))
        {
            return Fail(out problem, "the optimizer is not a plain name, or the value of step() is used");
        }
        var loop = OutermostLoop(stepStatement);
        if (loop is null)
        {
            return Fail(out problem, "optimizer.step() is not inside a loop");
        }
        var steps = Calls(loop, "step").Where(c => ((PythonParser.AttributeExprContext)c.expr()).expr() is var stepped
            && (IsOptimizer(facts, maps, stepped) || IsScaler(facts, maps, stepped))).ToList();
        if (steps.Count > 1)
        {
            return Fail(out problem, "the loop steps several optimizers or steps twice (alternating updates, as in GANs)");
        }
        var backwards = Calls(loop, "backward").ToList();
        if (backwards.Count != 1)
        {
            return Fail(out problem, backwards.Count == 0
                ? "no backward() in the loop"
                : "the loop calls backward() more than once (several losses, or alternating updates as in GANs)");
        }
        var backward = backwards[0];
        Antlr4.Runtime.Tree.IParseTree lossExpression = ((PythonParser.AttributeExprContext)backward.expr()).expr();
        if (lossExpression is PythonParser.CallExprContext { } scaled && scaled.expr() is PythonParser.AttributeExprContext { } scale && scale.name().GetText() == "scale")
        {
            if (scaler is null || ModelBindings.NameOf(scale.expr())?.GetText() != scaler
                || SyntaxShapes.Arguments(scaled) is not [PythonParser.PositionalArgumentContext scaledLoss])
            {
                return Fail(out problem, "the loss is scaled by a GradScaler that does not step the optimizer, or scale() is not given the loss by name");
            }
            lossExpression = scaledLoss;
        }
        else if (scaler is not null)
        {
            return Fail(out problem, "scaler.step(optimizer) without scaler.scale(loss).backward()");
        }
        var loss = ModelBindings.NameOf(lossExpression);
        if (loss is null || backward.arguments() is not null || !SyntaxShapes.IsWholeStatement(backward))
        {
            return Fail(out problem, "backward() is not a statement of its own on a named loss without arguments");
        }
        var backwardStatement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(backward)!;
        var siblings = Siblings(backwardStatement);
        Accumulation? accumulation = null;
        if (IndexIn(siblings, stepStatement) < 0)
        {
            accumulation = AccumulationOf(stepStatement, backwardStatement, siblings, loop, out problem);
            if (accumulation is null)
            {
                return null;
            }
        }
        int b = IndexIn(siblings, backwardStatement), s = IndexIn(siblings, accumulation?.If ?? stepStatement);
        if (b < 0 || b > s)
        {
            return Fail(out problem, "backward() and step() are not in one block in that order");
        }
        var scope = semantic.ScopeOf(loss);
        StepCaller? caller = null;
        var construction = OptimizerConstruction(optimizer, loop, out var model);
        if (construction is null && IsParameter(optimizer))
        {
            caller = Caller(optimizer, out model, out problem);
            if (caller is null)
            {
                return null;
            }
            construction = OptimizerConstruction(caller.Optimizer, caller.Scope, caller.First, out _);
        }
        if (construction is null || model is null)
        {
            return Fail(out problem, $"'{optimizer.GetText()}' is not built once, before the loop, from model.parameters()");
        }
        var zeroGrads = ZeroGrads(loop, Siblings(stepStatement), optimizer.GetText(), model, out problem);
        if (zeroGrads is null)
        {
            return null;
        }
        if (accumulation is not null && !EveryKnownBefore(accumulation, construction, caller is not null, out problem))
        {
            return null;
        }
        var amp = scaler is null ? null : AmpOf(scaler, optimizer.GetText(), loop, siblings, b, s, out problem);
        if (scaler is not null && amp is null)
        {
            return null;
        }
        PythonParser.StatementContext? clip = null;
        PythonParser.ArgumentContext? maxNorm = null;
        for (int i = b + 1; i < s; i++)
        {
            if (zeroGrads.Contains(siblings[i]) || siblings[i] == amp?.Unscale)
            {
                continue;
            }
            if (clip is not null || !IsClip(siblings[i], model, construction, loop, out maxNorm, out problem))
            {
                problem = problem.Length > 0 ? problem : "statements between backward() and step() read or change the gradients in place";
                return null;
            }
            clip = siblings[i];
        }
        var region = Region(siblings, b, zeroGrads, model, out var forward, out var autocast, out problem);
        if (region is null)
        {
            return null;
        }
        if (ModelBindings.NameOf(forward!.expr()) is not { } callee || semantic.ScopeOf(callee) != scope)
        {
            return Fail(out problem, "the model is called inside a lambda or comprehension of the loss");
        }
        if (!region.Any(r => AssignedNames(r).Contains(loss.GetText())))
        {
            return Fail(out problem, $"'{loss.GetText()}' is not computed by plain assignments between the forward call and backward()");
        }
        return new TrainingStep(step, stepStatement, backwardStatement, region, zeroGrads, clip, maxNorm, forward!, loop,
            construction, scope, model, optimizer.GetText(), loss.GetText(), caller, accumulation,
            amp is null && autocast is null ? null : new Amp(amp?.Scaler, amp?.Unscale, amp?.Update, autocast));
    }

    /// <summary>A name holding an optimizer (not a learning-rate scheduler): built in a module of optimizer constructors (<see cref="MapSet.BuildsOptimizers"/>).</summary>
    internal static bool IsOptimizer(TensorFacts facts, MapSet maps, PythonParser.ExprContext receiver) =>
        facts.BuilderModule(receiver) is { } module && maps.BuildsOptimizers(module);

    private static TrainingStep? Fail(out string problem, string reason)
    {
        problem = reason;
        return null;
    }

    /// <summary>The outermost <c>for</c>/<c>while</c> statement around a statement, within its function.</summary>
    internal static PythonParser.StatementContext? OutermostLoop(Antlr4.Runtime.RuleContext node)
    {
        PythonParser.StatementContext? loop = null;
        for (var current = node.Parent; current is not null && current is not (PythonParser.Function_defContext or PythonParser.Class_defContext or PythonParser.LambdefContext); current = current.Parent)
        {
            if (current is PythonParser.For_stmtContext or PythonParser.While_stmtContext)
            {
                loop = SyntaxShapes.Enclosing<PythonParser.StatementContext>(current);
            }
        }
        return loop;
    }

    /// <summary>Calls <c>x.name(...)</c> inside a statement, not inside nested functions or classes.</summary>
    internal static IEnumerable<PythonParser.CallExprContext> Calls(PythonParser.StatementContext within, string name) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(within).Where(c =>
            c.expr() is PythonParser.AttributeExprContext a && a.name().GetText() == name
            && SyntaxShapes.Enclosing<PythonParser.Function_defContext>(c) == SyntaxShapes.Enclosing<PythonParser.Function_defContext>(within));

    /// <summary>The statements of the block (or file) a statement belongs to.</summary>
    internal static IReadOnlyList<PythonParser.StatementContext> Siblings(PythonParser.StatementContext statement) => statement.Parent switch
    {
        PythonParser.BlockContext block => block.statement(),
        PythonParser.File_inputContext file => file.statement(),
        _ => [statement],
    };

    internal static int IndexIn(IReadOnlyList<PythonParser.StatementContext> statements, PythonParser.StatementContext statement)
    {
        for (int i = 0; i < statements.Count; i++)
        {
            if (statements[i] == statement)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary><c>optimizer = torch.optim.X(model.parameters(), ...)</c>: its one binding, made before the loop; the model's name.</summary>
    private PythonParser.CallExprContext? OptimizerConstruction(PythonParser.NameAtomContext optimizer, PythonParser.StatementContext loop, out string? model) =>
        OptimizerConstruction(optimizer.GetText(), semantic.ScopeOf(optimizer), loop, out model);

    /// <summary>The construction of the optimizer named <paramref name="optimizer"/> in a scope, made before <paramref name="before"/>.</summary>
    private PythonParser.CallExprContext? OptimizerConstruction(string optimizer, Scope scope, Antlr4.Runtime.ParserRuleContext before, out string? model)
    {
        model = null;
        var bindings = SemanticModel.Lookup(optimizer, scope);
        if (bindings is not { Count: 1 } || ModelBindings.Construction(bindings[0], maps) is not { } construction
            || bindings[0].Site.Start.TokenIndex >= before.Start.TokenIndex
            || SyntaxShapes.Arguments(construction).FirstOrDefault() is not PythonParser.PositionalArgumentContext first
            || SyntaxShapes.AtomOf(first) is not PythonParser.CallExprContext parameters
            || parameters.arguments() is not null
            || parameters.expr() is not PythonParser.AttributeExprContext { } attribute || attribute.name().GetText() != "parameters"
            || ModelBindings.NameOf(attribute.expr()) is not { } name)
        {
            return null;
        }
        model = name.GetText();
        return construction;
    }

    private bool IsParameter(PythonParser.NameAtomContext name) =>
        SemanticModel.Lookup(name.GetText(), semantic.ScopeOf(name)) is { Count: 1 } bindings && bindings[0].Site is PythonParser.ParameterContext;

    /// <summary>
    /// The callers of the step's function when the optimizer is its parameter: every call passes, in
    /// one scope, the same optimizer built there from <c>model.parameters()</c>, and that model.
    /// </summary>
    private StepCaller? Caller(PythonParser.NameAtomContext optimizer, out string? received, out string problem)
    {
        received = null;
        var function = SyntaxShapes.Enclosing<PythonParser.Function_defContext>(optimizer)!;
        var name = function.name().GetText();
        if (FunctionCalls.Of(function, semantic, facts, out problem) is not { } calls)
        {
            return null;
        }
        var passed = calls.Select(c => FunctionCalls.NamePassed(c, function, optimizer.GetText())).ToList();
        var scope = ScopeOfCall(calls[0]);
        if (passed.Any(p => p is null || p.GetText() != passed[0]!.GetText()) || calls.Any(c => ScopeOfCall(c) != scope)
            || OptimizerConstruction(passed[0]!.GetText(), scope, calls[0], out var model) is null || model is null)
        {
            problem = $"the calls of {name}() do not all pass, from one function, the same optimizer built there before them from model.parameters()";
            return null;
        }
        var receivers = (function.parameters()?.parameter() ?? []).Select(p => p.name().GetText())
            .Where(p => calls.All(c => FunctionCalls.NamePassed(c, function, p)?.GetText() == model)).ToList();
        if (receivers.Count != 1 || !FunctionCalls.OnlyParameter(function, receivers[0], semantic) || !FunctionCalls.OnlyParameter(function, optimizer.GetText(), semantic)
            || SemanticModel.Lookup(model, scope) is not { Count: 1 })
        {
            problem = $"the calls of {name}() do not pass the optimizer's model '{model}' as one parameter, bound once in each function";
            return null;
        }
        received = receivers[0];
        return new StepCaller(function, calls, scope, model, passed[0]!.GetText());
    }

    private Scope ScopeOfCall(PythonParser.CallExprContext call) => semantic.ScopeOf(ModelBindings.NameOf(call.expr())!);

    /// <summary><c>optimizer.zero_grad()</c> / <c>model.zero_grad()</c> statements of the block; every zero_grad of the loop must be one.</summary>
    private static List<PythonParser.StatementContext>? ZeroGrads(PythonParser.StatementContext loop, IReadOnlyList<PythonParser.StatementContext> siblings,
        string optimizer, string model, out string problem)
    {
        problem = string.Empty;
        var found = new List<PythonParser.StatementContext>();
        foreach (var call in Calls(loop, "zero_grad"))
        {
            var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(call)!;
            var owner = ((PythonParser.AttributeExprContext)call.expr()).expr().GetText();
            if ((owner != optimizer && owner != model) || !SyntaxShapes.IsWholeStatement(call) || IndexIn(siblings, statement) < 0)
            {
                problem = "zero_grad() is called elsewhere than in the step's block (gradient accumulation)";
                return null;
            }
            found.Add(statement);
        }
        if (found.Count == 0)
        {
            problem = "the loop never calls zero_grad(), so torch accumulates gradients across iterations (gradient accumulation)";
            return null;
        }
        return found;
    }

    /// <summary>The hook of the function that clips gradients by their global norm (<c>torch.nn.utils.clip_grad_norm_</c>'s entry names it).</summary>
    public const string ClipHook = "clip_grad_norm";

    /// <summary><c>torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)</c> as a statement, with a max norm known before the optimizer is built.</summary>
    private bool IsClip(PythonParser.StatementContext statement, string model, PythonParser.CallExprContext construction,
        PythonParser.StatementContext loop, out PythonParser.ArgumentContext? maxNorm, out string problem)
    {
        maxNorm = null;
        problem = string.Empty;
        var call = ParseTrees.Descendants<PythonParser.CallExprContext>(statement).FirstOrDefault();
        if (call is null || semantic.QualifiedName(call.expr()) is not { } clip || maps.Find(clip)?.Hook != ClipHook)
        {
            return false;
        }
        var arguments = SyntaxShapes.Arguments(call);
        if (!SyntaxShapes.IsWholeStatement(call) || arguments.Count != 2
            || arguments.Any(a => a is not PythonParser.PositionalArgumentContext && !(a is PythonParser.KeywordArgumentContext k && k.name().GetText() is "parameters" or "max_norm"))
            || arguments[0].GetText() != model + ".parameters()")
        {
            problem = "clip_grad_norm_ converts as clip_grad_norm_(model.parameters(), max_norm) (2-norm), a statement of its own";
            return false;
        }
        maxNorm = arguments[1];
        foreach (var name in ParseTrees.Descendants<PythonParser.NameAtomContext>(maxNorm))
        {
            var bindings = SemanticModel.Lookup(name.GetText(), semantic.ScopeOf(name));
            if (bindings is not null && bindings.Any(d => d.Site.Start.TokenIndex >= construction.Start.TokenIndex))
            {
                problem = "the max norm of clip_grad_norm_ is computed after the optimizer is built, so it cannot join the optimizer's chain";
                return false;
            }
        }
        return true;
    }
}
