using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// Bare annotations in a module class's body (<c>upscale_factor: int</c>, <c>weight: Tensor</c>, with no
/// value) go. In a torch module they only declare the type of an attribute the constructor sets (for
/// TorchScript) and do nothing at run time; in a Linen module, a dataclass, each would be a field of its
/// own: a second declaration of a constructor argument's field, a required field after fields with
/// defaults (a TypeError when the class is defined), or a field that setup then may not assign. torch's
/// own layer files declare their attributes so (<c>torch/nn/modules/pixelshuffle.py</c>). An annotation
/// with a value is a class attribute with a default and stays.
/// </summary>
internal static class ClassAnnotations
{
    public static void Remove(ModuleClass module, ConversionContext context)
    {
        foreach (var statement in module.Node.block().statement())
        {
            if (statement.simple_stmt() is [{ } only] && only is PythonParser.Expression_stmtContext expression
                && expression.annotation() is not null && expression.assigned_value().Length == 0
                && SyntaxShapes.AtomOf(expression.star_expressions()) is PythonParser.NameAtomContext && !KeywordOnlyMarker(expression.annotation(), context))
            {
                context.Edits.RemoveStatement(statement);
            }
        }
    }

    /// <summary>
    /// <c>_: dataclasses.KW_ONLY</c>, which a subclass of a Linen class converted before declares (a converted
    /// file converted again): a dataclass reads it as the <c>*</c> of its constructor, no field.
    /// </summary>
    private static bool KeywordOnlyMarker(PythonParser.AnnotationContext annotation, ConversionContext context) =>
        SyntaxShapes.AtomOf(annotation.expression()) is { } value && value is PythonParser.ExprContext expression
        && context.Model.QualifiedName(expression) == ModuleRewriter.KeywordOnlyMarker;
}
