using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// The statement that goes with a device move, when nothing of it is left once the moves go: a call on
/// a name as a statement of its own (<c>model.cuda()</c>; a module moved in place, a tensor's copy dropped),
/// or a line that only moves its own names (<c>x, y = x.to(d), y.to(d)</c>, which would read <c>x, y = x, y</c>).
/// </summary>
internal static class PlacementStatement
{
    /// <summary>The statement when <paramref name="call"/> is its first move and it holds nothing else, else null.</summary>
    public static PythonParser.StatementContext? Of(PythonParser.CallExprContext call, PlacementValue values)
    {
        if (SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(call) is not { } expression
            || SyntaxShapes.Enclosing<PythonParser.StatementContext>(expression) is not { } statement
            || statement.simple_stmt().Length != 1)
        {
            return null;
        }
        if (expression.EQUAL().Length == 0 && expression.annotation() is null && expression.augassign() is null)
        {
            return SyntaxShapes.AtomOf(expression.star_expressions()) == call
                && call.expr() is PythonParser.AttributeExprContext { } member && IsNameChain(member.expr()) ? statement : null;
        }
        return expression.EQUAL().Length == 1 && SelfMoves(expression, call, values) ? statement : null;
    }

    /// <summary><c>x, y = x.to(d), y.to(d)</c>: each value the move of its own target, <paramref name="call"/> the first.</summary>
    private static bool SelfMoves(PythonParser.Expression_stmtContext assignment, PythonParser.CallExprContext call, PlacementValue values)
    {
        var targets = Binding.TargetNames.Items(assignment.star_expressions());
        var items = Binding.TargetNames.Items(assignment.assigned_value(0));
        if (targets.Count == 0 || targets.Count != items.Count || SyntaxShapes.AtomOf(items[0]) != call)
        {
            return false;
        }
        for (int i = 0; i < targets.Count; i++)
        {
            if (SyntaxShapes.AtomOf(items[i]) is not PythonParser.CallExprContext placement
                || placement.expr() is not PythonParser.AttributeExprContext { } member
                || DevicePlacementHook.EntryFor(member.name().GetText(), values.Maps) is not { } entry
                || !Placement.Of(placement, DevicePlacementHook.MovesItself(entry), values).IsMoveOnly
                || member.expr().GetText() != targets[i].GetText() || Training.ModelNames.NameOf(targets[i]) is null)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>model</c> or <c>self.net</c>: reading it does nothing, so a statement of only it can go.</summary>
    private static bool IsNameChain(PythonParser.ExprContext expression) => Binding.TargetNames.Unwrap(expression) switch
    {
        PythonParser.NameAtomContext => true,
        PythonParser.AttributeExprContext attribute => IsNameChain(attribute.expr()),
        _ => false,
    };
}
