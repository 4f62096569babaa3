using Antlr4.Runtime;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Engine.Parsing;

/// <summary>Navigation over ANTLR parse trees, shared by the checks and the rewriting stage; iterative, so deep trees cannot exhaust the stack.</summary>
internal static class ParseTrees
{
    /// <summary>Every node of type <typeparamref name="T"/> under <paramref name="node"/> (itself included), in source order.</summary>
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

    public static IToken FirstToken(IParseTree node) => node switch
    {
        ParserRuleContext rule => rule.Start,
        ITerminalNode terminal => terminal.Symbol,
        _ => throw new ArgumentException($"not a parse tree node: {node.GetType().Name}", nameof(node)),
    };

    /// <summary>The text of a name (a NameAtom, a NameContext): its single token's, without building a string from the subtree.</summary>
    public static string Identifier(ParserRuleContext name)
    {
        IParseTree node = name;
        while (node is not ITerminalNode && node.ChildCount == 1)
        {
            node = node.GetChild(0);
        }
        return node is ITerminalNode token ? token.Symbol.Text : node.GetText();
    }

    public static bool IsInside<T>(IParseTree node) where T : IParseTree
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is T)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The token right after a node. Statements keep their NEWLINE and the file its EOF in the
    /// tree, so every node but the root has one.
    /// </summary>
    public static ITerminalNode? NextTerminal(IParseTree node)
    {
        for (var current = node; current.Parent is { } parent; current = parent)
        {
            bool after = false;
            for (int i = 0; i < parent.ChildCount; i++)
            {
                var child = parent.GetChild(i);
                if (after && FirstTerminal(child) is { } next)
                {
                    return next;
                }
                after |= ReferenceEquals(child, current);
            }
        }
        return null;
    }

    private static ITerminalNode? FirstTerminal(IParseTree node)
    {
        if (node is ITerminalNode terminal)
        {
            return terminal;
        }
        for (int i = 0; i < node.ChildCount; i++)
        {
            if (FirstTerminal(node.GetChild(i)) is { } first)
            {
                return first;
            }
        }
        return null;
    }

    /// <summary>
    /// A set of grammar rules as a table by rule index: dispatch on <see cref="RuleContext.RuleIndex"/>
    /// instead of type tests, which walk the class hierarchy (the generated context classes are not sealed).
    /// </summary>
    public static bool[] RuleSet(params int[] rules)
    {
        var set = new bool[Grammar.PythonParser.ruleNames.Length];
        foreach (var rule in rules)
        {
            set[rule] = true;
        }
        return set;
    }
}
