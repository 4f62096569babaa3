using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// The calls of one model, by its name in one scope (<c>model(x)</c>), and their functional form:
/// a Linen module is applied to its variables, <c>model.apply(variables, x)</c>. Also what mode the
/// model is in at a call, as the <c>model.train()</c>/<c>model.eval()</c> statements before it set it.
/// </summary>
internal sealed partial class ModelCalls(ConversionContext context, Scope scope, string model)
{
    /// <summary>The scope the model's name is read in.</summary>
    public Scope Scope => scope;

    /// <summary>The model's name in the scope.</summary>
    public string Model => model;

    /// <summary>Calls of the model by its name, resolving to the scope's binding, in source order.</summary>
    public IEnumerable<PythonParser.CallExprContext> All() =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(scope.Node).Where(call =>
            call.expr() is PythonParser.NameAtomContext name
            && name.GetText() == model && IsLocal(name) && !context.Edits.IsVerbatim(call));

    /// <summary>Whether a name read resolves to a binding of this scope.</summary>
    public bool IsLocal(PythonParser.NameAtomContext use) => IsLocal(context, scope, use);

    public static bool IsLocal(ConversionContext context, Scope scope, PythonParser.NameAtomContext use) =>
        scope.Lookup(use.GetText()) is { } local && ReferenceEquals(SemanticModel.Lookup(use.GetText(), context.Model.ScopeOf(use)), local);

    /// <summary><c>model(x)</c> → <c>model.apply(variables, x, extra...)</c>, keeping the arguments' own edits.</summary>
    public void Apply(PythonParser.CallExprContext call, Py variables, IReadOnlyList<PyKeyword> extra) =>
        context.Edits.ReplaceKeepingComments(call, PyPrinter.Print(Applied(call, variables, extra)));

    /// <summary><c>model.apply(variables, x, extra...)</c> for a call <c>model(x)</c>.</summary>
    public Py Applied(PythonParser.CallExprContext call, Py variables, IReadOnlyList<PyKeyword> extra) =>
        Py.CallOf(new PyAttribute(Py.Named(model), "apply"), Arguments(call, last: extra.Count == 0).Prepend(variables), extra);

    /// <summary>
    /// The arguments of a call as written (their layout inside and their own edits kept), as one
    /// item of a new argument list; a trailing comma stays only where they are <paramref name="last"/>.
    /// </summary>
    public static IEnumerable<Py> Arguments(PythonParser.CallExprContext call, bool last)
    {
        if (call.arguments() is not { } list)
        {
            yield break;
        }
        var end = last ? list.Stop.TokenIndex : list.argument()[^1].Stop.TokenIndex;
        yield return new PySource([new TextPart.Source(list.Start.TokenIndex, end)], PyPrecedence.Any);
    }

    /// <summary>Whether the model's class (null: not known) behaves differently in training and evaluation.</summary>
    public bool HasMode(IReadOnlyList<string>? classes) => classes is null || classes.Any(context.Facts.TrainState.NeedsTrain);

    /// <summary>The mode the last <c>model.train()</c>/<c>model.eval()</c> statement before a node sets: "True", "False", or null.</summary>
    public string? ModeBefore(Antlr4.Runtime.ParserRuleContext node)
    {
        string? mode = null;
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(scope.Node))
        {
            if (call.Start.TokenIndex >= node.Start.TokenIndex)
            {
                break;
            }
            if (call.expr() is PythonParser.AttributeExprContext { } member && member.expr().GetText() == model
                && context.Maps.ModelMethod(member.name().GetText()) is { Hook: Hooks.StateFlagInjectionHook.HookName } entry
                && Hooks.InPlaceHook.IsWholeStatement(call))
            {
                var argument = call.arguments()?.GetText();
                mode = Hooks.StateFlagInjectionHook.SetsEval(entry) || argument is "False" or "mode=False" ? "False" : "True";
            }
        }
        return mode;
    }
}
