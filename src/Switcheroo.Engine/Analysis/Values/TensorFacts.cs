using System.Runtime.CompilerServices;
using Switcheroo.Engine.Analysis;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What the conversions ask about values, answered by the file's <see cref="ValueAnalysis"/>
/// (the rule in docs/maps.md, "Which values are tensors"): whether an expression is a tensor
/// where it stands, and whether a name holds an object a torch module built. The analysis runs
/// once per file, however many conversions ask.
/// </summary>
/// <param name="functions">the functions of the files converted together (<see cref="FunctionIndex"/>), of which this file is <paramref name="modulePath"/></param>
public sealed class TensorFacts(SemanticModel model, MapSet maps, IReadOnlyDictionary<string, ClassFacts>? importedClasses = null,
    ProjectFunctions? functions = null, string modulePath = "")
{
    private static readonly ConditionalWeakTable<SemanticModel, Computed> Analyses = new();

    private sealed record Computed(MapSet Maps, IReadOnlyDictionary<string, ClassFacts>? Imported, ProjectFunctions? Functions, ValueAnalysis Analysis);

    private ValueAnalysis? _analysis;

    private ValueAnalysis Analysis => _analysis ??= Shared();

    private ValueAnalysis Shared()
    {
        // The table is thread-safe; one file's conversions ask from one thread.
        if (Analyses.TryGetValue(model, out var known) && ReferenceEquals(known.Maps, maps) && ReferenceEquals(known.Imported, importedClasses)
            && ReferenceEquals(known.Functions, functions))
        {
            return known.Analysis;
        }
        using var stage = StageMeter.Enter("value analysis");
        var analysis = new ValueAnalysis(model, maps, importedClasses, functions?.For(modulePath, model));
        Analyses.AddOrUpdate(model, new Computed(maps, importedClasses, functions, analysis));
        return analysis;
    }

    public bool IsTensor(IParseTree node) => Analysis.IsTensor(node);

    /// <summary>
    /// A name holding, where it is read, an object built by a constructor of the torch module
    /// <paramref name="module"/> (<c>opt = torch.optim.SGD(...)</c>), so methods of that module's classes apply to it;
    /// or an attribute holding a layer so built (<c>self.skip_add</c> = <c>nn.quantized.FloatFunctional()</c>);
    /// never a top-level module (<c>torch</c>), whose constructors build every torch object. A class named
    /// under a module alias counts as built by the module it stands for (<c>torch.ao.nn.quantized</c>).
    /// </summary>
    public bool IsBuiltBy(PythonParser.ExprContext receiver, string module) =>
        module.Contains('.')
        && (receiver is PythonParser.NameAtomContext atom
            || receiver is PythonParser.AttributeExprContext && TorchModuleClass(receiver) is not null)
        && Analysis.ValueOf(receiver) is var value
        && (value.IsBuiltBy(module)
            || value is { Kind: ValueKind.Object, Name: { } name } && maps.Find(name) is { Kind: EntryKind.Class } entry
                && entry.Torch != name && Value.Object(entry.Torch).IsBuiltBy(module));

    /// <summary>
    /// The torch module whose constructor built the object a name holds where it is read: <c>torch.optim</c>
    /// for <c>opt = torch.optim.SGD(...)</c>, and where several of its constructors may have (a join); else null.
    /// </summary>
    public string? BuilderModule(PythonParser.ExprContext receiver) =>
        receiver is PythonParser.NameAtomContext atom
        && Analysis.ValueOf(receiver) is { Kind: ValueKind.Object, Name: { } name } && name.LastIndexOf('.') is var dot and > 0
            ? name[..dot]
            : null;

    /// <summary>The torch class whose constructor built the object a name holds where it is read (<c>torch.cuda.amp.GradScaler</c>); else null.</summary>
    public string? BuiltClass(PythonParser.ExprContext receiver) =>
        receiver is PythonParser.NameAtomContext atom
        && Analysis.ValueOf(receiver) is { Kind: ValueKind.Object, Name: { } name } && !name.EndsWith('.') ? name : null;

    /// <summary>The module class of the file a name holds where it is read (<c>Net</c> for a parameter every call passes a <c>Net()</c>); else null.</summary>
    public string? ModelClass(PythonParser.ExprContext receiver) =>
        receiver is PythonParser.NameAtomContext atom
        && Analysis.ValueOf(receiver) is { Kind: ValueKind.Module, Name: { } name } ? name : null;

    /// <summary>The class of the file, not known to be a module class, whose instance a name holds where it is read (<c>model = build()</c> returning a <c>Net</c> whose base is not seen); else null.</summary>
    public string? InstanceClass(PythonParser.ExprContext receiver) =>
        receiver is PythonParser.NameAtomContext atom
        && Analysis.ValueOf(receiver) is { Kind: ValueKind.Instance, Name: { } name } ? name : null;

    /// <summary>Whether every call of a top-level function is in this file, by name (no other file imports it, nothing passes it as a value).</summary>
    public bool CallsAllInFile(PythonParser.Function_defContext function) => Analysis.CallsAllInFile(function);

    /// <summary>A name holding a model where it is read: <c>self</c> in a module class, or an instance of one.</summary>
    public bool IsModel(PythonParser.ExprContext receiver) =>
        receiver is PythonParser.NameAtomContext atom
        && Analysis.ValueOf(receiver).Kind == ValueKind.Module;

    /// <summary>
    /// An expression holding a module where it stands, whatever its form (<c>self.fc</c>, <c>layer</c>): a model, or
    /// the object of a torch class whose entry says <c>instances: module</c> (a layer, a container, a loss). A tensor method's name on it (<c>layer.float()</c>) is not the tensor method.
    /// </summary>
    public bool IsModule(PythonParser.ExprContext receiver) => IsModule(Analysis.ValueOf(receiver), maps);

    /// <summary>
    /// The torch class whose object an expression holds where it stands, when that class's entry says
    /// <c>instances: module</c> (a layer: <c>torch.nn.Embedding</c> for <c>self.emb</c>); else null.
    /// </summary>
    public string? TorchModuleClass(PythonParser.ExprContext receiver) => TorchModuleClass(Analysis.ValueOf(receiver), maps);

    /// <summary>Whether a value is a module (<see cref="IsModule(PythonParser.ExprContext)"/>'s rule).</summary>
    internal static bool IsModule(Value value, MapSet maps) => value.Kind == ValueKind.Module || TorchModuleClass(value, maps) is not null;

    /// <summary>The torch class of an object a torch constructor built, when its entry says <c>instances: module</c>.</summary>
    private static string? TorchModuleClass(Value value, MapSet maps) =>
        value is { Kind: ValueKind.Object, Name: { } name } && !name.EndsWith('.') && maps.BuildsModules(name) ? name : null;
}
