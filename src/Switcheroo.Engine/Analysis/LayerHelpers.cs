using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The module-level functions of a file that build layers for converted module classes and for
/// nothing else: every use of the function's name is a call <c>helper(...)</c> inside a converted
/// module class, outside its <c>forward</c> (<c>def conv_bn(c): return nn.Sequential(nn.Conv2d(...),
/// nn.BatchNorm2d(c))</c> called as <c>self.stem = conv_bn(32)</c>). Their layers are built while the
/// module's <c>setup</c> runs, so they convert as if written there; what depends on the module's
/// train flag reads a <c>train</c> keyword parameter the helper gains, which every call passes
/// (<c>conv_bn(32, train=self.train)</c>). A function whose parameters already take <c>**kwargs</c> or a
/// <c>train</c>, or whose name is bound twice or is also a class's, is not one.
/// </summary>
public static class LayerHelpers
{
    /// <summary>The layer helpers of the file, by name (see the type's summary).</summary>
    public static IReadOnlyDictionary<string, PythonParser.Function_defContext> Of(PythonParser.File_inputContext root, SemanticModel model, ModuleClasses classes)
    {
        var helpers = new Dictionary<string, PythonParser.Function_defContext>(StringComparer.Ordinal);
        foreach (var (name, function, calls) in Candidates.GetValue(model, _ => CandidatesOf(root, model)))
        {
            if (calls.Count > 0 && calls.All(use => IsCallInSetup(use, classes)))
            {
                helpers[name] = function;
            }
        }
        return helpers;
    }

    /// <summary>
    /// The module-level functions of a file whose every call (one at least) is an argument, as
    /// written, of a construction of a module class that has a train flag (<paramref name="train"/>):
    /// <c>VGG(make_layers(cfg), ...)</c>. What they build ends up inside such a module, so a layer they
    /// build that follows the train flag can read it from there at apply time (the runtime's
    /// <c>TorchBatchNorm</c>). Layer helpers are none of these (their calls are in constructors).
    /// </summary>
    public static IReadOnlySet<PythonParser.Function_defContext> PartsOfTrainModules(PythonParser.File_inputContext root, SemanticModel model, TrainState train)
    {
        var parts = new HashSet<PythonParser.Function_defContext>();
        foreach (var (_, function, calls) in Candidates.GetValue(model, _ => CandidatesOf(root, model)))
        {
            if (calls.Count > 0 && calls.All(use => IsArgumentOfTrainModule(use, model, train)))
            {
                parts.Add(function);
            }
        }
        return parts;
    }

    /// <summary>
    /// The module-level functions of a file (not layer helpers) whose every call (one at least) is an
    /// argument, as written, of a call of a name bound at module level (a class of the file or an
    /// imported one: <c>VGG(make_layers(cfg))</c>), with the names so called. What they build becomes
    /// part of those modules, which take its facts (<see cref="ModuleSummary"/>: its BatchNorm keeps
    /// statistics in theirs).
    /// </summary>
    public static IReadOnlyList<(string Name, PythonParser.Function_defContext Function, IReadOnlyList<string> Constructed)> ArgumentsOfConstructions(
        PythonParser.File_inputContext root, SemanticModel model)
    {
        var parts = new List<(string, PythonParser.Function_defContext, IReadOnlyList<string>)>();
        foreach (var (name, function, calls) in Candidates.GetValue(model, _ => CandidatesOf(root, model)))
        {
            var constructed = calls.Select(use => ConstructionTaking(use, model)?.GetText()).ToList();
            if (calls.Count > 0 && constructed.All(c => c is not null))
            {
                parts.Add((name, function, constructed.Distinct(StringComparer.Ordinal).ToList()!));
            }
        }
        return parts;
    }

    /// <summary>A use that is the callee of a call written as an argument of a call of a module class with a train flag.</summary>
    private static bool IsArgumentOfTrainModule(PythonParser.NameAtomContext use, SemanticModel model, TrainState train) =>
        ConstructionTaking(use, model) is { } cls && train.IsModule(cls.GetText()) && train.NeedsTrain(cls.GetText());

