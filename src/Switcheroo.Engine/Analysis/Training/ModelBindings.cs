using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

/// <summary>
/// How a name holding a model (or an optimizer) is bound, read from syntax and bindings alone:
/// the plain name an expression is, and the call a plain assignment binds (<c>model = Net()</c>,
/// also <c>Net().to(device)</c>, <c>Net().cuda()</c>).
/// </summary>
internal static class ModelBindings
{
    /// <summary>The hook of the model methods that place it on a device (<c>torch.nn.Module.to</c>, <c>cuda</c>, <c>cpu</c>): they return the model.</summary>
    public const string PlacementHook = "device_placement";

    /// <summary>The plain name an expression is (<c>model</c>), or null.</summary>
    public static PythonParser.NameAtomContext? NameOf(Antlr4.Runtime.Tree.IParseTree? expression) =>
        expression is null ? null : SyntaxShapes.AtomOf(expression) as PythonParser.NameAtomContext;

    /// <summary>The call a plain assignment binds (<c>x = f(...)</c>), looking through device placements (<see cref="PlacementHook"/>); else null.</summary>
    public static PythonParser.CallExprContext? Construction(NameBinding binding, MapSet maps)
    {
        if (binding.Site is not PythonParser.Expression_stmtContext assignment || assignment.EQUAL().Length != 1
            || SyntaxShapes.AtomOf(assignment.assigned_value(0)) is not PythonParser.CallExprContext call)
        {
            return null;
        }
        while (call.expr() is PythonParser.AttributeExprContext placement && maps.ModelMethod(placement.name().GetText())?.Hook == PlacementHook
            && placement.expr() is PythonParser.CallExprContext inner)
        {
            call = inner;
        }
        return call;
    }
}
