using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// Builds the names of every scope as CPython's symbol table does: uses, assignments (targets,
/// <c>def</c> and <c>class</c> names, <c>except ... as</c>, pattern captures, walrus targets, which
/// bind outside a comprehension), annotations, imports, parameters, global and nonlocal declarations.
/// Each global or nonlocal declaration and each annotated name is recorded with what its scope
/// knew of the name at that point, which is what CPython checks them against. Built once per tree
/// for the checks that need it, then released.
/// </summary>
internal sealed class SymbolTable : ScopeWalker
{
    private static readonly ConditionalWeakTable<File_inputContext, SymbolTable> Built = new();

    private readonly Dictionary<Scope, ScopeSymbols> tables = new();
    private readonly Dictionary<ParserRuleContext, SymbolFlags> targets = new();

    /// <summary>The names some global or nonlocal statement declares: the only ones the checks ask about.</summary>
    private readonly HashSet<string> declared;

    private SymbolTable(HashSet<string> declared)
    {
        this.declared = declared;
    }

    /// <summary>The module's scope, from which <see cref="Scope.Children"/> reach every other.</summary>
    public Scope Module { get; private set; } = null!;

    /// <summary>The flags of a scope's names; none for a scope the table did not walk (one in a deferred annotation).</summary>
    public ScopeSymbols this[Scope scope] => tables.GetValueOrDefault(scope) ?? ScopeSymbols.None;

    public List<Declaration> Declarations { get; } = new();

    public List<AnnotatedName> AnnotatedNames { get; } = new();

    protected override AnnotationWalk Annotations => AnnotationWalk.Symbols;

    private Scope? currentScope;
    private ScopeSymbols? currentTable;

    private ScopeSymbols Current
    {
        get
        {
            if (!ReferenceEquals(Scope, currentScope))
            {
                (currentScope, currentTable) = (Scope, tables[Scope]);
            }
            return currentTable!;
        }
    }

