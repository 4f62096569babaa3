using Antlr4.Runtime;

namespace Switcheroo.Engine.Binding;

public enum ScopeKind
{
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

/// <summary>How a name is bound in a scope.</summary>
public enum BindingKind
{
    /// <summary>By an import: <see cref="NameBinding.QualifiedName"/> says what it stands for.</summary>
    Import,

    /// <summary>By anything else: assignment, parameter, def, class, loop or with target, pattern capture.</summary>
    Local,
}

/// <summary>One way a name gets bound in a scope; a name bound several ways has several.</summary>
public sealed record NameBinding(string Name, BindingKind Kind, string? QualifiedName, ParserRuleContext Site);

/// <summary>
/// A Python scope with what is bound in it, following CPython's rules: a name bound anywhere in a
/// function is local to all of it unless declared global or nonlocal; class scopes are skipped
/// when resolving names from the functions inside them.
/// </summary>
public sealed class Scope(ScopeKind kind, Scope? parent, ParserRuleContext node)
{
    private readonly Dictionary<string, List<NameBinding>> _bindings = new(StringComparer.Ordinal);
    private readonly HashSet<string> _globals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nonlocals = new(StringComparer.Ordinal);

    public ScopeKind Kind { get; } = kind;

    public Scope? Parent { get; } = parent;

    public ParserRuleContext Node { get; } = node;

    public IReadOnlyDictionary<string, List<NameBinding>> Bindings => _bindings;

    public void Bind(NameBinding binding)
    {
        // Under 'global', the binding rebinds the module's name (so an import of it there becomes
        // ambiguous); dropping it would hide that. At module level 'global' changes nothing.
        if (_globals.Contains(binding.Name) && Parent is not null)
        {
            Module().Bind(binding);
            return;
        }
        if (_nonlocals.Contains(binding.Name))
        {
            return;
        }
        if (!_bindings.TryGetValue(binding.Name, out var list))
        {
            _bindings[binding.Name] = list = new List<NameBinding>();
        }
        list.Add(binding);
    }

    public void DeclareGlobal(string name) => _globals.Add(name);

    public void DeclareNonlocal(string name) => _nonlocals.Add(name);

    public bool IsGlobal(string name) => _globals.Contains(name);

    public bool IsNonlocal(string name) => _nonlocals.Contains(name);

    public IReadOnlyList<NameBinding>? Lookup(string name) => _bindings.GetValueOrDefault(name);

    /// <summary>The scope a walrus binds in: the nearest one that is not a comprehension.</summary>
    public Scope NearestNonComprehension()
    {
        var scope = this;
        while (scope.Kind == ScopeKind.Comprehension && scope.Parent is not null)
        {
            scope = scope.Parent;
        }
        return scope;
    }

    public Scope Module()
    {
        var scope = this;
        while (scope.Parent is not null)
        {
            scope = scope.Parent;
        }
        return scope;
    }
}
