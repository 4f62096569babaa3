using Antlr4.Runtime;

namespace Switcheroo.Engine.Rewriting.Forms;

/// <summary>Finds the parse-tree node that spans exactly a range of tokens.</summary>
internal static class SourceNodes
{
    /// <summary>The outermost node spanning tokens <paramref name="first"/>..<paramref name="last"/>, or null.</summary>
    public static ParserRuleContext? Find(ParserRuleContext root, int first, int last)
    {
        var node = root;
        while (true)
        {
            if (node.Start.TokenIndex == first && node.Stop?.TokenIndex == last)
            {
                return node;
            }
            var next = node.children?.OfType<ParserRuleContext>()
                .FirstOrDefault(c => c.Start.TokenIndex <= first && c.Stop is not null && c.Stop.TokenIndex >= last);
            if (next is null)
            {
                return null;
            }
            node = next;
        }
    }
}
