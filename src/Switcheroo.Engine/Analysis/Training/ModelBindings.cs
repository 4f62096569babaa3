using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

/// <summary>
/// How a name holding a model (or an optimizer) is bound, read from syntax and bindings alone:
/// the plain name an expression is, and the call a plain assignment binds (<c>model = Net()</c>,
/// also <c>Net().to(device)</c>, <c>Net().cuda()</c>).
/// </summary>
internal static class ModelBindings
{
    private static readonly HashSet<string> Placements = new(StringComparer.Ordinal) { "to", "cuda", "cpu" };

    /// <summary>The plain name an expression is (<c>model</c>), or null.</summary>
    public static PythonParser.NameAtomContext? NameOf(Antlr4.Runtime.Tree.IParseTree? expression) =>
        expression is null ? null : SyntaxShapes.AtomOf(expression) as PythonParser.NameAtomContext;

    /// <summary>The call a plain assignment binds (<c>x = f(...)</c>), looking through device placements; else null.</summary>
    public static PythonParser.CallExprContext? Construction(NameBinding binding)
    {
        if (binding.Site is not PythonParser.Expression_stmtContext assignment || assignment.EQUAL().Length != 1
            || SyntaxShapes.AtomOf(assignment.assigned_value(0)) is not PythonParser.CallExprContext call)
        {
            return null;
        }
        while (call.expr() is PythonParser.AttributeExprContext placement && Placements.Contains(placement.name().GetText())
            && placement.expr() is PythonParser.CallExprContext inner)
        {
            call = inner;
        }
        return call;
    }
}
