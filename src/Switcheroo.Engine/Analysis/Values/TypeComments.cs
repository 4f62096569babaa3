using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// PEP 484 function type comments, the annotations of code that predates them or must stay
/// TorchScript-compatible (torchvision's detection models):
/// <code>
/// def loss(logits, targets):
///     # type: (Tensor, List[Tensor]) -> Tensor
/// </code>
/// The comment stands on the first line of the body, before any statement; its types follow the
/// parameters in order, without <c>self</c> or <c>cls</c> of a method. A comment whose types do not
/// pair with the parameters one to one (a <c>*args</c>, a count that differs) declares nothing.
/// </summary>
internal static class TypeComments
{
    private const string Marker = "# type:";

    /// <summary>
    /// The type expression the function's type comment (its argument types, <see cref="Types"/>) gives a
    /// parameter; null when there is none.
    /// </summary>
    public static PythonParser.ExpressionContext? TypeOf(PythonParser.Function_defContext function, IReadOnlyList<PythonParser.ExpressionContext> types,
        PythonParser.ParameterContext parameter)
    {
        var parameters = function.parameters()?.parameter() ?? [];
        var typed = ProgramShape.ClassOf(function) is not null && !ProgramShape.Decorators(function).Contains("staticmethod")
            ? parameters.Skip(1).ToList()
            : parameters.ToList();
        int index = typed.IndexOf(parameter);
        return index >= 0 && typed.Count == types.Count && typed.All(p => p.STAR() is null && p.DOUBLESTAR() is null && p.SLASH() is null)
            ? types[index]
            : null;
    }

    /// <summary>The argument types of the function's type comment, in order, each parsed on its own; null without one.</summary>
    public static IReadOnlyList<PythonParser.ExpressionContext>? Types(PythonParser.Function_defContext function)
    {
        if (Comment(function) is not { } comment)
        {
            return null;
        }
        int arrow = comment.LastIndexOf("->", StringComparison.Ordinal);
        var arguments = (arrow < 0 ? comment : comment[..arrow]).Trim();
        if (!arguments.StartsWith('(') || !arguments.EndsWith(')'))
        {
            return null;
        }
        var tree = PythonSyntax.Parse(SourceText.FromString($"_ = [{arguments[1..^1]}]\n"));
        if (tree.Root is null || tree.HasErrors
            || ParseTrees.Descendants<PythonParser.ListAtomContext>(tree.Root).FirstOrDefault() is not { } list
            || list.comprehension() is not null)
        {
            return null;
        }
        var items = list.Items();
        var types = items.OfType<PythonParser.ExpressionContext>().ToList();
        return types.Count == items.Count ? types : null;
    }

    /// <summary>The text after <c># type:</c> of the first comment in the body before its first statement.</summary>
    private static string? Comment(PythonParser.Function_defContext function)
    {
        var block = function.block();
        if (block.NEWLINE() is not { } newline || block.statement().FirstOrDefault() is not { } statement
            || newline.Symbol.InputStream is not { } source)
        {
            return null;
        }
        int from = newline.Symbol.StopIndex + 1, to = statement.Start.StartIndex - 1;
        if (from > to)
        {
            return null;
        }
        foreach (var line in source.GetText(Antlr4.Runtime.Misc.Interval.Of(from, to)).Split('\n'))
        {
            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }
            return text.StartsWith(Marker, StringComparison.Ordinal) ? text[Marker.Length..].Trim() : null;
        }
        return null;
    }
}
