using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The layers of a torch container subclass that names them, which its state_dict keys follow
/// (<c>denselayer1.conv1.weight</c>): a subclass of <c>nn.ModuleDict</c>, or of <c>nn.Sequential</c>
/// whose <c>super().__init__</c> is given an <c>OrderedDict</c> or whose constructor registers layers
/// with <c>self.add_module(name, layer)</c>. The converted <c>setup</c> sets each layer as the
/// attribute of its name (Flax names the submodule after it) and keeps the names in order in
/// <see cref="NamesAttribute"/>; the methods read the layers through it. Read from the syntax before
/// any edit, as <see cref="SequentialLayers"/>, which holds this.
/// </summary>
/// <param name="IsDict">a <c>nn.ModuleDict</c> subclass (<c>self[name]</c> reads a layer by name, iterating it gives the names)</param>
/// <param name="Mapping">the one argument of <c>super().__init__(...)</c>, the named layers (an <c>OrderedDict</c>), or null when it has none</param>
/// <param name="Registrations">the constructor's statements that register a layer: <c>self.add_module(name, layer)</c>, <c>self.register_module(...)</c>, <c>self[name] = layer</c></param>
/// <param name="Reads">where another method reads the container: <c>self.items()</c>, <c>self.values()</c>, <c>self.keys()</c>, <c>self[name]</c>, <c>len(self)</c>, <c>for x in self</c></param>
/// <param name="Problem">why the class cannot convert, or null</param>
public sealed record NamedLayers(
    bool IsDict,
    PythonParser.ArgumentContext? Mapping,
    IReadOnlyList<NamedLayers.Registration> Registrations,
    IReadOnlyList<NamedLayers.Read> Reads,
    string? Problem)
{
    /// <summary>The attribute holding the layers' names, in the order torch registered them.</summary>
    public const string NamesAttribute = "layer_names";

    /// <summary>A statement registering one layer: its name and layer expressions.</summary>
    public sealed record Registration(PythonParser.Simple_stmtContext Statement, Antlr4.Runtime.ParserRuleContext Name, Antlr4.Runtime.ParserRuleContext Layer);

    /// <summary>How a method reads the container (<see cref="Node"/> is what the conversion replaces).</summary>
    public enum ReadKind { Items, Values, Keys, Item, Length, Iteration }

    /// <param name="Node">the call <c>self.items()</c>, the subscript <c>self[k]</c>, or the name <c>self</c> (as <c>len</c>'s argument or an iterable)</param>
    /// <param name="Key">the key of a subscript</param>
    public sealed record Read(ReadKind Kind, Antlr4.Runtime.ParserRuleContext Node, Antlr4.Runtime.ParserRuleContext? Key = null);

    private static readonly HashSet<string> Registering = new(StringComparer.Ordinal) { "add_module", "register_module" };
    private static readonly HashSet<string> Views = new(StringComparer.Ordinal) { "items", "values", "keys" };

    /// <summary>Whether the class names its layers: a dict container's subclass, or a Sequential subclass given one mapping or calling <c>self.add_module</c>.</summary>
    public static bool Names(bool isDict, PythonParser.Function_defContext init, IReadOnlyList<PythonParser.ArgumentContext> layers) =>
        isDict || layers is [PythonParser.PositionalArgumentContext only] && IsMapping(only, init)
        || layers.Count == 0 && RegistrationCalls(init).Any();

    /// <summary>The named layers of a class whose constructor calls <paramref name="superInit"/> (<see cref="Names"/> holds).</summary>
    public static NamedLayers Of(PythonParser.Class_defContext cls, PythonParser.Function_defContext init, bool isDict,
        IReadOnlyList<PythonParser.ArgumentContext> layers, IReadOnlyList<string> attributes, Mapping.MapSet maps)
    {
        var reads = new List<Read>();
        var problem = GivenModelProblem(init, maps) ?? ReadsProblem(cls, init, isDict, reads);
        if (layers.Count > 1 || layers is [not PythonParser.PositionalArgumentContext])
        {
            problem ??= "super().__init__(...) is given more than its named layers";
        }
        var registrations = new List<Registration>();
        problem ??= RegistrationsProblem(cls, init, isDict, registrations);
        if (attributes.Count > 0)
        {
            problem ??= $"it names layers and assigns self.{attributes[0]} too; the order torch applies them in is not converted";
        }
        if (init.parameters()?.parameter().Any(p => p.name()?.GetText() == NamesAttribute) == true
            || ParseTrees.Descendants<PythonParser.AttributeExprContext>(cls).Any(a => a.expr().GetText() == "self" && a.name().GetText() == NamesAttribute))
        {
            problem ??= $"it has an attribute or constructor argument '{NamesAttribute}', the attribute its converted layer names take";
        }
        return new NamedLayers(isDict, layers.FirstOrDefault(), registrations, reads, problem);
    }

    /// <summary>
    /// Layers taken from a module the constructor is given (<c>model.named_children()</c>): torch's
    /// module methods that a Flax module has not (their entries are <c>unsupported</c>), called on a
    /// constructor argument. Null when there is none.
    /// </summary>
    private static string? GivenModelProblem(PythonParser.Function_defContext init, Mapping.MapSet maps)
    {
        var arguments = (init.parameters()?.parameter() ?? []).Skip(1).Select(p => p.name()?.GetText()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(init.block()))
        {
            if (call.expr() is PythonParser.AttributeExprContext callee && arguments.Contains(callee.expr().GetText())
                && maps.ModelMethod(callee.name().GetText()) is { Unsupported: { } why })
            {
                return $"its layers come from a module it is given ({callee.GetText()}(...) at line {call.Start.Line}), and {why}; build the layers in its constructor, or pass them in as a mapping";
            }
        }
        return null;
    }

    /// <summary>An <c>OrderedDict(...)</c> (or <c>dict(...)</c>) call, or a name the constructor assigns one to.</summary>
    private static bool IsMapping(PythonParser.PositionalArgumentContext argument, PythonParser.Function_defContext init)
    {
        var text = argument.GetText();
        return IsMappingCall(text) || ParseTrees.Descendants<PythonParser.Expression_stmtContext>(init.block()).Any(s =>
            s.star_expressions().GetText() is var target && (target == text || target.StartsWith(text + ":", StringComparison.Ordinal))
            && s.assigned_value().Length == 1 && IsMappingCall(s.assigned_value(0).GetText()));
    }

    /// <summary>
    /// Whether an argument is an <c>OrderedDict</c>: a call of it written there, or a name that the
    /// function (or file) around <paramref name="use"/> assigns, every time, an <c>OrderedDict(...)</c> call.
    /// </summary>
    public static bool IsOrderedDict(PythonParser.PositionalArgumentContext argument, Antlr4.Runtime.ParserRuleContext use)
    {
        var text = argument.GetText();
        if (IsOrderedDictCall(text))
        {
            return true;
        }
        if (SyntaxShapes.AtomOf(argument) is not PythonParser.NameAtomContext)
        {
            return false;
        }
        Antlr4.Runtime.ParserRuleContext scope = SyntaxShapes.Enclosing<PythonParser.Function_defContext>(use) as Antlr4.Runtime.ParserRuleContext
            ?? SyntaxShapes.Enclosing<PythonParser.File_inputContext>(use)!;
        var assigned = ParseTrees.Descendants<PythonParser.Expression_stmtContext>(scope)
            .Where(s => s.star_expressions().GetText() == text && s.augassign() is null && s.assigned_value().Length > 0).ToList();
        return assigned.Count > 0 && assigned.All(s => s.assigned_value().Length == 1 && IsOrderedDictCall(s.assigned_value(0).GetText()));
    }

    private static bool IsOrderedDictCall(string text) =>
        text.StartsWith("OrderedDict(", StringComparison.Ordinal) || text.StartsWith("collections.OrderedDict(", StringComparison.Ordinal);

    private static bool IsMappingCall(string text) =>
        text.StartsWith("OrderedDict(", StringComparison.Ordinal) || text.StartsWith("collections.OrderedDict(", StringComparison.Ordinal)
        || text.StartsWith("dict(", StringComparison.Ordinal) || text.StartsWith('{');

    /// <summary>Calls <c>self.add_module(...)</c>/<c>self.register_module(...)</c> anywhere under a node.</summary>
    private static IEnumerable<PythonParser.CallExprContext> RegistrationCalls(Antlr4.Runtime.ParserRuleContext node) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(node).Where(IsRegistration);

    /// <summary>Whether a call is <c>self.add_module(...)</c> or <c>self.register_module(...)</c>.</summary>
    public static bool IsRegistration(PythonParser.CallExprContext call) =>
        call.expr() is PythonParser.AttributeExprContext callee && callee.expr().GetText() == "self" && Registering.Contains(callee.name().GetText());

    /// <summary>Each registration must be a statement of its own in the constructor (in any block), with a name and a layer by position.</summary>
    private static string? RegistrationsProblem(PythonParser.Class_defContext cls, PythonParser.Function_defContext init, bool isDict, List<Registration> registrations)
    {
        foreach (var call in RegistrationCalls(cls))
        {
            var method = ((PythonParser.AttributeExprContext)call.expr()).name().GetText();
            if (SyntaxShapes.Enclosing<PythonParser.Function_defContext>(call) != init)
            {
                return $"it adds layers with self.{method}(...) at line {call.Start.Line}, outside its constructor, which is not converted";
            }
            if (call.Parent is not PythonParser.Simple_stmtContext && SyntaxShapes.AtomOf(SyntaxShapes.Enclosing<PythonParser.Simple_stmtContext>(call)!) != call
                || CallArguments.Of(call.arguments()) is not [PythonParser.PositionalArgumentContext name, PythonParser.PositionalArgumentContext layer])
            {
                return $"self.{method}(...) at line {call.Start.Line} is not a statement of its own given a name and a layer by position";
            }
            registrations.Add(new Registration(SyntaxShapes.Enclosing<PythonParser.Simple_stmtContext>(call)!, name, layer));
        }
        foreach (var assignment in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(cls))
        {
            if (assignment.EQUAL().Length != 1 || SyntaxShapes.AtomOf(assignment.star_expressions()) is not PythonParser.SubscriptExprContext target
                || target.expr().GetText() != "self")
            {
                continue;
            }
            if (!isDict || SyntaxShapes.Enclosing<PythonParser.Function_defContext>(assignment) != init || target.slices() is not { } key || key.COMMA().Length > 0)
            {
                return $"it assigns self[...] at line {assignment.Start.Line}, which is converted only for a ModuleDict, in its constructor";
            }
            registrations.Add(new Registration(SyntaxShapes.Enclosing<PythonParser.Simple_stmtContext>(assignment)!, key, assignment.assigned_value(0)));
        }
        registrations.Sort((a, b) => a.Statement.Start.TokenIndex.CompareTo(b.Statement.Start.TokenIndex));
        return null;
    }

    /// <summary>The reads of <c>self</c> as the container in the other methods; a form not converted is the problem.</summary>
    private static string? ReadsProblem(PythonParser.Class_defContext cls, PythonParser.Function_defContext init, bool isDict, List<Read> reads)
    {
        foreach (var self in ParseTrees.Descendants<PythonParser.NameAtomContext>(cls))
        {
            if (self.GetText() != "self"
                || SyntaxShapes.Enclosing<PythonParser.Function_defContext>(self) is not { } method || method == init
                || SyntaxShapes.Enclosing<PythonParser.Class_defContext>(method) != cls)
            {
                continue;
            }
            if (self.Parent is PythonParser.AttributeExprContext { Parent: PythonParser.CallExprContext call } view && view.expr() == self
                && call.expr() == view && Views.Contains(view.name().GetText()))
            {
                if (CallArguments.Of(call.arguments()).Count > 0)
                {
                    return $"self.{view.name().GetText()}(...) at line {call.Start.Line} is given arguments";
                }
                reads.Add(new Read(view.name().GetText() switch { "items" => ReadKind.Items, "values" => ReadKind.Values, _ => ReadKind.Keys }, call));
                continue;
            }
            if (self.Parent is PythonParser.SubscriptExprContext subscript && subscript.expr() == self)
            {
                if (!isDict)
                {
                    return $"'{subscript.GetText()}' at line {subscript.Start.Line} reads a layer by position, which a Sequential that names its layers does not convert";
                }
                reads.Add(new Read(ReadKind.Item, subscript, subscript.slices()));
                continue;
            }
            if (SequentialLayers.SequenceUse(self) is { } use)
            {
                reads.Add(new Read(use == "len" ? ReadKind.Length : ReadKind.Iteration, self));
            }
        }
        return null;
    }
}
