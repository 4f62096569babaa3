using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Forms;

/// <summary>
/// Names known to hold an int where they are read, so a size form can be decided when converting
/// (<c>stride</c> → <c>(stride, stride)</c>) instead of at run time. Every binding the name resolves
/// to must say so: a parameter annotated <c>int</c>, or an assignment of an int literal
/// (<c>K = 3</c>, <c>K: int = 3</c>) that is the name's only binding in its scope. Caveat: a
/// parameter whose default is an int but that has no annotation is not known — a caller may pass
/// a tuple (torchvision passes <c>kernel_size=(1, 7)</c> to such parameters).
/// </summary>
internal static class IntNames
{
    public static bool IsInt(PythonParser.NameAtomContext use, SemanticModel model)
    {
        var bindings = SemanticModel.Lookup(use.GetText(), model.ScopeOf(use));
        return bindings is { Count: 1 } && IsIntBinding(bindings[0]);
    }

    private static bool IsIntBinding(NameBinding binding) => binding.Site switch
    {
        PythonParser.ParameterContext parameter => IsIntAnnotation(parameter.annotation()?.expression()),
        PythonParser.Expression_stmtContext assignment => IsIntConstant(assignment),
        _ => false,
    };

    private static bool IsIntAnnotation(PythonParser.ExpressionContext? annotation) => annotation?.GetText() == "int";

    /// <summary><c>K = 3</c> or <c>K: int = 3</c>: one plain name, one value, an int literal (no augmented assignment).</summary>
    private static bool IsIntConstant(PythonParser.Expression_stmtContext assignment)
    {
        if (assignment.augassign() is not null || assignment.assigned_value().Length != 1 || assignment.EQUAL().Length > 1)
        {
            return false;
        }
        if (SyntaxShapes.AtomOf(assignment.star_expressions()) is not PythonParser.NameAtomContext)
        {
            return false;
        }
        if (assignment.annotation() is { } annotation && !IsIntAnnotation(annotation.expression()))
        {
            return false;
        }
        return SourceValue.IsIntLiteral(SyntaxShapes.AtomOf(assignment.assigned_value(0)));
    }
}
