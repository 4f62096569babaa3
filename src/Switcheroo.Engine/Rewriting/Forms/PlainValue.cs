using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Forms;

/// <summary>A value that may be written twice without being computed twice: a name, an attribute of one, a literal.</summary>
internal static class PlainValue
{
    public static bool Is(IReadOnlyList<TextPart> value, ConversionContext context) => SourceValue.Of(value, context) switch
    {
        SourceValue.Int { Literal: not null } or SourceValue.Text => true,
        { Node: PyLiteral or PyName } => true,
        { Node: PySource { Parts: [TextPart.Source source] } } =>
            SourceNodes.Find(context.Tree.Root!, source.First, source.Last) is { } node && IsNameChain(node),
        { Node: PySource { Parts: [TextPart.Literal literal] } } => System.Text.RegularExpressions.Regex.IsMatch(literal.Text.Trim(), @"^[\w.\uE000\uE001]+$"),
        _ => false,
    };

    private static bool IsNameChain(Antlr4.Runtime.Tree.IParseTree node)
    {
        var inner = SyntaxShapes.AtomOf(node);
        return inner switch
        {
            PythonParser.NameAtomContext or PythonParser.NumberAtomContext or PythonParser.ConstantAtomContext => true,
            PythonParser.AttributeExprContext attribute => IsNameChain(attribute.expr()),
            _ => false,
        };
    }
}
