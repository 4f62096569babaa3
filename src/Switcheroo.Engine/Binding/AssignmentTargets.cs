using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Binding;

/// <summary>Where a node of an expression stands towards the statement that may store into it.</summary>
internal enum TargetRole
{
    /// <summary>Only read: no statement stores into it.</summary>
    Read,

    /// <summary>
    /// A whole target, or a whole element of an unpacked one: <c>x = v</c>, <c>x += v</c>,
    /// <c>x: T</c> (annotated, with or without a value), every target of <c>a = x = v</c> but the value,
    /// <c>x, *y = v</c>, <c>del x</c>, <c>for x in</c> (a comprehension's too), <c>with f() as x</c>.
    /// </summary>
    Stored,

    /// <summary>Inside a target without being one: <c>x</c> and <c>i</c> of <c>x[i] = v</c>, <c>x</c> of <c>x.y = v</c> (read, then stored into).</summary>
    WithinTarget,
}

/// <summary>
/// Whether an expression is a target an assignment, <c>del</c>, <c>for</c> or <c>with</c> stores
/// into, a part of one, or only read; the one answer the analyses and rewrites ask for attributes
/// (<c>self.weight = ...</c> is stored, <c>self.conv.weight[0] = ...</c> stores into <c>self.conv</c>).
/// </summary>
internal static class AssignmentTargets
{
    /// <summary>The node's role, and the statement (or clause) that stores into it (null when it is only read).</summary>
    public static (TargetRole Role, ParserRuleContext? Storer) RoleOf(ParserRuleContext node)
    {
        IParseTree child = node;
        for (var at = node.Parent as ParserRuleContext; at is not null; child = at, at = at.Parent as ParserRuleContext)
        {
            switch (at)
            {
                case PythonParser.Expression_stmtContext statement:
                    return In(node, TargetOf(statement, child), statement);
                case PythonParser.Target_listContext targets:
                    return In(node, targets, (ParserRuleContext)targets.Parent);
                case PythonParser.With_itemContext item when ReferenceEquals(child, item.star_target()):
                    return In(node, item.star_target(), item);
                case PythonParser.StatementContext or PythonParser.LambdefContext or PythonParser.With_itemContext:
                    return (TargetRole.Read, null);
            }
        }
        return (TargetRole.Read, null);
    }

    /// <summary>The target of <paramref name="statement"/> that <paramref name="child"/> is, or null: the first list, and every value of a chain of <c>=</c> but the last.</summary>
    private static IParseTree? TargetOf(PythonParser.Expression_stmtContext statement, IParseTree child)
    {
        if (ReferenceEquals(child, statement.star_expressions()))
        {
            return statement.EQUAL().Length > 0 || statement.augassign() is not null || statement.annotation() is not null ? child : null;
        }
        var values = statement.assigned_value();
        return child is PythonParser.Assigned_valueContext value && statement.augassign() is null && statement.annotation() is null
            && !ReferenceEquals(value, values[^1]) ? child : null;
    }

    private static (TargetRole, ParserRuleContext?) In(ParserRuleContext node, IParseTree? target, ParserRuleContext storer)
    {
        if (target is null)
        {
            return (TargetRole.Read, null);
        }
        var unwrapped = TargetNames.Unwrap(node);
        return TargetNames.Whole(target).Any(whole => ReferenceEquals(whole, node) || ReferenceEquals(whole, unwrapped))
            ? (TargetRole.Stored, storer)
            : (TargetRole.WithinTarget, storer);
    }
}
