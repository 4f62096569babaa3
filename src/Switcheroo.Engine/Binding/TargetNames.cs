using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Binding;

/// <summary>
/// The names an assignment target binds: a bare name, or the names inside tuple and list
/// displays and starred targets. Attributes and subscripts bind nothing (they mutate objects).
/// </summary>
internal static class TargetNames
{
    /// <summary>The names bound, each a <c>NameAtomContext</c> (a name in an expression holds its token).</summary>
    public static IEnumerable<ParserRuleContext> Of(IParseTree target) => Whole(target).OfType<PythonParser.NameAtomContext>();

    /// <summary>
    /// Every whole target inside an assignment target, unwrapped: a name, an attribute, a subscript
    /// (or whatever else an invalid target holds), through tuple and list displays and starred targets.
    /// </summary>
    public static IEnumerable<IParseTree> Whole(IParseTree target)
    {
        var node = Unwrap(target);
        switch (node)
        {
            case PythonParser.ParenAtomContext or PythonParser.ListAtomContext
                or PythonParser.Star_expressionsContext or PythonParser.Target_listContext
                or PythonParser.Star_named_expressionsContext:
                foreach (var child in Elements((ParserRuleContext)node))
                {
                    foreach (var whole in Whole(child))
                    {
                        yield return whole;
                    }
                }
                break;
            case PythonParser.Star_expressionContext or PythonParser.Star_named_expressionContext or PythonParser.Star_targetContext:
                foreach (var whole in Whole(((ParserRuleContext)node).GetRuleContext<PythonParser.ExprContext>(0)))
                {
                    yield return whole;
                }
                break;
            default:
                yield return node;
                break;
        }
    }

    /// <summary>Goes down single-child chains (expression → disjunction → ... → atom) to the node that matters.</summary>
    public static IParseTree Unwrap(IParseTree node)
    {
        while (node.ChildCount == 1 && node is not (PythonParser.NameAtomContext or ITerminalNode))
        {
            node = node.GetChild(0);
        }
        return node;
    }

    /// <summary>The items of a comma-separated target or value list (<c>x, y</c>); one item when there is no comma.</summary>
    public static IReadOnlyList<IParseTree> Items(IParseTree node)
    {
        var list = Unwrap(node);
        return list is PythonParser.Star_expressionsContext or PythonParser.Star_named_expressionsContext
            ? Elements((ParserRuleContext)list).ToList()
            : [list];
    }

    private static IEnumerable<IParseTree> Elements(ParserRuleContext node) =>
        node.children?.Where(c => c is ParserRuleContext and not PythonParser.ComprehensionContext) ?? Enumerable.Empty<IParseTree>();
}
