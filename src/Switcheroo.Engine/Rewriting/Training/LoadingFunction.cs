using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// A function that loads a state_dict into the model it receives (densenet's <c>_load_state_dict</c>), for
/// the <c>checkpoint_keys</c> hook. Torch loads into the caller's object; a Linen module holds no weights,
/// so the function returns the model carrying the state_dict (<see cref="CarriedWeights"/>) and every
/// call rebinds the name it passed:
/// <code>
/// def _load(model, weights) -> None:                 def _load(model, weights):
///     state_dict = fixed_keys(weights)          →         state_dict = fixed_keys(weights)
///     model.load_state_dict(state_dict)                   return switcheroo_runtime.with_state_dict(model, state_dict)
///
///     model = Net()                                       model = Net()
///     _load(model, weights)                     →         model = _load(model, weights)
///     return model                                        return model
/// </code>
/// Exact where the function is a plain top-level one whose every call is a statement of its own in
/// this file (its value unused: it returned None), the load is its last statement and the only read
/// of the parameter, it returns nothing else, and every call passes a name that can be rebound as a
/// builder's load rebinds it (<see cref="CarriedWeights.WhyNot(ConversionContext, string, PythonParser.ExprContext, Scope, Antlr4.Runtime.ParserRuleContext)"/>:
/// a converted model the caller builds and has not aliased) and does not call afterwards.
/// </summary>
internal static class LoadingFunction
{
    /// <summary>What to write instead where the load cannot be returned.</summary>
    public const string Instead = "return switcheroo_runtime.with_state_dict(model, state_dict) from the function, "
        + "and model = load(model, ...) where it is called";

    /// <summary>The function whose parameter the load's model is; null when the model is no parameter of a top-level function.</summary>
    public static PythonParser.Function_defContext? Of(CheckpointLoad load, Scope scope) =>
        scope.Lookup(load.Model) is [{ Site: PythonParser.ParameterContext parameter }]
        && parameter.Parent?.Parent is PythonParser.Function_defContext function && scope.Node == function && scope.Parent?.Kind == ScopeKind.Module
            ? function
            : null;

    /// <summary>Why the load cannot be returned and its calls rebind the model; null when they can.</summary>
    public static string? WhyNot(ConversionContext context, CheckpointLoad load, PythonParser.Function_defContext function, Scope scope)
    {
        var name = function.name().GetText();
        if (function.Parent is PythonParser.DecoratedContext || !context.Facts.Tensors.CallsAllInFile(function)
            || FunctionCalls.ByName(function, context.Model) is not { Count: > 0 } calls)
        {
            return $"'{load.Model}' is a parameter of {name}(), which may be called from elsewhere than this file (or is decorated, or never called): "
                + "the model it is given can be returned only to calls that are all in sight";
        }
        if (calls.FirstOrDefault(c => !SyntaxShapes.IsWholeStatement(c)) is { } used)
        {
            return $"'{load.Model}' is a parameter of {name}(), whose value the call on line {used.Start.Line} uses, so the call cannot take the loaded model back";
        }
        if (ParseTrees.Descendants<PythonParser.Return_stmtContext>(function.block()).Any(r => SyntaxShapes.Enclosing<PythonParser.Function_defContext>(r) == function)
            || ParseTrees.Descendants<PythonParser.Yield_exprContext>(function.block()).Any(y => SyntaxShapes.Enclosing<PythonParser.Function_defContext>(y) == function))
        {
            return $"'{load.Model}' is a parameter of {name}(), which returns or yields a value of its own, where the loaded model would be returned";
        }
        if (function.expression() is { } returns && returns.GetText() != "None")
        {
            return $"'{load.Model}' is a parameter of {name}(), which is annotated to return {returns.GetText()}";
        }
        if (SyntaxShapes.Enclosing<PythonParser.StatementContext>(load.Call) is not { } statement || statement.Parent != function.block()
            || function.block().statement().Last() != statement)
        {
            return $"'{load.Model}' is a parameter of {name}(), and the load is not its last statement, which could return the loaded model";
        }
        if (ParseTrees.Descendants<PythonParser.NameAtomContext>(function.block()).FirstOrDefault(use => use != load.Receiver
            && use.GetText() == load.Model && ModelCalls.IsLocal(context, scope, use)) is { } other)
        {
            return $"'{load.Model}' is a parameter of {name}(), read besides the load (line {other.Start.Line}), where torch's load reaches it too";
        }
        foreach (var call in calls)
        {
            if (WhyNotAt(context, call, function, load.Model) is { } reason)
            {
                return $"'{load.Model}' is a parameter of {name}(), and {reason}";
            }
        }
        return null;
    }

    /// <summary>Why the model a call passes cannot be rebound to the function's return; null when it can.</summary>
    private static string? WhyNotAt(ConversionContext context, PythonParser.CallExprContext call, PythonParser.Function_defContext function, string parameter)
    {
        if (FunctionCalls.NamePassed(call, function, parameter) is not { } passed)
        {
            return $"the call on line {call.Start.Line} passes it no plain name to rebind";
        }
        var model = passed.GetText();
        var scope = context.Model.ScopeOf(passed);
        if (CarriedWeights.WhyNot(context, model, passed, scope, call) is { } problem)
        {
            return $"where it is called (line {call.Start.Line}), {problem}";
        }
        if (new ModelCalls(context, scope, model).All().FirstOrDefault(c => c.Start.TokenIndex > call.Stop.TokenIndex) is { } later)
        {
            return $"'{model}' is called after it is loaded (line {later.Start.Line}): load it in the caller instead, before that call, where its variables are built from the state_dict";
        }
        return null;
    }

    /// <summary>The load returns the carried model; the return annotation <c>None</c> goes; every call rebinds the name it passes.</summary>
    public static void Write(ConversionContext context, CheckpointLoad load, PythonParser.Function_defContext function)
    {
        context.Plan.Replace(load.Call, PyBlockPrinter.Print(new PyReturn([CarriedWeights.Carried(context, load)])));
        if (function.expression() is { } returns)
        {
            context.Plan.Discard(function.RPAR().Symbol.TokenIndex + 1, returns.Stop.TokenIndex);
        }
        foreach (var call in FunctionCalls.ByName(function, context.Model))
        {
            var passed = FunctionCalls.NamePassed(call, function, load.Model)!;
            // An assignment's target and '=' before the call, which keeps its own edits and layout.
            context.Plan.InsertBefore(call, $"{passed.GetText()} = ");
        }
    }
}
