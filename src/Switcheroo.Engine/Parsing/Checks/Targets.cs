using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// What CPython's grammar accepts as assignment and deletion targets, and which part of an invalid
/// target its error names. Our grammar parses targets as plain expressions, so this is where the
/// difference is made up.
/// </summary>
internal static class Targets
{
    /// <summary>Whether CPython parses the expression as <c>star_targets</c> (targets of =, for, with, comprehensions).</summary>
    public static bool IsAssignable(Expr target) => target.Kind switch
    {
        ExprKind.Name or ExprKind.Attribute or ExprKind.Subscript => true,
        // `(*a)` is not a target: a starred expression cannot be grouped.
        ExprKind.Starred => !target.Parenthesized && IsAssignable(target.StarredValue),
        ExprKind.Tuple or ExprKind.List => AllElements(target, IsAssignable),
        _ => false,
    };

    /// <summary>Whether CPython parses the expression as <c>del_targets</c>: no starred parts at all.</summary>
    public static bool IsDeletable(Expr target) => target.Kind switch
    {
        ExprKind.Name or ExprKind.Attribute or ExprKind.Subscript => true,
        ExprKind.Tuple or ExprKind.List => AllElements(target, IsDeletable),
        _ => false,
    };

    private static bool AllElements(Expr display, Func<Expr, bool> test)
    {
        var elements = display.Elements;
        for (int i = 0; i < elements.Count; i++)
        {
            if (!test(Expr.Of(elements[i])))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// CPython's <c>_PyPegen_get_invalid_target</c>: the first part of a target that cannot be
    /// assigned (or deleted), or null when there is none to name. A grouped starred expression is
    /// left to the check that reports the group, as CPython does.
    /// </summary>
    public static Expr? Blame(Expr target, bool deleting)
    {
        switch (target.Kind)
        {
            case ExprKind.Tuple or ExprKind.List:
                foreach (var element in target.Elements)
                {
                    if (Blame(Expr.Of(element), deleting) is { } blamed)
                    {
                        return blamed;
                    }
                }
                return null;
            case ExprKind.Starred when target.Parenthesized:
                return null;
            case ExprKind.Starred:
                return deleting ? target : Blame(target.StarredValue, deleting);
            case ExprKind.Name or ExprKind.Attribute or ExprKind.Subscript:
                return null;
            default:
                return target;
        }
    }

    /// <summary>
    /// Whether a grouped starred expression (<c>(*a)</c>) occurs in the node. CPython's parser meets
    /// that error first while reading a target as an expression, so the target checks leave such
    /// targets to the check that reports the group.
    /// </summary>
    public static bool HasGroupedStar(ParserRuleContext node) =>
        ParseTrees.Descendants<ParenAtomContext>(node).Any(paren =>
            paren.FirstItem() is Star_named_expressionContext && paren.COMMA() is null && paren.comprehension() is null);

    /// <summary><see cref="Stores"/> added to a list, without an enumerator per level of the target.</summary>
    public static void AddStores(Expr target, List<Expr> into)
    {
        switch (target.Kind)
        {
            case ExprKind.Tuple or ExprKind.List:
                var elements = target.Elements;
                for (int i = 0; i < elements.Count; i++)
                {
                    AddStores(Expr.Of(elements[i]), into);
                }
                break;
            case ExprKind.Starred:
                AddStores(target.StarredValue, into);
                break;
            case ExprKind.Name or ExprKind.Attribute:
                into.Add(target);
                break;
        }
    }

    /// <summary>The names and attributes a target stores to, through tuples, lists and starred parts.</summary>
    public static IEnumerable<Expr> Stores(Expr target)
    {
        switch (target.Kind)
        {
            case ExprKind.Tuple or ExprKind.List:
                return target.Elements.SelectMany(element => Stores(Expr.Of(element)));
            case ExprKind.Starred:
                return Stores(target.StarredValue);
            case ExprKind.Name or ExprKind.Attribute:
                return new[] { target };
            default:
                return Array.Empty<Expr>();
        }
    }
}
