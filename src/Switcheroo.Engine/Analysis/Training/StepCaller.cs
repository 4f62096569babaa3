using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

/// <summary>
/// Where the model and the optimizer of a training step come from when they are parameters of
/// the step's function (<c>def train(args, model, loader, optimizer, epoch)</c>, PyTorch's
/// examples): every call of the function, all in one scope of the file (<see cref="Scope"/>),
/// passes the same model (<see cref="Model"/>) and the optimizer built there from its
/// parameters (<see cref="Optimizer"/>). The variables, the optimizer state and the key then flow
/// through the calls: the function takes them and returns them (docs/training.md, "Training in
/// functions").
/// </summary>
internal sealed record StepCaller(
    PythonParser.Function_defContext Function,
    IReadOnlyList<PythonParser.CallExprContext> Calls,
    Scope Scope,
    string Model,
    string Optimizer)
{
    /// <summary>The first call: the callers' state starts before it.</summary>
    public PythonParser.CallExprContext First => Calls[0];
}

/// <summary>
/// A function that calls a model it receives without training it (<c>def test(model, loader)</c>),
/// every call of which passes the model of a training function's callers after the first call of
/// that function: it takes the trained variables too, and applies the model to them.
/// </summary>
internal sealed record EvaluationFunction(
    PythonParser.Function_defContext Function,
    string Model,
    IReadOnlyList<PythonParser.CallExprContext> Calls,
    TrainingStep Step);

/// <summary>The calls of the file's functions, read for <see cref="StepCaller"/> and <see cref="EvaluationFunction"/>.</summary>
internal static class FunctionCalls
{
    /// <summary>
    /// The calls of a top-level function, all by name in this file, with plain parameters (no
    /// defaults, <c>*args</c>, <c>**kwargs</c>) so that it can take the state too; when it returns the
    /// state (<paramref name="returnsState"/>), every call is a statement of its own (its value
    /// unused) and the function has no <c>return</c> or <c>yield</c>. Else null, with why.
    /// </summary>
    public static List<PythonParser.CallExprContext>? Of(PythonParser.Function_defContext function, SemanticModel semantic, TensorFacts facts, out string problem,
        bool returnsState = true)
    {
        var name = function.name().GetText();
        problem = $"{name}() is called elsewhere than by statements of this file, or is not a plain top-level function";
        var scope = semantic.ScopeOpenedBy(function);
        if (scope?.Parent?.Kind != ScopeKind.Module || function.Parent is PythonParser.DecoratedContext || !facts.CallsAllInFile(function))
        {
            return null;
        }
        if ((function.parameters()?.parameter() ?? []).Any(p => p.STAR() is not null || p.DOUBLESTAR() is not null || p.SLASH() is not null || p.expression() is not null || p.name() is null))
        {
            problem = $"{name}() has parameters with defaults, or *args/**kwargs: the variables cannot be added to them";
            return null;
        }
        if (returnsState && ParseTrees.Descendants<PythonParser.Return_stmtContext>(function).Any(r => Owner(r) == function)
            || ParseTrees.Descendants<PythonParser.Yield_exprContext>(function).Any(y => Owner(y) == function))
        {
            problem = $"{name}() returns or yields a value of its own: the variables cannot be returned with it";
            return null;
        }
        var calls = ByName(function, semantic);
        if (calls.Count == 0 || (returnsState && !calls.All(SyntaxShapes.IsWholeStatement)))
        {
            problem = $"the value of a call of {name}() is used: the call cannot take the variables back";
            return null;
        }
        return calls;
    }

    /// <summary>The calls of a top-level function by its name in the file (<c>f(...)</c>).</summary>
    public static List<PythonParser.CallExprContext> ByName(PythonParser.Function_defContext function, SemanticModel semantic)
    {
        var name = function.name().GetText();
        var own = semantic.Module.Lookup(name);
        return ParseTrees.Descendants<PythonParser.CallExprContext>(semantic.Module.Node)
            .Where(c => ModelBindings.NameOf(c.expr()) is { } callee && c.expr() is PythonParser.NameAtomContext && callee.GetText() == name
                && ReferenceEquals(SemanticModel.Lookup(name, semantic.ScopeOf(callee)), own))
            .ToList();
    }

    /// <summary>The plain name a call passes a parameter (positionally or by keyword), or null.</summary>
    public static PythonParser.NameAtomContext? NamePassed(PythonParser.CallExprContext call, PythonParser.Function_defContext function, string parameter) =>
        ModelBindings.NameOf(Passed(call, function, parameter));

    /// <summary>The expression a call passes a parameter (positionally or by keyword; not through * or **), or null.</summary>
    public static Antlr4.Runtime.ParserRuleContext? Passed(PythonParser.CallExprContext call, PythonParser.Function_defContext function, string parameter)
    {
        var parameters = function.parameters()?.parameter() ?? [];
        int index = Array.FindIndex(parameters, p => p.name()?.GetText() == parameter);
        var arguments = SyntaxShapes.Arguments(call);
        if (index < 0 || arguments.Any(a => a is not (PythonParser.PositionalArgumentContext or PythonParser.KeywordArgumentContext)))
        {
            return null;
        }
        return index < arguments.Count && arguments[index] is PythonParser.PositionalArgumentContext positional ? positional.NamedExpression()
            : arguments.OfType<PythonParser.KeywordArgumentContext>().FirstOrDefault(k => k.name().GetText() == parameter)?.expression();
    }

    /// <summary>Whether a parameter is bound nowhere else in its function.</summary>
    public static bool OnlyParameter(PythonParser.Function_defContext function, string name, SemanticModel semantic) =>
        semantic.ScopeOpenedBy(function)?.Lookup(name) is { Count: 1 } bindings && bindings[0].Site is PythonParser.ParameterContext;

    /// <summary>The function (or lambda, or class) a node is in.</summary>
    private static Antlr4.Runtime.RuleContext? Owner(Antlr4.Runtime.RuleContext node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is PythonParser.Function_defContext or PythonParser.LambdefContext or PythonParser.Class_defContext)
            {
                return current;
            }
        }
        return null;
    }
}
