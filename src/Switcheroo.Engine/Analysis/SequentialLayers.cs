using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The layers of a class that subclasses a torch container whose entry names the
/// <see cref="MapSet.SequentialHook"/> (<c>class Head(nn.Sequential)</c>) or is the dict container
/// (<c>class Block(nn.ModuleDict)</c>, <see cref="MapSet.IsNamedContainer"/>): torch's Sequential applies
/// its modules in the order they were registered, either passed to <c>super().__init__(a, b)</c>
/// (state_dict keys <c>0.weight</c>, <c>1.weight</c>) or assigned to attributes after an empty
/// <c>super().__init__()</c> (<c>norm.weight</c>), or named (<see cref="Named"/>: an <c>OrderedDict</c>,
/// <c>self.add_module(name, layer)</c>, a ModuleDict). Read from the constructor's syntax before any
/// edit, so <see cref="ModuleClasses"/> and the rewriting ask the same question; <see cref="Problem"/>
/// says why the layers cannot be known statically (the class is then kept as torch code).
/// </summary>
/// <param name="SuperInit">the <c>super().__init__(...)</c> statement of the constructor, if it has one</param>
/// <param name="Layers">the call's arguments: the layers, in order (none for an empty call)</param>
/// <param name="Attributes">the attributes the constructor assigns layers to, in order (<c>norm</c>, <c>conv</c>)</param>
/// <param name="SequenceReads">where a method other than the constructor reads <c>self</c> as the sequence: <c>self[i]</c>, <c>for m in self</c>, <c>len(self)</c></param>
/// <param name="Problem">why the class cannot convert, or null</param>
public sealed record SequentialLayers(
    PythonParser.StatementContext? SuperInit,
    IReadOnlyList<PythonParser.ArgumentContext> Layers,
    IReadOnlyList<string> Attributes,
    IReadOnlyList<PythonParser.NameAtomContext> SequenceReads,
    string? Problem)
{
    /// <summary>The layers when the class names them (a ModuleDict subclass, an OrderedDict, <c>self.add_module</c>); then <see cref="Layers"/> and <see cref="Attributes"/> are empty.</summary>
    public NamedLayers? Named { get; init; }

    /// <summary>The attribute the converted module keeps the layer list in: Flax names its items <c>layers_0</c>, <c>layers_1</c>, which <c>KeyMapper</c> maps torch's <c>0</c>, <c>1</c> to.</summary>
    public const string ListAttribute = "layers";

    /// <summary>
    /// The attribute that keeps the layer list of a class whose constructor takes an argument named
    /// <see cref="ListAttribute"/> (torchvision's <c>MaskRCNNHeads(in_channels, layers, dilation)</c>):
    /// that argument is a field, which setup may not assign. Flax names its items <c>sequence_0</c>,
    /// <c>sequence_1</c>, which <c>KeyMapper</c> maps torch's <c>0</c>, <c>1</c> to as well.
    /// </summary>
    public const string OtherListAttribute = "sequence";

    /// <summary>The attribute this class's converted layer list takes: <see cref="ListAttribute"/>, or <see cref="OtherListAttribute"/> when the constructor takes an argument of the first name.</summary>
    public string ListName { get; init; } = ListAttribute;

    private static readonly HashSet<string> SequenceFunctions = new(StringComparer.Ordinal) { "len", "iter", "enumerate", "reversed", "list", "tuple" };
    private static readonly HashSet<string> Registrations = new(StringComparer.Ordinal) { "add_module", "register_module", "append", "extend", "insert" };

    /// <summary>Whether a base of the class is a torch container converted by the <see cref="MapSet.SequentialHook"/>, or the dict container.</summary>
    public static bool IsSequentialSubclass(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps) =>
        ModelBases.Of(cls).Any(b => model.QualifiedName(b) is { } name
            && maps.Find(name) is { Unsupported: null, Kind: EntryKind.Class } entry && (entry.Hook == MapSet.SequentialHook || MapSet.IsNamedContainer(entry)));

    private static bool IsDictSubclass(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps) =>
        ModelBases.Of(cls).Any(b => model.QualifiedName(b) is { } name && maps.Find(name) is { } entry && MapSet.IsNamedContainer(entry));

    public static SequentialLayers Of(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps)
    {
        var init = ModuleClasses.Constructor(cls);
        var reads = SequenceReadsOf(cls, init);
        if (init is null)
        {
            return Failed(reads, "it has no constructor of its own, so its layers are given where it is built, which a Linen module's fields cannot hold");
        }
        var supers = ParseTrees.Descendants<PythonParser.StatementContext>(init.block()).Where(s => ModelBases.BaseConstructorCall(s) is not null).ToList();
        if (supers.Count != 1 || supers[0].Parent != init.block())
        {
            return Failed(reads, "its constructor does not call super().__init__(...) exactly once, unconditionally");
        }
        var call = ModelBases.BaseConstructorCall(supers[0])!;
        var layers = CallArguments.Of(call.arguments());
        var attributes = new List<string>();
        bool isDict = IsDictSubclass(cls, model, maps);
        if (NamedLayers.Names(isDict, init, layers))
        {
            var attributesProblem = AttributesProblem(cls, init, model, maps, attributes, named: true);
            var named = NamedLayers.Of(cls, init, isDict, layers, attributes, maps);
            return new SequentialLayers(supers[0], [], [], [], attributesProblem ?? named.Problem) { Named = named };
        }
        var arguments = init.parameters()?.parameter().Select(p => p.name()?.GetText()).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        var listName = arguments.Contains(ListAttribute) ? OtherListAttribute : ListAttribute;
        var problem = LayersProblem(init, layers) ?? AttributesProblem(cls, init, model, maps, attributes, named: false, listName);
        if (problem is null && layers.Count > 0 && arguments.Contains(listName))
        {
            problem = $"its constructor arguments '{ListAttribute}' and '{OtherListAttribute}' would be fields of the names its converted layer list takes; "
                + $"rename one of them";
        }
        if (problem is null && layers.Count > 0 && attributes.Count > 0)
        {
            problem = "it passes layers to super().__init__(...) and assigns more to attributes; the order torch applies them in is not converted";
        }
        if (problem is null && reads.Count > 0 && layers.Count == 0)
        {
            problem = $"'{reads[0].GetText()}' is read as a sequence of layers at line {reads[0].Start.Line}, which is converted only for layers passed to super().__init__(...)";
        }
        return new SequentialLayers(supers[0], layers, attributes, reads, problem) { ListName = listName };
    }

    private static SequentialLayers Failed(IReadOnlyList<PythonParser.NameAtomContext> reads, string problem) => new(null, [], [], reads, problem);

    /// <summary>Layers passed by position (or unpacked with <c>*</c>); an <c>OrderedDict</c> names them (<see cref="NamedLayers"/>).</summary>
    private static string? LayersProblem(PythonParser.Function_defContext init, IReadOnlyList<PythonParser.ArgumentContext> layers) =>
        layers.Any(a => a is not (PythonParser.PositionalArgumentContext or PythonParser.StarArgumentContext))
            ? "super().__init__(...) is given keyword arguments; a Sequential takes its layers by position"
            : null;

    /// <summary>
    /// The attributes the constructor registers as layers, in order: top-level <c>self.NAME = C(...)</c>
    /// where <c>C</c> is a torch class or a class of the file. Layers added any other way (inside a branch
    /// or loop, by <c>self.append</c>, or a value that may be a module) are reported; so is
    /// <c>self.add_module</c> where the layers are not <paramref name="named"/> (layers by position too).
    /// </summary>
    private static string? AttributesProblem(PythonParser.Class_defContext cls, PythonParser.Function_defContext init, SemanticModel model, MapSet maps, List<string> attributes, bool named,
        string listName = ListAttribute)
    {
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(cls))
        {
            if (call.expr() is PythonParser.AttributeExprContext { } callee && callee.expr().GetText() == "self" && Registrations.Contains(callee.name().GetText())
                && !(named && callee.name().GetText() is "add_module" or "register_module"))
            {
                return $"it adds layers with self.{callee.name().GetText()}(...) at line {call.Start.Line}, which is not converted";
            }
        }
        var file = SyntaxShapes.Enclosing<PythonParser.File_inputContext>(cls)!;
        var fileClasses = ParseTrees.Descendants<PythonParser.Class_defContext>(file).Select(c => c.name().GetText()).ToHashSet(StringComparer.Ordinal);
        foreach (var assignment in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(init.block()))
        {
            if (assignment.EQUAL().Length != 1 || SyntaxShapes.AtomOf(assignment.star_expressions()) is not PythonParser.AttributeExprContext target
                || target.expr().GetText() != "self")
            {
                continue;
            }
            var name = target.name().GetText();
            if (name == listName && !named)
            {
                return $"it assigns self.{listName}, the attribute its converted layer list takes";
            }
            var value = SyntaxShapes.AtomOf(assignment.assigned_value(0));
            if (value is not PythonParser.CallExprContext construction)
            {
                continue;
            }
            bool topLevel = SyntaxShapes.Enclosing<PythonParser.StatementContext>(assignment)?.Parent == init.block();
            bool layer = model.QualifiedName(construction.expr()) is { } qualified && TorchNames.IsTorch(qualified) && maps.Find(qualified) is { Kind: EntryKind.Class }
                || fileClasses.Contains(construction.expr().GetText());
            if (!layer || !topLevel)
            {
                return $"cannot tell statically whether self.{name} (line {assignment.Start.Line}) is one of its layers";
            }
            attributes.Add(name);
        }
        return null;
    }

    /// <summary><c>self[i]</c>, <c>for m in self</c>, <c>len(self)</c> and the like, outside the constructor.</summary>
    private static List<PythonParser.NameAtomContext> SequenceReadsOf(PythonParser.Class_defContext cls, PythonParser.Function_defContext? init)
    {
        var reads = new List<PythonParser.NameAtomContext>();
        foreach (var name in ParseTrees.Descendants<PythonParser.NameAtomContext>(cls))
        {
            if (name.GetText() != "self"
                || SyntaxShapes.Enclosing<PythonParser.Function_defContext>(name) is not { } method || method == init
                || SyntaxShapes.Enclosing<PythonParser.Class_defContext>(method) != cls)
            {
                continue;
            }
            if (IsSequenceRead(name))
            {
                reads.Add(name);
            }
        }
        return reads;
    }

    private static bool IsSequenceRead(PythonParser.NameAtomContext self) =>
        self.Parent is PythonParser.SubscriptExprContext subscript && subscript.expr() == self || SequenceUse(self) is not null;

    /// <summary>How <c>self</c> is read as a sequence other than by subscript: the function given it (<c>len</c>, <c>list</c>, ...), <c>for</c> when it is iterated, or null.</summary>
    public static string? SequenceUse(PythonParser.NameAtomContext self)
    {
        var whole = WholeExpression(self);
        return whole.Parent switch
        {
            PythonParser.For_stmtContext loop when loop.star_expressions() == whole => "for",
            PythonParser.Comp_forContext comprehension when comprehension.expression(0) == whole => "for",
            PythonParser.PositionalArgumentContext { Parent: PythonParser.ArgumentsContext { Parent: PythonParser.CallExprContext call } arguments } argument
                when argument.comprehension() is null && arguments.argument().Length == 1 && SequenceFunctions.Contains(call.expr().GetText()) => call.expr().GetText(),
            _ => null,
        };
    }

    /// <summary>The outermost node of the single-child chain above an expression (<c>self</c> as an argument or a loop's iterable).</summary>
    private static ParserRuleContext WholeExpression(ParserRuleContext node)
    {
        while (node.Parent is ParserRuleContext parent and not PythonParser.PositionalArgumentContext && parent.ChildCount == 1)
        {
            node = parent;
        }
        return node;
    }
}
