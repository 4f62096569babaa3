using Antlr4.Runtime.Tree;

namespace Switcheroo.Engine.Rewriting;

/// <summary>Pre-order traversal without recursion, so deep trees cannot exhaust the stack.</summary>
internal static class TreeWalk
{
    public static IEnumerable<T> Descendants<T>(IParseTree node) where T : IParseTree
    {
        var stack = new Stack<IParseTree>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is T match)
            {
                yield return match;
            }
            for (int i = current.ChildCount - 1; i >= 0; i--)
            {
                stack.Push(current.GetChild(i));
            }
        }
    }
}
