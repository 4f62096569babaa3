using Switcheroo.Engine.Mapping;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What the value analysis needs to know about a file's syntax before any value: its classes
/// (which are <c>torch.nn.Module</c> subclasses, which attributes their methods assign), its
/// functions and methods, and which of them are <em>closed</em>: called only directly, by name
/// (<c>f(x)</c>) or on <c>self</c> from their class (<c>self.f(x)</c>), at least once, so every call site is
/// visible and a parameter's value is what those sites pass.
/// </summary>
internal sealed class ProgramShape
{
    private readonly SemanticModel _model;
    private readonly IReadOnlyDictionary<string, ClassFacts> _importedClasses;
    private readonly Dictionary<PythonParser.Class_defContext, bool> _modules = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PythonParser.Class_defContext, HashSet<string>> _assigned = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<PythonParser.Function_defContext> _closed = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<PythonParser.NameAtomContext> _uses;
    private readonly Dictionary<PythonParser.Class_defContext, IReadOnlyList<PythonParser.Class_defContext>> _related = new(ReferenceEqualityComparer.Instance);
    private Dictionary<PythonParser.Class_defContext, List<PythonParser.Class_defContext>>? _derived;
    private readonly MapSet _maps;
    private readonly LinkedFunctions _linked;

    public ProgramShape(SemanticModel model, MapSet maps, IReadOnlyDictionary<string, ClassFacts> importedClasses, LinkedFunctions linked)
    {
        _model = model;
        _maps = maps;
        _linked = linked;
        _importedClasses = importedClasses;
        _uses = new HashSet<PythonParser.NameAtomContext>(model.Uses, ReferenceEqualityComparer.Instance);
        var functions = ParseTrees.Descendants<PythonParser.Function_defContext>(model.Module.Node).ToList();
        var attributes = ParseTrees.Descendants<PythonParser.AttributeExprContext>(model.Module.Node)
            .ToLookup(a => a.name().GetText(), StringComparer.Ordinal);
        var names = model.Uses.ToLookup(u => u.GetText(), StringComparer.Ordinal);
        foreach (var function in functions)
        {
            if (IsClosed(function, attributes, names))
            {
                _closed.Add(function);
            }
        }
    }

    /// <summary>The class a function is a method of (defined directly in its body), or null.</summary>
    public static PythonParser.Class_defContext? ClassOf(PythonParser.Function_defContext function)
    {
        RuleContext? node = function.Parent;
        if (node is PythonParser.DecoratedContext)
        {
            node = node.Parent;
        }
        // function_def ← statement ← block ← class_def
        return node?.Parent is PythonParser.BlockContext { Parent: PythonParser.Class_defContext cls } ? cls : null;
    }

    public static IReadOnlyList<string> Decorators(PythonParser.Function_defContext function) =>
        function.Parent is PythonParser.DecoratedContext decorated
            ? decorated.decorator().Select(d => d.NamedExpression().GetText()).ToList()
            : [];

    /// <summary>
    /// The decorators of a function that may change what calling it does: all but those whose entry names the
    /// <c>script_decorator</c> hook (TorchScript's markers, <c>torch.jit._script_if_tracing</c>, <c>torch.jit.unused</c>,
    /// which Python runs unchanged and the conversion removes), so a function marked so is closed like an undecorated one.
    /// </summary>
    private IReadOnlyList<string> OpaqueDecorators(PythonParser.Function_defContext function) =>
        function.Parent is PythonParser.DecoratedContext decorated
            ? decorated.decorator().Where(d => !(SyntaxShapes.AsExpression(d.NamedExpression()) is { } marker
                    && _model.QualifiedName(marker) is { } name && _maps.Find(name) is { Hook: "script_decorator" }))
                .Select(d => d.NamedExpression().GetText()).ToList()
            : [];

    /// <summary>Whether every call of <paramref name="function"/> is visible: see the type's summary.</summary>
    public bool IsClosed(PythonParser.Function_defContext function) => _closed.Contains(function);

