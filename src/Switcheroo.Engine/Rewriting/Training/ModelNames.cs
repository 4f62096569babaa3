using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// What a name holding a model is built from. <c>model = Net()</c> (also <c>Net().to(device)</c>,
/// <c>Net().cuda()</c>) names the converted module class <c>Net</c> of the file, or of another file
/// converted with it (<c>from cnn import Net</c>); a parameter, the class of the model every call
/// of its function passes (the value analysis); a model whose bindings are anything else is of a
/// class not known here.
/// </summary>
internal static class ModelNames
{
    /// <summary>The module classes of the file the receiver can hold, when every binding of it builds one; else null.</summary>
    public static List<string>? ClassesOf(PythonParser.ExprContext receiver, ConversionContext context)
    {
        var classes = ConstructedClasses(receiver, context);
        return classes is { Count: > 0 } && classes.All(c => IsLinen(context, c))
            ? classes
            : null;
    }

    /// <summary>
    /// The classes the receiver can hold, when what applying it needs (statistics, dropout masks) is known from them:
    /// null for a model of a class not known here, of one that builds blocks it is given (<see cref="Analysis.GivenBuilders"/>),
    /// or built with the layers of a free function that keeps statistics its class does not show
    /// (<c>VGG(make_layers(cfg, batch_norm=True))</c> with <c>VGG</c> imported: <see cref="ModuleSummary"/>'s parts).
    /// </summary>
    public static List<string>? KnownForApplying(PythonParser.ExprContext receiver, ConversionContext context) =>
        ClassesOf(receiver, context) is { } classes && !classes.Any(context.Facts.TrainState.BuildsGiven) && !TakesBuiltParts(receiver, context)
            ? classes
            : null;

    /// <summary>Whether a binding of the receiver constructs its model with an argument that calls a free function building what it is given.</summary>
    private static bool TakesBuiltParts(PythonParser.ExprContext receiver, ConversionContext context) =>
        NameOf(receiver) is { } name && SemanticModel.Lookup(name.GetText(), context.Model.ScopeOf(name)) is { } bindings
        && bindings.Any(b => ModelBindings.Construction(b, context.Maps)?.arguments() is { } arguments
            && ParseTrees.Descendants<PythonParser.CallExprContext>(arguments).Any(c => c.expr() is PythonParser.NameAtomContext callee
                && context.Facts.TrainState.BuildsGiven(callee.GetText())));

    /// <summary>
    /// A module class of the file, or of another file converted with it, that converts to a Linen module
    /// (not one its file keeps as torch code: <see cref="ClassFacts.Kept"/>).
    /// </summary>
    public static bool IsLinen(ConversionContext context, string cls) =>
        context.ModuleClassNamed(cls) is not null
        || context.Facts.ImportedClasses.TryGetValue(cls, out var facts) && !facts.HasFlag(ClassFacts.Kept);

    /// <summary>The names of the classes every binding of a plain name constructs (<c>t = Trainer(...)</c>), whatever they are; null when a binding is not such a call.</summary>
    public static List<string>? ConstructedClasses(PythonParser.ExprContext receiver, ConversionContext context)
    {
        if (NameOf(receiver) is not { } name || SemanticModel.Lookup(name.GetText(), context.Model.ScopeOf(name)) is not { } bindings)
        {
            return null;
        }
        if (bindings is [{ Site: PythonParser.ParameterContext parameter }])
        {
            // The model parameter of a training or evaluation function holds what its calls pass (the value analysis: every call in the file passes a Net()).
            return ReceivesTrainedModel(parameter, context) && context.Facts.Tensors.ModelClass(name) is { } passed ? [passed] : null;
        }
        var classes = new List<string>();
        foreach (var binding in bindings)
        {
            if (ModelBindings.Construction(binding, context.Maps)?.expr() is not PythonParser.NameAtomContext cls)
            {
                return null;
            }
            classes.Add(cls.GetText());
        }
        return classes;
    }

    /// <summary>Whether a parameter is the model of a training function (one model's, or an alternating step's) whose callers pass the state, or of an evaluation function.</summary>
    private static bool ReceivesTrainedModel(PythonParser.ParameterContext parameter, ConversionContext context)
    {
        var function = parameter.Parent?.Parent as PythonParser.Function_defContext;
        var name = parameter.name()?.GetText();
        var steps = context.Facts.TrainingSteps;
        return function is not null
            && (steps.All.Any(s => s.Caller?.Function == function && s.Model == name && context.Facts.StepConversions.Writes(s))
                || steps.Gans.Any(g => g.Caller?.Function == function && g.Halves.Any(h => h.Model == name))
                || steps.Evaluations.Any(e => e.Function == function && e.Model == name && context.Facts.StepConversions.Writes(e.Step)));
    }

    /// <inheritdoc cref="ModelBindings.NameOf"/>
    public static PythonParser.NameAtomContext? NameOf(Antlr4.Runtime.Tree.IParseTree? expression) => ModelBindings.NameOf(expression);
}
