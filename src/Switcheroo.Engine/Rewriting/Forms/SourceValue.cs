using System.Text.RegularExpressions;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Forms;

/// <summary>
/// What the parse tree says about a value given to a size argument: an int (a literal, a name
/// <see cref="IntNames"/> knows, or <c>+ - * // %</c> of those), a tuple or list display and its
/// items, a string literal, or unknown. Parentheses without a comma are only grouping:
/// <c>(k)</c> is <c>k</c>, not a tuple.
/// </summary>
internal abstract partial record SourceValue(Py Node)
{
    public sealed record Int(Py Node, string? Literal) : SourceValue(Node);

    public sealed record Sequence(Py Node, IReadOnlyList<SourceValue> Items) : SourceValue(Node);

    public sealed record Text(Py Node, string Value) : SourceValue(Node);

    public sealed record Unknown(Py Node) : SourceValue(Node);

    [GeneratedRegex(@"^(0|[1-9](_?\d)*|0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+)$")]
    private static partial Regex IntToken();

    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex IntText();

    [GeneratedRegex(@"^[A-Za-z_\uE000][\w.\uE000\uE001]*$|^\d[\w.]*$|^'[^'\\]*'$|^""[^""\\]*""$")]
    private static partial Regex AtomText();

    public static bool IsIntLiteral(IParseTree node) => node is PythonParser.NumberAtomContext number && IntToken().IsMatch(number.GetText());

    /// <summary>Classifies a value made of text parts: one source node is read from the tree; map text (a default) by its text.</summary>
    public static SourceValue Of(IReadOnlyList<TextPart> parts, ConversionContext context)
    {
        parts = parts.Where(p => p is not TextPart.Literal { Text.Length: 0 }).ToList();
        if (parts.Count == 1 && parts[0] is TextPart.Source source && SourceNodes.Find(context.Tree.Root!, source.First, source.Last) is { } node)
        {
            return Of(node, context);
        }
        if (parts.Count == 1 && parts[0] is TextPart.Literal literal)
        {
            var text = literal.Text.Trim();
            if (IntText().IsMatch(text))
            {
                return new Int(new PyLiteral(text), text);
            }
            if (text.Length >= 2 && (text[0] is '\'' or '"') && text[^1] == text[0] && AtomText().IsMatch(text))
            {
                return new Text(new PyLiteral(text), text[1..^1]);
            }
            return new Unknown(new PySource(parts.ToArray(), PyPrecedence.OfText(text)));
        }
        // Parts built by a hook: judged by their text as written in the source (edits inside
        // embedded nodes convert calls to calls, which keeps the precedence).
        var written = string.Concat(parts.Select(p => p switch
        {
            TextPart.Literal l => l.Text,
            TextPart.Source s => context.Text(s),
            _ => "",
        }));
        return new Unknown(new PySource(parts.ToArray(), PyPrecedence.OfText(written.Trim())));
    }

    public static SourceValue Of(ParserRuleContext node, ConversionContext context)
    {
        var inner = Ungrouped(node);
        var embedded = new PySource([TextPart.Of(inner)], PyPrecedence.Of(inner));
        switch (inner)
        {
            case PythonParser.NumberAtomContext number when IsIntLiteral(number):
                return new Int(embedded, number.GetText());
            case PythonParser.StringAtomContext text when text.strings().ChildCount == 1 && AtomText().IsMatch(text.GetText()):
                return new Text(embedded, text.GetText()[1..^1]);
            case PythonParser.NameAtomContext name when IntNames.IsInt(name, context.Model):
                return new Int(embedded, null);
            case PythonParser.UnaryExprContext { op.Type: PythonParser.MINUS or PythonParser.PLUS } unary when Of(unary.expr(), context) is Int operand:
                return new Int(embedded, operand.Literal is { } l ? unary.op.Text.Replace("+", "") + l : null);
            case PythonParser.BinaryExprContext binary when binary.op.Type is PythonParser.PLUS or PythonParser.MINUS or PythonParser.STAR
                    or PythonParser.DOUBLESLASH or PythonParser.PERCENT
                    && Of(binary.expr(0), context) is Int && Of(binary.expr(1), context) is Int:
                return new Int(embedded, null);
            case PythonParser.ParenAtomContext tuple when tuple.COMMA() is not null || (tuple.FirstItem() is null && tuple.yield_expr() is null):
                return new Sequence(embedded, ItemsOf(tuple.Items(), context));
            case PythonParser.ListAtomContext list when list.comprehension() is null:
                return new Sequence(embedded, ItemsOf(list.Items(), context));
            default:
                return new Unknown(embedded);
        }
    }

    /// <summary>The node inside single-child chains and grouping parentheses: <c>((k))</c> → <c>k</c>.</summary>
    private static ParserRuleContext Ungrouped(ParserRuleContext node)
    {
        while (true)
        {
            if (node is PythonParser.ParenAtomContext group && group.COMMA() is null && group.comprehension() is null
                && group.FirstItem() is { } only and not PythonParser.Star_named_expressionContext)
            {
                node = only;
                continue;
            }
            if (node is not PythonParser.IAtom && node.ChildCount == 1 && node.GetChild(0) is ParserRuleContext child)
            {
                node = child;
                continue;
            }
            return node;
        }
    }

    private static IReadOnlyList<SourceValue> ItemsOf(IReadOnlyList<ParserRuleContext> items, ConversionContext context) =>
        items.Select(n => n is PythonParser.Star_named_expressionContext
            ? new Unknown(new PySource([TextPart.Of(n)], PyPrecedence.Walrus))
            : Of(n, context)).ToList();
}
