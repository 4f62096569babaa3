using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What a parameter holds when its function starts: <c>self</c> is an instance of the class; a
/// parameter annotated <c>torch.Tensor</c> (or <c>int</c>) is one, any other annotation says
/// nothing; the inputs of <c>forward</c> are tensors; a parameter of a closed function (every
/// call visible, <see cref="ProgramShape"/>) holds what its call sites pass; anything else is unknown.
/// </summary>
internal static class ParameterValues
{
    private static readonly HashSet<string> TensorTypes = new(StringComparer.Ordinal)
    {
        "torch.Tensor", "torch.FloatTensor", "torch.LongTensor",
    };

    public static Value Of(AnalysisContext context, PythonParser.Function_defContext function, PythonParser.ParameterContext parameter)
    {
        if (parameter.STAR() is not null || parameter.DOUBLESTAR() is not null)
        {
            return Value.Unknown;
        }
        var decorators = ProgramShape.Decorators(function);
        bool first = function.parameters().parameter(0) == parameter;
        if (first && ProgramShape.ClassOf(function) is { } cls && !decorators.Contains("staticmethod"))
        {
            var name = cls.name().GetText();
            return decorators.Contains("classmethod") ? Value.Unknown
                : context.Shape.IsModule(cls) ? Value.Module(name) : Value.Instance(name);
        }
        if (parameter.annotation() is { } annotation)
        {
            return Annotated(context, annotation) ?? Value.Unknown;
        }
        if (function.name().GetText() == "forward" && !first)
        {
            return Value.Tensor;
        }
        return context.Shape.IsClosed(function) ? context.Facts.Parameter(parameter) : Value.Unknown;
    }

    /// <summary>The value an annotation declares: a tensor type, <c>int</c>; null for any other.</summary>
    public static Value? Annotated(AnalysisContext context, PythonParser.AnnotationContext annotation)
    {
        var type = TargetNames.Unwrap(annotation.expression()) switch
        {
            PythonParser.ExprContext expression => expression,
            PythonParser.NameAtomContext name => name.Parent as PythonParser.ExprContext,
            _ => null,
        };
        if (type is null)
        {
            return null;
        }
        if (context.Model.QualifiedName(type) is { } qualified)
        {
            return TensorTypes.Contains(qualified) ? Value.Tensor : null;
        }
        return type is PythonParser.AtomExprContext { } atom && atom.atom() is PythonParser.NameAtomContext plain
            && plain.GetText() == "int" && context.OwnerOf(plain) is null ? Value.Int : null;
    }
}
