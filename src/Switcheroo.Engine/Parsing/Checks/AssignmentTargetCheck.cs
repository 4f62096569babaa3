using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The targets of <c>=</c> must be names, attributes, subscripts, or tuples and lists of them
/// (with at most the starred parts the compiler checks later). CPython's parser, retrying a failed
/// statement to explain it, first reads the first target as an expression: when its last element
/// is followed by <c>= value</c> it guesses a mistaken <c>==</c>; otherwise it names the first
/// invalid part of the first invalid target.
/// </summary>
internal sealed class AssignmentTargetCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var statement in ScopedTree.Of(root).Nodes<Expression_stmtContext>(NodeIndex.ExpressionStatements))
        {
            if (AssignmentParts.HasEqual(statement) && !TargetsAssignable(statement))
            {
                CheckChain(statement, report);
            }
        }
    }

    /// <summary>
    /// Whether every part before the value can be assigned: the statement's first child and each
    /// value of a chain but the last (nearly every statement, so read without collecting them).
    /// </summary>
    private static bool TargetsAssignable(Expression_stmtContext statement)
    {
        for (int i = 0; i < statement.ChildCount - 1; i++)
        {
            var child = statement.GetChild(i);
            if ((i == 0 || child is Assigned_valueContext) && !Targets.IsAssignable(Expr.Of((ParserRuleContext)child)))
            {
                return false;
            }
        }
        return true;
    }

    private static void CheckChain(Expression_stmtContext statement, CheckReporter report)
    {
        var parts = new List<ParserRuleContext> { statement.star_expressions() };
        parts.AddRange(statement.assigned_value());
        int invalid = parts.FindIndex(0, parts.Count - 1, part => !Targets.IsAssignable(Expr.Of(part)));
        if (invalid < 0 || parts.Take(invalid + 1).Any(Targets.HasGroupedStar))
        {
            return;
        }
        if (SuspectedComparison(parts) is var (node, message))
        {
            report.At(node, message);
            return;
        }
        var target = Expr.Of(parts[invalid]);
        if (target.Kind == ExprKind.Yield && !target.Parenthesized)
        {
            report.At(target.Node, "assignment to yield expression not possible");
        }
        else if (Targets.Blame(target, deleting: false) is { } blamed)
        {
            report.At(blamed.Node, $"cannot assign to {blamed.Describe()}");
        }
    }

    /// <summary>CPython's <c>invalid_named_expression</c>, met while reading the first target's last element.</summary>
    private static (ParserRuleContext Node, string Message)? SuspectedComparison(List<ParserRuleContext> parts)
    {
        var first = (Star_expressionsContext)parts[0];
        var elements = first.Items();
        var last = elements[^1];
        if (first.COMMA().Length == elements.Count || last is Star_expressionContext || !ValueInvitesComparison(parts))
        {
            return null;
        }
        var bitwiseOr = ExprShapes.AsBitwiseOr(last);
        if (bitwiseOr is NameAtomContext name)
        {
            return (name, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        }
        if (bitwiseOr is null || StartsWithDisplay(bitwiseOr))
        {
            return null;
        }
        var target = Expr.Of(last);
        return (target.Node, $"cannot assign to {target.Describe()} here. Maybe you meant '==' instead of '='?");
    }

    /// <summary>Whether what follows the first <c>=</c> starts with a bitwise-or expression that no further <c>=</c> follows.</summary>
    private static bool ValueInvitesComparison(List<ParserRuleContext> parts)
    {
        if (((Assigned_valueContext)parts[1]).star_expressions() is not { } values)
        {
            return false;
        }
        var first = values.Items()[0];
        if (first is Star_expressionContext || first.Start.Type is NOT or LAMBDA)
        {
            return false;
        }
        bool whole = values.COMMA().Length == 0 && ExprShapes.AsBitwiseOr(first) is not null;
        return !(whole && parts.Count > 2);
    }

    /// <summary>CPython makes no guess when the target starts with a list, tuple or generator display, or True, None, False.</summary>
    private static bool StartsWithDisplay(ExprContext expr)
    {
        while (true)
        {
            switch (expr)
            {
                case ListAtomContext list:
                    return list.comprehension() is null;
                case ParenAtomContext paren:
                    return paren.COMMA() is not null || paren.comprehension() is not null
                        || (paren.FirstItem() is null && paren.yield_expr() is null);
                case ConstantAtomContext:
                    return true;
                case AttributeExprContext attribute: expr = attribute.expr(); break;
                case CallExprContext call: expr = call.expr(); break;
                case SubscriptExprContext subscript: expr = subscript.expr(); break;
                case PowerExprContext power: expr = power.expr(0); break;
                case BinaryExprContext binary: expr = binary.expr(0); break;
                default: return false;
            }
        }
    }
}
