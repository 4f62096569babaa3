using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Binding;

/// <summary>What a name or dotted expression refers to; the binder's answer to "is this torch?".</summary>
public enum Resolution
{
    /// <summary>Not bound in the file: a builtin or an undefined name.</summary>
    Unbound,

    /// <summary>Bound by imports only, all naming the same thing.</summary>
    Import,

    /// <summary>Bound some other way (assignment, parameter, ...): a local value, never rewritten.</summary>
    Local,

    /// <summary>Bound by an import and otherwise in the same scope: cannot be decided statically.</summary>
    Ambiguous,
}

/// <summary>
/// The binder's result for one file: scopes, bindings, and resolution of names and dotted
/// expressions to qualified names. <c>nn.Linear</c> resolves to <c>torch.nn.Linear</c> only when
/// <c>nn</c> in that scope is bound by an import of <c>torch.nn</c> and nothing else.
/// </summary>
public sealed class SemanticModel
{
    private readonly NameUses _uses;

    private SemanticModel(FileScopes scopes)
    {
        Module = scopes.Module;
        _uses = scopes.Uses;
        Scopes = scopes.Scopes;
    }

    public Scope Module { get; }

    public IReadOnlyList<Scope> Scopes { get; }

    public IEnumerable<PythonParser.NameAtomContext> Uses => _uses.Names;

    /// <summary>Walks the tree for its scopes; prefer <see cref="Build(SyntaxTree)"/>, which finds them built.</summary>
    public static SemanticModel Build(PythonParser.File_inputContext root) => new(ScopeBuilder.Build(root));

    /// <summary>The model of a parsed file, from the scopes its syntax checks built.</summary>
    public static SemanticModel Build(SyntaxTree tree)
    {
        var root = tree.Root ?? throw new ArgumentException("the tree has syntax errors", nameof(tree));
        return new SemanticModel(tree.Scopes ?? ScopeBuilder.Build(root));
    }

    public Scope ScopeOf(PythonParser.NameAtomContext use) => _uses.ScopeOf(use);

    private Dictionary<Antlr4.Runtime.ParserRuleContext, Scope>? _byNode;

    /// <summary>The scope a node opens (a function, class, lambda or comprehension, or the file), if it opens one.</summary>
    public Scope? ScopeOpenedBy(Antlr4.Runtime.ParserRuleContext node)
    {
        if (_byNode is null)
        {
            // Indexed once: conversions ask for each class or function of the file.
            _byNode = new Dictionary<Antlr4.Runtime.ParserRuleContext, Scope>(ReferenceEqualityComparer.Instance);
            foreach (var scope in Scopes)
            {
                _byNode.TryAdd(scope.Node, scope);
            }
        }
        return _byNode.GetValueOrDefault(node);
    }

    /// <summary>What a name read means where it is read, and, for imports, the qualified name.</summary>
    public (Resolution Resolution, string? QualifiedName) Resolve(PythonParser.NameAtomContext use)
    {
        // Asked again and again for the same name (each attribute chain, each rule, the value analysis):
        // answered once. A model is used by one thread at a time (one file's conversion or index work).
        if (!_resolved.TryGetValue(use, out var resolved))
        {
            resolved = ResolveOnce(use);
            _resolved.Add(use, resolved);
        }
        return resolved;
    }

    private readonly Dictionary<PythonParser.NameAtomContext, (Resolution, string?)> _resolved = new(ReferenceEqualityComparer.Instance);

    private (Resolution Resolution, string? QualifiedName) ResolveOnce(PythonParser.NameAtomContext use)
    {
        var bindings = Lookup(use.GetText(), _uses.ScopeOf(use));
        if (bindings is null || bindings.Count == 0)
        {
            return (Resolution.Unbound, null);
        }
        if (bindings.All(b => b.Kind == BindingKind.Import))
        {
            var names = bindings.Select(b => b.QualifiedName).Distinct(StringComparer.Ordinal).ToList();
            return names.Count == 1 ? (Resolution.Import, names[0]) : (Resolution.Ambiguous, null);
        }
        return bindings.Any(b => b.Kind == BindingKind.Import) ? (Resolution.Ambiguous, null) : (Resolution.Local, null);
    }

    /// <summary>The qualified name of a dotted expression rooted at an import (<c>F.relu</c> → <c>torch.nn.functional.relu</c>), else null.</summary>
    public string? QualifiedName(PythonParser.ExprContext expression)
    {
        switch (expression)
        {
            case PythonParser.NameAtomContext name:
                var (resolution, qualified) = Resolve(name);
                return resolution == Resolution.Import ? qualified : null;
            case PythonParser.AttributeExprContext attribute:
                return QualifiedName(attribute.expr()) is { } owner ? $"{owner}.{attribute.name().GetText()}" : null;
            default:
                return null;
        }
    }

    /// <summary>The bindings a name resolves to from <paramref name="scope"/>, by Python's rules.</summary>
    public static IReadOnlyList<NameBinding>? Lookup(string name, Scope scope)
    {
        if (scope.IsGlobal(name))
        {
            return scope.Module().Lookup(name);
        }
        if (!scope.IsNonlocal(name) && scope.Lookup(name) is { } local)
        {
            return local;
        }
        for (var outer = scope.Parent; outer is not null; outer = outer.Parent)
        {
            if (outer.Kind == ScopeKind.Class)
            {
                continue;
            }
            if (outer.IsGlobal(name))
            {
                return scope.Module().Lookup(name);
            }
            if (outer.Lookup(name) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