    private bool IsClosed(PythonParser.Function_defContext function, ILookup<string, PythonParser.AttributeExprContext> attributes, ILookup<string, PythonParser.NameAtomContext> names)
    {
        var name = function.name().GetText();
        if (function.ASYNC() is not null || (name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal))
            || OpaqueDecorators(function).Any(d => d != "staticmethod"))
        {
            return false;
        }
        if (ClassOf(function) is { } cls)
        {
            // A call on self in a method of another class of the file runs this method for an instance
            // of a class deriving from both (an override of a base's method is called from the base:
            // _InstanceNorm.forward calls self._check_input_dim, which InstanceNorm1d defines), so it
            // is a visible call; MethodCall passes its arguments to every method it may run (Dispatch).
            return name != "forward"
                && _model.ScopeOpenedBy(cls)?.Lookup(name) is { Count: 1 } bindings && bindings[0].Site == function
                && OpaqueDecorators(function).Count == 0
                && attributes[name].Any()
                && attributes[name].All(a => a.Parent is PythonParser.CallExprContext call && call.expr() == a && SelfClass(a.expr()) is not null && !InLambda(a))
                && !_linked.IsMethodOpen(name);
        }
        var scope = _model.ScopeOpenedBy(function);
        var own = scope?.Parent?.Lookup(name);
        var uses = names[name].Where(u => ReferenceEquals(SemanticModel.Lookup(name, _model.ScopeOf(u)), own)).ToList();
        // A top-level function other files import takes their calls' values too, unless one may call it unseen.
        bool topLevel = scope?.Parent?.Kind == ScopeKind.Module;
        bool calledElsewhere = topLevel && _linked.Incoming(name).Count > 0;
        return own is { Count: 1 } && own[0].Site == function && (uses.Count > 0 || calledElsewhere)
            && !(topLevel && _linked.IsOpen(name))
            && uses.All(u => u.Parent is PythonParser.CallExprContext call && call.expr() == u && !InLambda(u));
    }

    /// <summary>Whether a node is in a lambda's body, which the flow does not follow (so a call there passes nothing it sees).</summary>
    public static bool InLambda(RuleContext node)
    {
        for (var current = node.Parent; current is not null && current is not PythonParser.Function_defContext; current = current.Parent)
        {
            if (current is PythonParser.LambdefContext)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether <paramref name="receiver"/> is the first parameter (<c>self</c>) of a method of <paramref name="cls"/>.</summary>
    private static bool IsSelfOf(PythonParser.ExprContext receiver, PythonParser.Class_defContext cls) => SelfClass(receiver) == cls;

    /// <summary>The class whose method has <paramref name="receiver"/> as its first parameter (<c>self</c>), or null.</summary>
    private static PythonParser.Class_defContext? SelfClass(PythonParser.ExprContext receiver)
    {
        if (receiver is not PythonParser.NameAtomContext name)
        {
            return null;
        }
        for (RuleContext? node = receiver; node is not null; node = node.Parent)
        {
            if (node is PythonParser.Function_defContext function)
            {
                // A static method's first parameter is no instance, a class method's the class (cls.m(x) passes x as self).
                return function.parameters()?.parameter(0)?.name()?.GetText() == name.GetText()
                    && !Decorators(function).Any(d => d is "staticmethod" or "classmethod")
                    ? ClassOf(function)
                    : null;
            }
        }
        return null;
    }

    /// <summary>The function or class a called name stands for, when its only binding defines it in the file.</summary>
    public ParserRuleContext? Definition(PythonParser.NameAtomContext name) =>
        _uses.Contains(name) && SemanticModel.Lookup(name.GetText(), _model.ScopeOf(name)) is { Count: 1 } bindings
        && bindings[0].Site is PythonParser.Function_defContext or PythonParser.Class_defContext
            ? bindings[0].Site
            : null;

    /// <summary>The name of a project module class imported into the file (<c>from cnn import ConvNet</c>), called as <paramref name="name"/>.</summary>
    public bool IsImportedModule(PythonParser.NameAtomContext name) =>
        _uses.Contains(name) && _importedClasses.ContainsKey(name.GetText())
        && ReferenceEquals(SemanticModel.Lookup(name.GetText(), _model.ScopeOf(name)), _model.Module.Lookup(name.GetText()));

    /// <summary>A class of the file deriving from a model base (<c>torch.nn.Module</c>, <see cref="MapSet.IsModuleBase"/>), directly or through the file's or the project's classes.</summary>
    public bool IsModule(PythonParser.Class_defContext cls)
    {
        if (_modules.TryGetValue(cls, out var known))
        {
            return known;
        }
        _modules[cls] = false;
        bool result = ModelBases.Of(cls).Any(b => ModelBases.IsModelBase(b, _model, _maps)
            || (b is PythonParser.NameAtomContext name
                && (IsImportedModule(name) || Definition(name) is PythonParser.Class_defContext based && IsModule(based))));
        _modules[cls] = result;
        return result;
    }

    /// <summary>The classes of the file a class derives from, itself first.</summary>
    public IEnumerable<PythonParser.Class_defContext> Lineage(PythonParser.Class_defContext cls)
    {
        var seen = new HashSet<PythonParser.Class_defContext>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<PythonParser.Class_defContext>([cls]);
        while (queue.Count > 0 && queue.Dequeue() is var current && seen.Add(current))
        {
            yield return current;
            foreach (var b in ModelBases.Of(current))
            {
                if (b is PythonParser.NameAtomContext name && Definition(name) is PythonParser.Class_defContext based)
                {
                    queue.Enqueue(based);
                }
            }
        }
    }

    /// <summary>A method <paramref name="name"/> of the class or of a class of the file it derives from.</summary>
    public PythonParser.Function_defContext? Method(PythonParser.Class_defContext cls, string name) =>
        Lineage(cls).Select(c => _model.ScopeOpenedBy(c)?.Lookup(name) is { Count: 1 } b ? b[0].Site as PythonParser.Function_defContext : null)
            .FirstOrDefault(f => f is not null);

    /// <summary>
    /// The classes of the file whose definitions an instance of <paramref name="cls"/> may run: it may be of
    /// <paramref name="cls"/> or of any class of the file deriving from it, and each of those runs what its lineage
    /// defines (its own, a base's, with several bases another base's). Classes outside the file deriving from the
    /// file's classes are not seen (docs/maps.md, "Which values are tensors").
    /// </summary>
    public IReadOnlyList<PythonParser.Class_defContext> Related(PythonParser.Class_defContext cls)
    {
        if (_related.TryGetValue(cls, out var known))
        {
            return known;
        }
        var related = Lineage(cls).ToList();
        var seen = new HashSet<PythonParser.Class_defContext>(related, ReferenceEqualityComparer.Instance);
        foreach (var derived in DerivedFrom(cls))
        {
            foreach (var c in Lineage(derived))
            {
                if (seen.Add(c))
                {
                    related.Add(c);
                }
            }
        }
        _related[cls] = related;
        return related;
    }

    /// <summary>
    /// The classes of the file deriving from <paramref name="cls"/> (not itself), in the file's order: read off every
    /// class's lineage once, so asking for each class of a file costs the sum of the lineages, not the square of the classes.
    /// </summary>
    private IReadOnlyList<PythonParser.Class_defContext> DerivedFrom(PythonParser.Class_defContext cls)
    {
        if (_derived is null)
        {
            _derived = new(ReferenceEqualityComparer.Instance);
            foreach (var c in ParseTrees.Descendants<PythonParser.Class_defContext>(_model.Module.Node))
            {
                foreach (var ancestor in Lineage(c).Skip(1))
                {
                    if (!_derived.TryGetValue(ancestor, out var list))
                    {
                        _derived[ancestor] = list = [];
                    }
                    list.Add(c);
                }
            }
        }
        return _derived.TryGetValue(cls, out var found) ? found : [];
    }

    /// <summary>
    /// The methods a call of <paramref name="name"/> on an instance of <paramref name="cls"/> may run: every method
    /// of that name in the <see cref="Related"/> classes, the one <see cref="Method"/> finds first.
    /// </summary>
    public IReadOnlyList<PythonParser.Function_defContext> Dispatch(PythonParser.Class_defContext cls, string name)
    {
        var methods = new List<PythonParser.Function_defContext>();
        if (Method(cls, name) is { } resolved)
        {
            methods.Add(resolved);
        }
        foreach (var c in Related(cls))
        {
            if (_model.ScopeOpenedBy(c)?.Lookup(name) is { Count: 1 } b && b[0].Site is PythonParser.Function_defContext method && !methods.Contains(method))
            {
                methods.Add(method);
            }
        }
        return methods;
    }

    /// <summary>Whether the methods of the class (or of its bases in the file) assign <c>self.NAME</c>, or its body binds NAME.</summary>
    public bool Assigns(PythonParser.Class_defContext cls, string name) =>
        Lineage(cls).Any(c => AssignedNames(c).Contains(name));

    private HashSet<string> AssignedNames(PythonParser.Class_defContext cls)
    {
        if (_assigned.TryGetValue(cls, out var names))
        {
            return names;
        }
        names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(cls))
        {
            var targets = new List<IParseTree> { statement.star_expressions() };
            targets.AddRange(statement.assigned_value().Take(Math.Max(0, statement.assigned_value().Length - 1)));
            foreach (var target in targets.SelectMany(t => ParseTrees.Descendants<PythonParser.AttributeExprContext>((ParserRuleContext)t)))
            {
                if (target.expr() is PythonParser.NameAtomContext self && IsSelfOf(target.expr(), cls))
                {
                    names.Add(target.name().GetText());
                }
            }
        }
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(cls))
        {
            if (RegisteredAttribute(call) is { } registered && registered.Class == cls)
            {
                names.Add(registered.Name);
            }
        }
        _assigned[cls] = names;
        return names;
    }

    /// <summary>
    /// The attribute of self a call registers, by the map entry of the model method it calls: one whose hook is
    /// <c>buffer_registration</c> (<c>self.register_buffer("running_mean", t)</c> makes <c>self.running_mean</c> that
    /// value, or <c>None</c>), with the name a string literal, in a class that does not define the method itself; else null.
    /// </summary>
    public (PythonParser.Class_defContext Class, string Name)? RegisteredAttribute(PythonParser.CallExprContext call)
    {
        if (call.expr() is not PythonParser.AttributeExprContext callee || SelfClass(callee.expr()) is not { } cls
            || _maps.ModelMethod(callee.name().GetText()) is not { Hook: "buffer_registration" }
            || Method(cls, callee.name().GetText()) is not null
            || call.arguments()?.argument() is not [PythonParser.PositionalArgumentContext first, ..]
            || SyntaxShapes.AtomOf(first) is not PythonParser.StringAtomContext literal
            || Mapping.PythonText.QuotedIdentifier(literal.GetText()) is not { } name)
        {
            return null;
        }
        return (cls, name);
    }
}
