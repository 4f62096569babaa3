using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing;

/// <summary>Navigation over ANTLR parse trees, shared by the checks and the rewriting stage; iterative, so deep trees cannot exhaust the stack.</summary>
internal static class ParseTrees
{
    /// <summary>Every node of type <typeparamref name="T"/> under <paramref name="node"/> (itself included), in source order.</summary>
    /// <remarks>
    /// Run for nearly every question the analysis and the self-check ask of a file, so its work per
    /// node is kept small (docs/performance.md, "Conversion, third round"): only rule nodes are
    /// walked into (a token has no children), through <see cref="ParserRuleContext"/>'s virtual
    /// members rather than <see cref="IParseTree"/>'s interface, the next child of each node an index
    /// on an explicit stack; a token is told by its class, and is not tested against a rule type; and
    /// where no class of the grammar derives from <typeparamref name="T"/>, a node is one when its class
    /// is <typeparamref name="T"/> (every node is made by the generated parser), compared by handle
    /// instead of the runtime's cast of a shared generic.
    /// </remarks>
    public static IEnumerable<T> Descendants<T>(IParseTree node) where T : IParseTree
    {
        if (node is not ParserRuleContext root)
        {
            if (node is T leaf)
            {
                yield return leaf;
            }
            yield break;
        }
        bool tokens = !NodeClass<T>.IsRule;
        bool byClass = NodeClass<T>.ByClass;
        var handle = NodeClass<T>.Handle;
        if (NodeClass<T>.Rule >= 0 && root.Parent is null && NodesByRule.Of(root) is { Complete: true } byRule)
        {
            // A whole tree: its nodes of T's rule, from the tree's index.
            if (StageMeter.Active is not null)
            {
                StageMeter.Count($"walk of a whole tree (indexed): {typeof(T).Name}");
            }
            foreach (var indexed in byRule.Nodes(NodeClass<T>.Rule))
            {
                if (byClass ? Type.GetTypeHandle(indexed).Equals(handle) : indexed is T)
                {
                    var found = indexed;
                    yield return Unsafe.As<ParserRuleContext, T>(ref found);
                }
            }
            yield break;
        }
        if (StageMeter.Active is not null)
        {
            StageMeter.Count($"walk of a subtree: {typeof(T).Name}");
        }
        if (root is T first)
        {
            yield return first;
        }
        var nodes = new ParserRuleContext[16];
        var next = new int[16];
        int depth = 0;
        nodes[0] = root;
        while (depth >= 0)
        {
            var current = nodes[depth];
            int index = next[depth];
            if (index >= current.ChildCount)
            {
                nodes[depth--] = null!;
                continue;
            }
            next[depth] = index + 1;
            var child = current.GetChild(index);
            var type = Type.GetTypeHandle(child);
            if (type.Equals(TokenClass) || type.Equals(TextTokenClass) || child is not ParserRuleContext rule)
            {
                if (tokens && child is T leaf)
                {
                    yield return leaf;
                }
                continue;
            }
            if (byClass ? type.Equals(handle) : rule is T)
            {
                yield return Unsafe.As<ParserRuleContext, T>(ref rule);
            }
            if (++depth == nodes.Length)
            {
                Array.Resize(ref nodes, depth * 2);
                Array.Resize(ref next, depth * 2);
            }
            nodes[depth] = rule;
            next[depth] = 0;
        }
    }

    private static readonly RuntimeTypeHandle TokenClass = typeof(PythonLeafToken).TypeHandle;

    private static readonly RuntimeTypeHandle TextTokenClass = typeof(PythonTextToken).TypeHandle;

    /// <summary>The classes of the grammar that another class of it derives from.</summary>
    private static readonly HashSet<Type> GrammarBases = typeof(PythonParser).Assembly.GetTypes()
        .Select(t => t.BaseType).OfType<Type>().ToHashSet();

    /// <summary>
    /// The rule nodes of a whole tree grouped by rule, each group in source order: built at the first
    /// walk of the tree for a rule class, so that each later walk of the whole tree (the analysis and
    /// the self-check ask dozens) visits only the nodes of the rule it looks for. A tree is not
    /// changed once parsed.
    /// </summary>
    private sealed class NodesByRule
    {
        private static readonly ConditionalWeakTable<ParserRuleContext, NodesByRule> Built = new();

        private readonly List<ParserRuleContext>?[] byRule = new List<ParserRuleContext>?[PythonParser.ruleNames.Length];

        private NodesByRule(ParserRuleContext root)
        {
            var stack = new Stack<ParserRuleContext>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                int rule = current.RuleIndex;
                if ((uint)rule >= (uint)byRule.Length)
                {
                    return; // not a node of the grammar's: walk such a tree instead
                }
                (byRule[rule] ??= new List<ParserRuleContext>()).Add(current);
                for (int i = current.ChildCount - 1; i >= 0; i--)
                {
                    var child = current.GetChild(i);
                    var type = Type.GetTypeHandle(child);
                    if (!type.Equals(TokenClass) && !type.Equals(TextTokenClass) && child is ParserRuleContext next)
                    {
                        stack.Push(next);
                    }
                }
            }
            Complete = true;
        }

        /// <summary>False when the tree holds a node of no rule of the grammar.</summary>
        public bool Complete { get; }

        public static NodesByRule Of(ParserRuleContext root) => Built.GetValue(root, r => new NodesByRule(r));

        public IReadOnlyList<ParserRuleContext> Nodes(int rule) => byRule[rule] ?? (IReadOnlyList<ParserRuleContext>)Array.Empty<ParserRuleContext>();
    }

    /// <summary>What <see cref="Descendants{T}"/> needs to know of <typeparamref name="T"/>, once per type.</summary>
    private static class NodeClass<T>
    {
        /// <summary>A rule class: no token is one.</summary>
        public static readonly bool IsRule = typeof(ParserRuleContext).IsAssignableFrom(typeof(T));

        /// <summary>A rule class of the grammar that no class of it derives from: a node is one exactly when its class is.</summary>
        public static readonly bool ByClass = IsRule && typeof(T).Assembly == typeof(PythonParser).Assembly && !GrammarBases.Contains(typeof(T));

        public static readonly RuntimeTypeHandle Handle = typeof(T).TypeHandle;

        /// <summary>The rule of the grammar whose nodes are of a rule class (its <c>RuleIndex</c> returns a constant), or -1.</summary>
        public static readonly int Rule = IsRule && !typeof(T).IsAbstract && typeof(T).Assembly == typeof(PythonParser).Assembly
            && ((ParserRuleContext)RuntimeHelpers.GetUninitializedObject(typeof(T))).RuleIndex is var rule
            && rule >= 0 && rule < PythonParser.ruleNames.Length ? rule : -1;
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

    /// <summary>
    /// A token's characters, read in place where the input is a string (<see cref="ITextCharStream"/>,
    /// nearly every file): <see cref="IToken.Text"/> makes a new string each time it is asked.
    /// </summary>
    public static ReadOnlySpan<char> TextOf(IToken token) =>
        token.GetType() == typeof(PythonLeafToken) && token.InputStream is ITextCharStream { Text: var text } && token.StopIndex < text.Length
            ? text.AsSpan(token.StartIndex, token.StopIndex - token.StartIndex + 1)
            : token.Text;

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