    /// <summary>
    /// For a use that is the callee of a call written as an argument of a call of a name bound at module level
    /// (<c>make_layers</c> in <c>VGG(make_layers(cfg))</c>), that name (<c>VGG</c>); else null.
    /// </summary>
    private static PythonParser.NameAtomContext? ConstructionTaking(PythonParser.NameAtomContext use, SemanticModel model)
    {
        if (use.Parent is not PythonParser.CallExprContext call || call.expr() != use)
        {
            return null;
        }
        // Up through the rules that only wrap the call (expression, test, ...) to the argument.
        RuleContext node = call;
        while (node.Parent is ParserRuleContext wrapper && wrapper is not PythonParser.ArgumentContext && wrapper.ChildCount == 1)
        {
            node = wrapper;
        }
        return (node.Parent is PythonParser.KeywordArgumentContext || node.Parent is PythonParser.PositionalArgumentContext positional && positional.comprehension() is null)
            && node.Parent.Parent is PythonParser.ArgumentsContext { Parent: PythonParser.CallExprContext construction }
            && construction.expr() is PythonParser.NameAtomContext cls
            && model.Module.Lookup(cls.GetText()) is { } bindings && ReferenceEquals(SemanticModel.Lookup(cls.GetText(), model.ScopeOf(cls)), bindings)
            ? cls
            : null;
    }

    /// <summary>
    /// The candidates of each file (by its bindings, which imply its tree): asked for twice a file, by
    /// the module summary and by the file's facts, with other module classes; what does not depend on
    /// them is found once.
    /// </summary>
    private static readonly ConditionalWeakTable<SemanticModel, IReadOnlyList<Candidate>> Candidates = new();

    /// <summary>A module-level function that could be a helper, with every use of its name that reads this binding.</summary>
    private sealed record Candidate(string Name, PythonParser.Function_defContext Function, List<PythonParser.NameAtomContext> Uses);

    private static List<Candidate> CandidatesOf(PythonParser.File_inputContext root, SemanticModel model)
    {
        var candidates = new List<Candidate>();
        var classNames = ParseTrees.Descendants<PythonParser.Class_defContext>(root).Select(c => c.name().GetText()).ToHashSet(StringComparer.Ordinal);
        var uses = model.Uses.ToLookup(u => u.GetText(), StringComparer.Ordinal);
        foreach (var statement in root.statement())
        {
            if (statement.function_def() is not { } function || function.ASYNC() is not null)
            {
                continue;
            }
            var name = function.name().GetText();
            var own = model.Module.Lookup(name);
            if (classNames.Contains(name) || own is not { Count: 1 } || own[0].Site != function || !AcceptsTrain(function))
            {
                continue;
            }
            candidates.Add(new Candidate(name, function, uses[name].Where(u => ReferenceEquals(SemanticModel.Lookup(name, model.ScopeOf(u)), own)).ToList()));
        }
        return candidates;
    }

    /// <summary>The name of the parameter a helper gains (and every call passes).</summary>
    public const string TrainParameter = "train";

    /// <summary>Whether a keyword-only <c>train</c> can be added: no <c>**kwargs</c>, no parameter of that name.</summary>
    private static bool AcceptsTrain(PythonParser.Function_defContext function) =>
        function.parameters()?.parameter() is not { } parameters
        || parameters.All(p => p.DOUBLESTAR() is null && p.name()?.GetText() != TrainParameter);

    /// <summary>A use that is the callee of a call inside a converted module class, in a method other than <c>forward</c>.</summary>
    private static bool IsCallInSetup(PythonParser.NameAtomContext use, ModuleClasses classes) =>
        use.Parent is PythonParser.CallExprContext call && call.expr() == use
        && classes.Around(call) is not null
        && SyntaxShapes.Enclosing<PythonParser.Function_defContext>(call)?.name().GetText() is { } method && method != "forward";
}
