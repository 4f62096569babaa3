using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// What a module class does with its buffers, read from syntax alone: the constructor's
/// <c>self.register_buffer("name", value)</c> statements and the assignments to <c>self.name</c>
/// outside it. The index uses it (a class updating a buffer keeps <c>batch_stats</c>), and so does
/// the rewriting of the registrations (<c>Rewriting/Modules/BufferRegistrations</c>).
/// </summary>
internal static class BufferFacts
{
    /// <summary>Whether the class updates a buffer it registers: its collection is then <c>batch_stats</c>.</summary>
    internal static bool UpdatesBuffers(PythonParser.Class_defContext cls, PythonParser.Function_defContext init)
    {
        var registered = init.block().statement().Select(Registration).OfType<PythonParser.CallExprContext>()
            .Where(call => !IsNonPersistent(call.arguments().argument()))
            .Select(call => call.arguments().argument()[0].GetText().Trim('"', '\''))
            .ToHashSet(StringComparer.Ordinal);
        return registered.Count > 0 && UpdatedBuffers(cls, init).Keys.Any(registered.Contains);
    }

    internal static bool IsNonPersistent(PythonParser.ArgumentContext[] arguments) =>
        arguments.Skip(2).Any(a => a.GetText().Replace(" ", string.Empty) is "persistent=False")
        || (arguments.Length > 2 && arguments[2] is PythonParser.PositionalArgumentContext p && p.GetText() == "False");

    /// <summary>A statement that is just <c>self.register_buffer("literal", value)</c> (persistent or not).</summary>
    internal static PythonParser.CallExprContext? Registration(PythonParser.StatementContext statement)
    {
        if (statement.simple_stmt() is not [{ } simple]
            || SyntaxShapes.AtomOf(simple) is not PythonParser.CallExprContext call
            || call.expr() is not PythonParser.AttributeExprContext callee
            || callee.expr().GetText() != "self" || callee.name().GetText() != "register_buffer")
        {
            return null;
        }
        var arguments = call.arguments()?.argument();
        return arguments is { Length: >= 2 } && arguments[0] is PythonParser.PositionalArgumentContext first
            && SyntaxShapes.AtomOf(first) is PythonParser.StringAtomContext
            && arguments[1] is PythonParser.PositionalArgumentContext ? call : null;
    }

    /// <summary>
    /// Assignments <c>self.name = ...</c> (statements of their own) outside <paramref name="init"/>, by
    /// the attribute they assign: for a registered buffer, the updates of a running statistic.
    /// </summary>
    internal static Dictionary<string, List<PythonParser.StatementContext>> UpdatedBuffers(PythonParser.Class_defContext cls, PythonParser.Function_defContext? init)
    {
        var updates = new Dictionary<string, List<PythonParser.StatementContext>>(StringComparer.Ordinal);
        foreach (var assignment in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(cls))
        {
            var target = assignment.EQUAL().Length == 1 ? SyntaxShapes.AtomOf(assignment.star_expressions()) as PythonParser.AttributeExprContext
                : assignment.EQUAL().Length == 0 ? InPlaceTarget(assignment) : null;
            if (target is null || target.expr().GetText() != "self" || (init is not null && SyntaxShapes.Enclosing<PythonParser.Function_defContext>(assignment) == init)
                || SyntaxShapes.Enclosing<PythonParser.StatementContext>(assignment) is not { } statement || statement.simple_stmt().Length != 1)
            {
                continue;
            }
            var name = target.name().GetText();
            if (!updates.TryGetValue(name, out var list))
            {
                updates[name] = list = new List<PythonParser.StatementContext>();
            }
            list.Add(statement);
        }
        return updates;
    }

    /// <summary><c>self.x</c> in a statement <c>self.x.mul_(m).add_(y)</c> (an in-place torch method on it), else null.</summary>
    private static PythonParser.AttributeExprContext? InPlaceTarget(PythonParser.Expression_stmtContext statement)
    {
        var node = SyntaxShapes.AtomOf(statement.star_expressions()) as PythonParser.ExprContext;
        while (node is PythonParser.CallExprContext call && call.expr() is PythonParser.AttributeExprContext method)
        {
            if (method.expr() is PythonParser.AttributeExprContext owner && owner.expr().GetText() == "self")
            {
                return method.name().GetText().EndsWith('_') ? owner : null;
            }
            node = method.expr();
        }
        return null;
    }
}