    /// <summary>The table of a module; without global or nonlocal statements there is nothing to ask it, and it stays empty.</summary>
    public static SymbolTable Of(File_inputContext root) => Built.GetValue(root, tree =>
    {
        var nodes = ScopedTree.Of(tree);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in nodes.Nodes<Global_stmtContext>(RULE_global_stmt))
        {
            names.UnionWith(statement.name().Select(ParseTrees.Identifier));
        }
        foreach (var statement in nodes.Nodes<Nonlocal_stmtContext>(RULE_nonlocal_stmt))
        {
            names.UnionWith(statement.name().Select(ParseTrees.Identifier));
        }
        var table = new SymbolTable(names);
        table.Module = nodes.Scopes.Module;
        if (table.declared.Count > 0)
        {
            table.Walk(tree);
        }
        return table;
    });

    public static void Release(File_inputContext root) => Built.Remove(root);

    protected override void Enter(Scope scope)
    {
        var table = new ScopeSymbols();
        tables[scope] = table;
        var parameters = scope.Node switch
        {
            Function_defContext function => ParameterList.Of(function),
            LambdefContext lambda => ParameterList.Of(lambda),
            _ => ParameterList.Empty,
        };
        foreach (var name in parameters.Names)
        {
            Note(table, ParseTrees.Identifier(name), SymbolFlags.Parameter);
        }
    }

    protected override void Visit(ParserRuleContext node)
    {
        if (node.RuleIndex == RULE_atom)
        {
            // Names are most of the nodes: settle them before testing types.
            if (node is NameAtomContext name)
            {
                AddUnlessNone(ParseTrees.Identifier(name), targets.TryGetValue(name, out var flags) ? flags : SymbolFlags.Used);
            }
            return;
        }
        switch (node)
        {
            case Expression_stmtContext statement: MarkTargets(statement); break;
            case For_stmtContext loop: MarkStores(loop.target_list()); break;
            case Comp_forContext clause: MarkStores(clause.target_list()); break;
            case With_itemContext item when item.star_target() is { } target: MarkStores(target); break;
            case Del_stmtContext deletion: MarkStores(deletion.target_list()); break;
            case Named_expressionContext walrus when walrus.COLONEQUAL() is not null:
                Note(BindingScope(), ParseTrees.Identifier(walrus.name()), SymbolFlags.Assigned);
                break;
            case Global_stmtContext global: Declare(global, global.name(), SymbolFlags.Global); break;
            case Nonlocal_stmtContext nonlocal: Declare(nonlocal, nonlocal.name(), SymbolFlags.Nonlocal); break;
            default:
                AddDefinitions(node);
                break;
        }
    }

    /// <summary>The name bound by a definition, handler, import or pattern.</summary>
    private void AddDefinitions(ParserRuleContext node)
    {
        if (Definition(node) is var (name, flag))
        {
            Note(Current, ParseTrees.Identifier(name), flag);
        }
    }

    private static (NameContext, SymbolFlags)? Definition(ParserRuleContext node) => node switch
    {
        Function_defContext function => (function.name(), SymbolFlags.Assigned),
        Class_defContext definition => (definition.name(), SymbolFlags.Assigned),
        Except_blockContext handler when handler.name() is { } name => (name, SymbolFlags.Assigned),
        Except_star_blockContext handler when handler.name() is { } name => (name, SymbolFlags.Assigned),
        Dotted_as_nameContext module => (module.name() ?? module.dotted_name().name(0), SymbolFlags.Imported),
        Import_as_nameContext alias => (alias.name()[^1], SymbolFlags.Imported),
        _ when PatternCaptures.Of(node) is var (name, _) => (name, SymbolFlags.Assigned),
        _ => null,
    };

    private void MarkTargets(Expression_stmtContext statement)
    {
        if (statement.annotation() is not null)
        {
            MarkAnnotated(statement);
            return;
        }
        MarkStores(statement.star_expressions());
        var values = statement.assigned_value();
        for (int i = 0; i < values.Length - 1; i++)
        {
            MarkStores(values[i]);
        }
    }

    /// <summary>
    /// <c>x: int</c> declares an annotated local; <c>(x): int</c> only binds x when a value is
    /// given; attributes and subscripts are uses, met as their names are visited.
    /// </summary>
    private void MarkAnnotated(Expression_stmtContext statement)
    {
        var target = Expr.Of(statement.star_expressions());
        if (target.Kind != ExprKind.Name)
        {
            return;
        }
        var name = ParseTrees.Identifier(target.Node);
        AnnotatedNames.Add(new AnnotatedName(statement, name, Current[name], Simple: !target.Parenthesized, Scope));
        targets[target.Node] = !target.Parenthesized ? SymbolFlags.Annotated | SymbolFlags.Assigned
            : statement.assigned_value().Length > 0 ? SymbolFlags.Assigned
            : SymbolFlags.None;
    }

    private void MarkStores(ParserRuleContext? target)
    {
        if (target is null)
        {
            return;
        }
        foreach (var store in Targets.Stores(Expr.Of(target)).Where(store => store.Kind == ExprKind.Name))
        {
            targets[store.Node] = SymbolFlags.Assigned;
        }
    }

    private void Declare(ParserRuleContext statement, NameContext[] names, SymbolFlags declaration)
    {
        foreach (var name in names.Select(ParseTrees.Identifier))
        {
            Declarations.Add(new Declaration(statement, name, declaration, Current[name]));
            Current.Add(name, declaration);
            Current.AddDirective(name, statement);
        }
    }

    private void AddUnlessNone(string name, SymbolFlags flags)
    {
        if (flags != SymbolFlags.None)
        {
            Note(Current, name, flags);
        }
    }

    private void Note(ScopeSymbols table, string name, SymbolFlags flags)
    {
        if (declared.Contains(name))
        {
            table.Add(name, flags);
        }
    }

    /// <summary>A walrus in a comprehension binds in the nearest enclosing scope that is not one.</summary>
    private ScopeSymbols BindingScope()
    {
        var scope = Scope;
        while (scope.Kind == ScopeKind.Comprehension && scope.Parent is { } outer)
        {
            scope = outer;
        }
        return tables[scope];
    }
}
