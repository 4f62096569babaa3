using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>What every part of one file's value analysis shares: the binder's model, the maps, the file's shape and the facts so far.</summary>
internal sealed class AnalysisContext
{
    private readonly HashSet<PythonParser.NameAtomContext> _uses;
    private readonly Dictionary<string, PythonParser.Class_defContext?> _classes = new(StringComparer.Ordinal);

    public AnalysisContext(SemanticModel model, MapSet maps, IReadOnlyDictionary<string, ClassFacts> importedClasses, LinkedFunctions linked)
    {
        Model = model;
        Maps = maps;
        Linked = linked;
        Shape = new ProgramShape(model, maps, importedClasses, linked);
        _uses = new HashSet<PythonParser.NameAtomContext>(model.Uses, ReferenceEqualityComparer.Instance);
        foreach (var scope in model.Scopes.Where(s => s.Kind == ScopeKind.Class))
        {
            var cls = (PythonParser.Class_defContext)scope.Node;
            var name = cls.name().GetText();
            // Two classes of one name: a value naming it cannot say which, so neither is looked into.
            _classes[name] = _classes.ContainsKey(name) ? null : cls;
        }
    }

    public SemanticModel Model { get; }

    public MapSet Maps { get; }

    public ProgramShape Shape { get; }

    /// <summary>The functions of the other files converted together, and what they tell of this file's.</summary>
    public LinkedFunctions Linked { get; }

    public ProgramFacts Facts { get; } = new();

    private readonly Dictionary<PythonParser.Function_defContext, IReadOnlyList<PythonParser.ExpressionContext>?> _typeComments =
        new(ReferenceEqualityComparer.Instance);

    /// <summary>The argument types of a function's PEP 484 type comment (<see cref="TypeComments"/>), read and parsed once per function.</summary>
    public IReadOnlyList<PythonParser.ExpressionContext>? TypeComment(PythonParser.Function_defContext function)
    {
        if (!_typeComments.TryGetValue(function, out var types))
        {
            _typeComments[function] = types = TypeComments.Types(function);
        }
        return types;
    }

    /// <summary>The class of the file a <see cref="ValueKind.Module"/> or <see cref="ValueKind.Instance"/> value names, when one class has that name.</summary>
    public PythonParser.Class_defContext? ClassNamed(string name) => _classes.GetValueOrDefault(name);

    /// <summary>The scope whose binding of the name a read resolves to; null for a builtin or undefined name.</summary>
    public Scope? OwnerOf(PythonParser.NameAtomContext use)
    {
        // Asked for each read in each pass of the flow: found once per name read.
        if (!_owners.TryGetValue(use, out var owner))
        {
            owner = FindOwner(use);
            _owners.Add(use, owner);
        }
        return owner;
    }

    private readonly Dictionary<PythonParser.NameAtomContext, Scope?> _owners = new(ReferenceEqualityComparer.Instance);

    private Scope? FindOwner(PythonParser.NameAtomContext use)
    {
        if (!_uses.Contains(use))
        {
            return null;
        }
        var name = use.GetText();
        var start = Model.ScopeOf(use);
        var bindings = SemanticModel.Lookup(name, start);
        if (bindings is null)
        {
            return null;
        }
        for (var scope = start; scope is not null; scope = scope.Parent)
        {
            if (ReferenceEquals(scope.Lookup(name), bindings))
            {
                return scope;
            }
        }
        return null;
    }

    /// <summary>Whether a name read is bound by imports only (a module or function of a library, not a value the analysis follows).</summary>
    public bool IsImport(PythonParser.NameAtomContext use) =>
        _uses.Contains(use) && Model.Resolve(use).Resolution is Resolution.Import or Resolution.Ambiguous;
}
