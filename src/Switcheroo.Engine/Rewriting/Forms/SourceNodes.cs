using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Engine.Rewriting.Forms;

/// <summary>Finds the parse-tree node that spans exactly a range of tokens.</summary>
internal static class SourceNodes
{
    /// <summary>The outermost node spanning tokens <paramref name="first"/>..<paramref name="last"/>, or null.</summary>
    /// <remarks>
    /// Each step searches a node's children by their first token (children are in token order), so a
    /// lookup from a file's root costs the log of its statement count, not the count: a conversion asks
    /// once per converted value, and a scan would make a file of many classes quadratic.
    /// </remarks>
    public static ParserRuleContext? Find(ParserRuleContext root, int first, int last)
    {
        var node = root;
        while (true)
        {
            if (node.Start.TokenIndex == first && node.Stop?.TokenIndex == last)
            {
                return node;
            }
            if (Containing(node, first, last) is not { } next)
            {
                return null;
            }
            node = next;
        }
    }

    /// <summary>The first rule child of <paramref name="node"/> spanning <paramref name="first"/>..<paramref name="last"/>, or null.</summary>
    private static ParserRuleContext? Containing(ParserRuleContext node, int first, int last)
    {
        // The last child starting at or before 'first'; children sharing that start (an empty rule
        // node before the one that holds the tokens) are tried first to last.
        int low = 0, high = node.ChildCount - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (StartOf(node.GetChild(middle)) <= first)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        if (found < 0)
        {
            return null;
        }
        var start = StartOf(node.GetChild(found));
        while (found > 0 && StartOf(node.GetChild(found - 1)) == start)
        {
            found--;
        }
        for (; found < node.ChildCount && StartOf(node.GetChild(found)) == start; found++)
        {
            if (node.GetChild(found) is ParserRuleContext child && child.Stop is not null && child.Stop.TokenIndex >= last)
            {
                return child;
            }
        }
        return null;
    }

    private static int StartOf(IParseTree child) => child switch
    {
        ParserRuleContext rule => rule.Start.TokenIndex,
        ITerminalNode leaf => leaf.Symbol.TokenIndex,
        _ => int.MaxValue,
    };
}
