using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// Where the parser rejects <c>*</c> and <c>**</c> unpacking: in parentheses without a comma
/// (<c>(*a)</c>), as a comprehension's element (<c>[*a for a in b]</c>, <c>{**d for d in e}</c>), and
/// alone in an f-string field. (Unpacking the compiler rejects is <see cref="StarredExpressionCheck"/>'s.)
/// </summary>
internal sealed class UnpackingPlacementCheck : ISyntaxCheck
{
    private const string Grouped = "cannot use starred expression here";
    private const string InComprehension = "iterable unpacking cannot be used in comprehension";

    public void Check(File_inputContext root, CheckReporter report)
    {
        // By kind of node rather than in source order: the first error by position is the one reported.
        var tree = ScopedTree.Of(root);
        Check(tree.Nodes<ParserRuleContext>(NodeIndex.ParenAtoms), report);
        Check(tree.Nodes<ParserRuleContext>(NodeIndex.ListAtoms), report);
        Check(tree.Nodes<ParserRuleContext>(RULE_dict_or_set), report);
        Check(tree.Nodes<ParserRuleContext>(RULE_fstring_field), report);
    }

    private static void Check(ScopedTree.Indexed<ParserRuleContext> nodes, CheckReporter report)
    {
        foreach (var node in nodes)
        {
            if (Misplaced(node) is var (at, message))
            {
                report.At(at, message);
            }
        }
    }

    private static (IParseTree At, string Message)? Misplaced(IParseTree node) => node switch
    {
        ParenAtomContext paren when paren.FirstItem() is Star_named_expressionContext star =>
            paren.comprehension() is not null ? (star, InComprehension) : paren.COMMA() is null ? (star, Grouped) : null,
        ListAtomContext list when list.comprehension() is not null && list.FirstItem() is Star_named_expressionContext star =>
            (star, InComprehension),
        Dict_or_setContext { } content when content.STAR() is not null && content.set_tail().comprehension() is not null =>
            (content, InComprehension),
        Dict_or_setContext { } content when content.DOUBLESTAR() is not null && content.dict_tail().comprehension() is not null =>
            (content, "dict unpacking cannot be used in dict comprehension"),
        Fstring_fieldContext { } field when field.star_expressions() is { } values && values.COMMA().Length == 0
            && values.Items()[0] is Star_expressionContext => (values, Grouped),
        _ => null,
    };
}
