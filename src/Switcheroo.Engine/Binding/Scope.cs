using Antlr4.Runtime;
using Switcheroo.Engine.Parsing.Checks;
using static Switcheroo.Grammar.PythonParser;

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
/// A Python scope as CPython's symbol table has them, with what is bound in it: the module, a class
/// body, a function or lambda, or a comprehension (each comprehension and generator expression is
/// a function of its own). A name bound anywhere in a function is local to all of it unless
/// declared global or nonlocal; class scopes are skipped when resolving names from the functions
/// inside them. <see cref="Node"/> is the file, class, function, lambda or comprehension
/// expression. The one model of scopes: <see cref="ScopeBuilder"/> builds it while the syntax
/// checks run, which read it too, and <see cref="SemanticModel"/> answers from it.
/// </summary>
public sealed class Scope
{
    private readonly Dictionary<string, List<NameBinding>> _bindings = new(StringComparer.Ordinal);
    // Made when a declaration first needs them: few scopes have global or nonlocal statements, and
    // every scope of every file parsed is built (docs/performance.md, "Compile-time checks").
    private HashSet<string>? _globals;
    private HashSet<string>? _nonlocals;
    private readonly List<Scope> _children = new();

    public Scope(ScopeKind kind, Scope? parent, ParserRuleContext node)
    {
        Kind = kind;
        Parent = parent;
        Node = node;
        parent?._children.Add(this);
    }

    public ScopeKind Kind { get; }

    public Scope? Parent { get; }

    public ParserRuleContext Node { get; }

    /// <summary>The scopes directly inside this one, in the order the walk opened them.</summary>
    internal IReadOnlyList<Scope> Children => _children;

    internal bool IsAsyncFunction => Node is Function_defContext function && function.ASYNC() is not null;

    /// <summary>A function, lambda or comprehension: CPython's FunctionBlock.</summary>
    internal bool IsFunctionLike => Kind is ScopeKind.Function or ScopeKind.Lambda or ScopeKind.Comprehension;

    /// <summary>A generator expression, parenthesised or the sole argument of a call.</summary>
    internal bool IsGeneratorExpression => Kind == ScopeKind.Comprehension && Comprehensions.IsGenerator(Node);

    public IReadOnlyDictionary<string, List<NameBinding>> Bindings => _bindings;

    public void Bind(NameBinding binding)
    {
        // Under 'global', the binding rebinds the module's name (so an import of it there becomes
        // ambiguous); dropping it would hide that. At module level 'global' changes nothing.
        if (_globals is not null && _globals.Contains(binding.Name) && Parent is not null)
        {
            Module().Bind(binding);
            return;
        }
        if (_nonlocals is not null && _nonlocals.Contains(binding.Name))
        {
            return;
        }
        if (!_bindings.TryGetValue(binding.Name, out var list))
        {
            _bindings[binding.Name] = list = new List<NameBinding>();
        }
        list.Add(binding);
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="binding"/> was (same name), once the file's package says what an import stands for.</summary>
    internal void Replace(NameBinding binding, NameBinding replacement)
    {
        var list = _bindings[binding.Name];
        list[list.IndexOf(binding)] = replacement;
    }

    public void DeclareGlobal(string name) => (_globals ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);

    public void DeclareNonlocal(string name) => (_nonlocals ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);

    public bool IsGlobal(string name) => _globals is not null && _globals.Contains(name);

    public bool IsNonlocal(string name) => _nonlocals is not null && _nonlocals.Contains(name);

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
