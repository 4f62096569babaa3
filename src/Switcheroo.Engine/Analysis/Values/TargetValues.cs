using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// Unpacks a value over an assignment target: <c>q, k, v = t</c> gives each name a row of the
/// tensor, <c>i, (x, y) = item</c> goes item by item into a known tuple, a starred target gets
/// a sequence. The leaves are names, attributes (<c>self.w</c>) and subscripts.
/// </summary>
internal static class TargetValues
{
    public static IEnumerable<(IParseTree Target, Value Value)> Leaves(IParseTree target, Value value)
    {
        var node = TargetNames.Unwrap(target);
        if (node is PythonParser.ParenAtomContext paren && paren.COMMA() is null && paren.FirstItem() is { } inner && paren.comprehension() is null)
        {
            return Leaves(inner, value);
        }
        if (Items(node) is not { } items)
        {
            return [(node, value)];
        }
        bool starred = items.Any(IsStarred);
        var values = starred ? null : value.Unpack(items.Count);
        return items.SelectMany((item, i) => starred
            ? Leaves(Unstarred(item), IsStarred(item) ? Value.Sequence(value.Iterate()) : value.Iterate())
            : Leaves(item, values![i]));
    }

    private static IReadOnlyList<IParseTree>? Items(IParseTree node) => node switch
    {
        PythonParser.ParenAtomContext paren when paren.COMMA() is not null && paren.FirstItem() is not null => paren.Items(),
        PythonParser.ListAtomContext list when list.comprehension() is null => list.Items(),
        PythonParser.Star_expressionsContext expressions => expressions.Items(),
        PythonParser.Target_listContext targets => targets.star_target(),
        PythonParser.Star_named_expressionsContext named => named.Items(),
        _ => null,
    };

    private static bool IsStarred(IParseTree item) => !ReferenceEquals(Unstarred(item), TargetNames.Unwrap(item));

    private static IParseTree Unstarred(IParseTree item) => TargetNames.Unwrap(item) switch
    {
        PythonParser.Star_expressionContext s => s.expr(),
        PythonParser.Star_targetContext s when s.STAR() is not null => s.expr(),
        PythonParser.Star_named_expressionContext s => s.expr(),
        var other => other,
    };
}
