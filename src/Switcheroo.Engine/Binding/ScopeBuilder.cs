using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Binding;

/// <summary>
/// Walks a parse tree once, building its scopes, recording every binding and remembering the scope
/// of every name that is read. Evaluation order follows Python: decorators, defaults, annotations
/// and class bases belong to the enclosing scope; the first iterable of a comprehension too.
/// </summary>
internal sealed partial class ScopeBuilder : PythonParserBaseVisitor<object?>
{
    private readonly Dictionary<PythonParser.NameAtomContext, Scope> _uses = new();
    private readonly List<Scope> _scopes = new();
    private Scope _current = null!;

    public static (Scope Module, IReadOnlyDictionary<PythonParser.NameAtomContext, Scope> Uses, IReadOnlyList<Scope> Scopes) Build(PythonParser.File_inputContext root)
    {
        var builder = new ScopeBuilder();
        builder._current = builder.Enter(ScopeKind.Module, root);
        builder.VisitChildren(root);
        return (builder._current, builder._uses, builder._scopes);
    }

    private Scope Enter(ScopeKind kind, ParserRuleContext node)
    {
        var scope = new Scope(kind, _current, node);
        _scopes.Add(scope);
        return scope;
    }

    private void InScope(Scope scope, Action work)
    {
        var outer = _current;
        _current = scope;
        work();
        _current = outer;
    }

    private void Bind(PythonParser.NameContext name, ParserRuleContext site) =>
        _current.Bind(new NameBinding(name.GetText(), BindingKind.Local, null, site));

    private void BindTargets(IParseTree target, ParserRuleContext site)
    {
        foreach (var name in TargetNames.Of(target))
        {
            Bind(name, site);
        }
    }

    public override object? VisitNameAtom(PythonParser.NameAtomContext context)
    {
        _uses[context] = _current;
        return null;
    }

    public override object? VisitNamed_expression(PythonParser.Named_expressionContext context)
    {
        if (context.COLONEQUAL() is not null)
        {
            var name = context.name();
            _current.NearestNonComprehension().Bind(new NameBinding(name.GetText(), BindingKind.Local, null, context));
        }
        return VisitChildren(context);
    }

    public override object? VisitGlobal_stmt(PythonParser.Global_stmtContext context)
    {
        foreach (var name in context.name())
        {
            _current.DeclareGlobal(name.GetText());
        }
        return null;
    }

    public override object? VisitNonlocal_stmt(PythonParser.Nonlocal_stmtContext context)
    {
        foreach (var name in context.name())
        {
            _current.DeclareNonlocal(name.GetText());
        }
        return null;
    }

    public override object? VisitExpression_stmt(PythonParser.Expression_stmtContext context)
    {
        var sides = context.star_expressions();
        bool assigns = context.EQUAL().Length > 0 || context.augassign() is not null
            || (context.annotation() is not null && context.assigned_value().Length > 0);
        if (context.annotation() is not null || assigns)
        {
            BindTargets(sides, context);
        }
        foreach (var value in context.assigned_value().Take(context.assigned_value().Length - 1))
        {
            BindTargets(value, context);
        }
        return VisitChildren(context);
    }

    public override object? VisitFor_stmt(PythonParser.For_stmtContext context)
    {
        BindTargets(context.target_list(), context);
        return VisitChildren(context);
    }

    public override object? VisitWith_item(PythonParser.With_itemContext context)
    {
        if (context.star_target() is { } target)
        {
            BindTargets(target, context);
        }
        return VisitChildren(context);
    }

    public override object? VisitExcept_block(PythonParser.Except_blockContext context) => BindThenVisit(context.name(), context);

    public override object? VisitExcept_star_block(PythonParser.Except_star_blockContext context) => BindThenVisit(context.name(), context);

    /// <summary>A construct that may bind one name (<c>except E as e</c>) and is otherwise ordinary code.</summary>
    private object? BindThenVisit(PythonParser.NameContext? name, Antlr4.Runtime.ParserRuleContext site)
    {
        if (name is not null)
        {
            Bind(name, site);
        }
        return VisitChildren(site);
    }

    public override object? VisitDel_stmt(PythonParser.Del_stmtContext context)
    {
        BindTargets(context.target_list(), context);
        return VisitChildren(context);
    }
}
