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

    /// <summary><see cref="declared"/> asked with a name's characters, so that no string is made for each name met.</summary>
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> declaredText;

    /// <summary>The names a target stores to, reused for each target.</summary>
    private readonly List<Expr> stores = new();

    private SymbolTable(HashSet<string> declared)
    {
        this.declared = declared;
        declaredText = declared.GetAlternateLookup<ReadOnlySpan<char>>();
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
        foreach (var statement in nodes.Nodes<Global_stmtContext>(NodeIndex.GlobalStatements))
        {
            names.UnionWith(statement.name().Select(ParseTrees.Identifier));
        }
        foreach (var statement in nodes.Nodes<Nonlocal_stmtContext>(NodeIndex.NonlocalStatements))
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

    /// <remarks>By rule index: the generated context classes are not sealed, so a type test walks the class hierarchy.</remarks>
    protected override void Visit(ParserRuleContext node)
    {
        switch (node.RuleIndex)
        {
            case RULE_expr:
                // Names are most of the nodes: read in place, a string only for a declared one.
                if (node is NameAtomContext name)
                {
                    var flags = targets.TryGetValue(name, out var marked) ? marked : SymbolFlags.Used;
                    if (flags != SymbolFlags.None && declaredText.TryGetValue(ParseTrees.TextOf(name.Start), out var text))
                    {
                        Current.Add(text, flags);
                    }
                }
                break;
            case RULE_simple_stmt when node is Expression_stmtContext statement: MarkTargets(statement); break;
            case RULE_for_stmt: MarkStores(((For_stmtContext)node).target_list()); break;
            case RULE_comp_for: MarkStores(((Comp_forContext)node).target_list()); break;
            case RULE_with_item when ((With_itemContext)node).star_target() is { } target: MarkStores(target); break;
            case RULE_simple_stmt when node is Del_stmtContext statement: MarkStores(statement.target_list()); break;
            case RULE_assignment_expression:
                Note(BindingScope(), ParseTrees.Identifier(((Assignment_expressionContext)node).name()), SymbolFlags.Assigned);
                break;
            case RULE_simple_stmt when node is Global_stmtContext statement: Declare(node, statement.name(), SymbolFlags.Global); break;
            case RULE_simple_stmt when node is Nonlocal_stmtContext statement: Declare(node, statement.name(), SymbolFlags.Nonlocal); break;
            case RULE_function_def or RULE_class_def or RULE_except_block or RULE_except_star_block or RULE_dotted_as_name
                or RULE_import_as_name or RULE_closed_pattern or RULE_maybe_star_pattern or RULE_double_star_pattern or RULE_pattern:
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
        stores.Clear();
        Targets.AddStores(Expr.Of(target), stores);
        foreach (var store in stores)
        {
            if (store.Kind == ExprKind.Name)
            {
                targets[store.Node] = SymbolFlags.Assigned;
            }
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
