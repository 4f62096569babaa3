using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// A <c>model.load_state_dict(state_dict)</c> whose model is not called after it in its scope but
/// returned or passed on (a builder function), for the <c>checkpoint_keys</c> hook. A torch model
/// carries its weights to whoever calls the builder; a Linen module holds none, so the converted
/// model carries the state_dict instead, and takes its variables from it whenever it is initialised
/// (<c>switcheroo_runtime.with_state_dict</c>, docs/checkpoints.md):
/// <code>
/// model = ResNet(block, layers)                       model = ResNet(block, layers)
/// if weights is not None:                       →     if weights is not None:
///     model.load_state_dict(weights.get_state_dict())     model = switcheroo_runtime.with_state_dict(model, weights.get_state_dict())
/// return model                                        return model
/// </code>
/// The name is rebound, where torch loads into the object: exact when the name is the only
/// reference to the model so far — a name this scope assigns a converted module to, and reads
/// nowhere before the load (an alias made before it would keep the unloaded module).
/// </summary>
internal static class CarriedWeights
{
    /// <summary>What to write instead where the load cannot rebind its model.</summary>
    public const string Instead = "model = switcheroo_runtime.with_state_dict(model, state_dict) where the Linen model is built, "
        + "and pass that on; or variables = switcheroo_runtime.KeyMapper.from_torch(state_dict, jax.eval_shape(model.init, key, example_input)) where it is called";

    /// <summary>Why the load cannot rebind its model; null when it can.</summary>
    public static string? WhyNot(ConversionContext context, CheckpointLoad load, PythonParser.ExprContext receiver, Scope scope) =>
        WhyNot(context, load.Model, receiver, scope, load.Call);

    /// <summary>
    /// Why <paramref name="model"/>, read as <paramref name="receiver"/>, cannot be rebound to the loaded model at
    /// <paramref name="at"/> (the load, or the call of a function that loads into it: <see cref="LoadingFunction"/>); null when it can.
    /// </summary>
    public static string? WhyNot(ConversionContext context, string model, PythonParser.ExprContext receiver, Scope scope, Antlr4.Runtime.ParserRuleContext at)
    {
        if (scope.Lookup(model) is not { } bindings || bindings.Any(b => b.Site is not PythonParser.Expression_stmtContext))
        {
            return $"'{model}' is not called after it in this scope, and it is not a model this scope builds (a parameter, or a name bound otherwise): torch loads into the caller's model, a Linen module holds no weights";
        }
        if (NotLinen(context, model, receiver) is { } reason)
        {
            return $"'{model}' is not called after it in this scope, and {reason}";
        }
        if (ReadBefore(context, scope, model, at) is { } read)
        {
            return $"'{model}' is read before it (line {read.Start.Line}), and torch's load reaches that reference too, which a rebound name does not";
        }
        return null;
    }

    /// <summary>Why the model is not known to be a converted Linen module where it is loaded; null when it is.</summary>
    private static string? NotLinen(ConversionContext context, string model, PythonParser.ExprContext receiver)
    {
        // What the value analysis knows the name holds there: also a model a builder function returns.
        if (context.Facts.Tensors.ModelClass(receiver) is { } known && ModelNames.IsLinen(context, known))
        {
            return null;
        }
        if (context.Facts.Tensors.InstanceClass(receiver) is { } instance && UnseenBaseOf(context, receiver, instance) is { } unseen)
        {
            // A builder returning an instance of a class of the file whose base is a class of the project converted elsewhere (or not at all).
            return $"it holds an instance of {instance}, whose base {unseen.Base.GetText()}, imported from {unseen.Module}, is not converted with this file, "
                + $"so {instance} is not known to be a converted Linen module: convert the file that defines {unseen.Base.GetText()} together with this one";
        }
        if (ModelNames.ConstructedClasses(receiver, context) is not { Count: > 0 } built)
        {
            return $"it is not built here by a call ({model} = Net(...))";
        }
        if (built.FirstOrDefault(c => !ModelNames.IsLinen(context, c)) is not { } other)
        {
            return null;
        }
        return context.Facts.ImportedClasses.ContainsKey(other) || IsClassOfFile(context, receiver, other)
            ? $"it is built from {other}, which is not converted to a Linen module (its own warning says why)"
            : $"it is built by {other}(...), which is not known to return a converted Linen module";
    }

    private static (PythonParser.NameAtomContext Base, string Module)? UnseenBaseOf(ConversionContext context, PythonParser.ExprContext receiver, string cls) =>
        ModelNames.NameOf(receiver) is { } use && context.Model.ScopeOf(use).Module().Lookup(cls) is [{ Site: PythonParser.Class_defContext definition }]
            ? Modules.UnseenBases.UnseenBase(definition, context)
            : null;

    private static bool IsClassOfFile(ConversionContext context, PythonParser.ExprContext receiver, string name) =>
        ModelNames.NameOf(receiver) is { } use && context.Model.ScopeOf(use).Module().Lookup(name) is { } bindings
        && bindings.Any(b => b.Site is PythonParser.Class_defContext);

    /// <summary><c>model.load_state_dict(sd[, strict=False])</c> → <c>model = switcheroo_runtime.with_state_dict(model, sd[, strict=False])</c>.</summary>
    public static void Write(ConversionContext context, CheckpointLoad load) =>
        context.Plan.Replace(load.Call, PyBlockPrinter.Print(PyAssign.Of(Py.Named(load.Model), Carried(context, load))));

    /// <summary><c>switcheroo_runtime.with_state_dict(model, sd[, strict=False])</c>: the model carrying the load's state_dict.</summary>
    public static Py Carried(ConversionContext context, CheckpointLoad load) =>
        Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.with_state_dict")),
            [Py.Named(load.Model), Py.Source(load.StateDict)], load.Strict ? [] : [new PyKeyword("strict", PyLiteral.Bool(false))]);

    /// <summary>The first read of the model's name in its scope before the load, other than as the target of its own assignments.</summary>
    private static PythonParser.NameAtomContext? ReadBefore(ConversionContext context, Scope scope, string model, Antlr4.Runtime.ParserRuleContext at) =>
        ParseTrees.Descendants<PythonParser.NameAtomContext>(scope.Node).FirstOrDefault(use =>
            use.Start.TokenIndex < at.Start.TokenIndex && use.GetText() == model
            && ModelCalls.IsLocal(context, scope, use) && !IsAssignedTarget(use));

    private static bool IsAssignedTarget(PythonParser.NameAtomContext use) =>
        SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(use) is { } statement && statement.EQUAL().Length == 1
        && statement.Start.TokenIndex == use.Start.TokenIndex && use.Stop.TokenIndex < statement.EQUAL(0).Symbol.TokenIndex;
}
