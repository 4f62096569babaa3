using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// Calls of a converted model that no training step, checkpoint load or evaluation function gave
/// variables (run after every other conversion of the file). torch draws a new model's weights from
/// its global generator when it is built; a Linen module holds none, so calling it unbound raises.
/// A model built in a scope and only called there (besides its <c>eval()</c>/<c>train()</c> and device
/// statements), after <c>torch.manual_seed(s)</c> in that scope, gets its variables at its first call
/// from a split of the seed's key, and every call applies them:
/// <code>
/// torch.manual_seed(0)          →  key = jax.random.PRNGKey(0)
/// model = Net(16)               →  model = Net(16)
/// y = model(x)                  →  key, init_key = jax.random.split(key)
///                                  variables = model.init(init_key, x)
///                                  y = model.apply(variables, x)
/// </code>
/// Anything else is reported and kept (never silent): no seed (SWR3010), training mode with batch
/// statistics or dropout (SWR3009), noise drawn when applied (SWR3010), a model bound more than once,
/// used otherwise or called from a nested scope, or a model received as a parameter (SWR3013).
/// </summary>
internal static class UnboundModels
{
    public static void Run(ConversionContext context)
    {
        var groups = new Dictionary<IReadOnlyList<NameBinding>, List<(PythonParser.CallExprContext Call, PythonParser.NameAtomContext Name)>>(ReferenceEqualityComparer.Instance);
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(context.Tree.Root!))
        {
            if (call.expr() is not PythonParser.NameAtomContext name
                || context.ModuleOf(call) is not null || context.Edits.IsVerbatim(call)
                || SemanticModel.Lookup(name.GetText(), context.Model.ScopeOf(name)) is not { Count: > 0 } bindings)
            {
                continue;
            }
            if (!groups.TryGetValue(bindings, out var calls))
            {
                groups[bindings] = calls = [];
            }
            calls.Add((call, name));
        }
        foreach (var (bindings, calls) in groups)
        {
            Convert(context, bindings, calls);
        }
    }

    private static void Convert(ConversionContext context, IReadOnlyList<NameBinding> bindings,
        List<(PythonParser.CallExprContext Call, PythonParser.NameAtomContext Name)> calls)
    {
        var (first, firstName) = calls[0];
        var model = firstName.GetText();
        PythonParser.ExprContext callee = firstName;
        if (bindings is [{ Site: PythonParser.ParameterContext }])
        {
            // def predict(model, x): return model(x), where the file's calls pass a converted module.
            // A function with a training step, or an evaluation function of one: those conversions own its model's calls.
            var function = Owner(context, firstName, bindings).Node;
            var steps = context.Facts.TrainingSteps;
            if (context.Facts.Tensors.ModelClass(callee) is { } passed && ModelNames.IsLinen(context, passed)
                && !steps.All.Any(s => Within(s.Step, function)) && !steps.Gans.Any(g => Within(g.First.Step, function))
                && !steps.Evaluations.Concat(steps.Unevaluated).Any(e => e.Function == function))
            {
                Report(context, DiagnosticCodes.TrainedVariablesLeftBehind, calls,
                    $"'{model}' receives a converted Flax module ({passed}), which holds no weights: applying it needs its variables; "
                    + $"pass them along with it and call {model}.apply(variables, ...), the variables from {model}.init(key, x) where it is built");
            }
            return;
        }
        if (ModelNames.ClassesOf(callee, context) is not { } classes)
        {
            return;
        }
        var owner = Owner(context, firstName, bindings);
        var modelCalls = new ModelCalls(context, owner, model);
        if (OtherUse(context, owner, model) is not null)
        {
            // Also trained, loaded, passed on or returned: the conversions of those uses (training steps,
            // checkpoint loads, evaluation functions) own its calls and report what they leave; the
            // analysis's facts say so, the plan is not asked what they wrote.
            return;
        }
        var problem = WhyNot(context, bindings, calls, owner, modelCalls, classes, out var code);
        if (problem is not null)
        {
            Report(context, code, calls, problem);
            return;
        }
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(first)!;
        var seed = context.Facts.RandomSources.SeedIn(owner, first.Start.TokenIndex)!;
        var variables = context.Edits.FreshName("variables", owner.Node);
        var initKey = context.Edits.FreshName("init_key", owner.Node);
        var split = RandomKeys.Split(Py.Named(context.Targets.Reference("jax.random.split")), seed, [initKey]);
        var init = PyAssign.Of(Py.Named(variables), Py.CallOf(new PyAttribute(Py.Named(model), "init"),
            [Py.Named(initKey), .. ModelCalls.Arguments(first, last: true)]));
        context.Edits.InsertStatementsBefore(statement, [split, init]);
        foreach (var (call, _) in calls)
        {
            modelCalls.Apply(call, Py.Named(variables), []);
            context.Edits.ConvertedSites++;
        }
    }

    /// <summary>Why the calls of a model built in <paramref name="owner"/> cannot be applied to fresh variables there; null when they can.</summary>
    private static string? WhyNot(ConversionContext context, IReadOnlyList<NameBinding> bindings,
        List<(PythonParser.CallExprContext Call, PythonParser.NameAtomContext Name)> calls,
                Scope owner, ModelCalls modelCalls, IReadOnlyList<string> classes, out DiagnosticDescriptor code)
    {
        var model = modelCalls.Model;
        code = DiagnosticCodes.TrainedVariablesLeftBehind;
        var without = $"'{model}' is a converted Flax module ({string.Join(", ", classes.Distinct())}) applied without variables (a Linen module holds no weights)";
        var instead = $"build them where it is built, variables = {model}.init(key, x), and call {model}.apply(variables, x)";
        if (bindings.Count != 1 || ModelBindings.Construction(bindings[0], context.Maps) is not { } construction)
        {
            return $"{without}: it is bound more than once; {instead}";
        }
        if (calls.Any(c => context.Model.ScopeOf(c.Name) != owner))
        {
            return $"{without}: it is called from a nested function; {instead}";
        }
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(calls[0].Call)!;
        if (construction.Stop.TokenIndex >= calls[0].Call.Start.TokenIndex || !Dominates(construction, statement))
        {
            return $"{without}: its first call is not a statement every later call follows (inside a branch or loop, or before it is built); {instead}";
        }
        if (classes.Any(context.Facts.TrainState.DrawsNoise))
        {
            code = DiagnosticCodes.RandomWithoutKey;
            return $"{without}: it draws random numbers when applied; {instead}, rngs={{\"noise\": key}}";
        }
        if (modelCalls.HasMode(classes) && calls.Any(c => modelCalls.ModeBefore(c.Call) != "False"))
        {
            code = DiagnosticCodes.TrainModeUndecided;
            var what = classes.Any(context.Facts.TrainState.DrawsDropout) ? "dropout masks need a key" : "its batch statistics would be lost";
            return $"{without}: it is called in training mode ({what}); call {model}.eval() first, or train it in a training step";
        }
        if (context.Facts.RandomSources.SeedIn(owner, calls[0].Call.Start.TokenIndex) is null)
        {
            code = DiagnosticCodes.RandomWithoutKey;
            return $"{without}: torch drew its weights from the global generator, and {model}.init needs a key: call torch.manual_seed(...) "
                + $"earlier in the same scope, or {instead}";
        }
        return null;
    }

    /// <summary>Whether a statement runs whenever the construction's does, after it: between them only <c>with</c> blocks.</summary>
    private static bool Dominates(PythonParser.CallExprContext construction, PythonParser.StatementContext statement)
    {
        var built = SyntaxShapes.Enclosing<PythonParser.StatementContext>(construction)!;
        if (built == statement)
        {
            return false;
        }
        for (Antlr4.Runtime.Tree.IParseTree? node = statement.Parent; node is not null; node = node.Parent)
        {
            if (node == built.Parent)
            {
                return true;
            }
            if (node.Parent is PythonParser.StatementContext statementOf && statementOf.Compound() == node && node is not PythonParser.With_stmtContext)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>A read of the model in its scope other than a call, an assignment to it, or a whole-statement mode switch or device placement.</summary>
    private static PythonParser.ExprContext? OtherUse(ConversionContext context, Scope owner, string model)
    {
        foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(owner.Node))
        {
            if (use.GetText() != model
                || !ReferenceEquals(SemanticModel.Lookup(model, context.Model.ScopeOf(use)), owner.Lookup(model)))
            {
                continue;
            }
            if (use.Parent is PythonParser.CallExprContext call && call.expr() == use
                || SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(use) is { } assignment && assignment.EQUAL().Length > 0
                    && use.Stop.TokenIndex < assignment.EQUAL(0).Symbol.TokenIndex
                || use.Parent is PythonParser.AttributeExprContext member && member.Parent is PythonParser.CallExprContext method
                    && method.expr() == member && Hooks.InPlaceHook.IsWholeStatement(method)
                    && context.Maps.ModelMethod(member.name().GetText())?.Hook is Hooks.StateFlagInjectionHook.HookName or ModelBindings.PlacementHook)
            {
                continue;
            }
            return use;
        }
        return null;
    }

    /// <summary>The scope whose binding of the name the calls read.</summary>
    private static Scope Owner(ConversionContext context, PythonParser.NameAtomContext name, IReadOnlyList<NameBinding> bindings)
    {
        var scope = context.Model.ScopeOf(name);
        while (!ReferenceEquals(scope.Lookup(name.GetText()), bindings) && scope.Parent is { } parent)
        {
            scope = parent;
        }
        return scope;
    }

    private static bool Within(Antlr4.Runtime.ParserRuleContext node, Antlr4.Runtime.ParserRuleContext outer) =>
        outer.Start.TokenIndex <= node.Start.TokenIndex && node.Stop.TokenIndex <= outer.Stop.TokenIndex;

    private static void Report(ConversionContext context, DiagnosticDescriptor code,
        List<(PythonParser.CallExprContext Call, PythonParser.NameAtomContext Name)> calls, string problem)
    {
        foreach (var (call, _) in calls)
        {
            context.Report(code, call, $"{problem}; kept as is");
        }
    }
}
