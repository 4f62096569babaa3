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
        if (NodeClass<T>.Rule >= 0 && IndexSubtrees && IsLarge(root) && Root(root) is var top && NodesByRule.Of(top) is { Complete: true } treeIndex
            && treeIndex.Span(root) is (int first, int last))
        {
            // A large subtree of a whole tree: the tree's nodes of T's rule between the subtree's first and last node.
            if (StageMeter.Active is not null)
            {
                StageMeter.Count($"walk of a subtree (indexed): {typeof(T).Name}");
            }
            var (ofRule, order) = treeIndex.Ordered(NodeClass<T>.Rule);
            for (int i = LowerBound(order, first); i < order.Count && order[i] <= last; i++)
            {
                var indexed = ofRule[i];
                if (byClass ? Type.GetTypeHandle(indexed).Equals(handle) : indexed is T)
                {
                    yield return Unsafe.As<ParserRuleContext, T>(ref indexed);
                }
            }
            yield break;
        }
        if (StageMeter.Active is not null)
        {
            StageMeter.Count($"walk of a subtree: {typeof(T).Name}");
        }
        if (root is T self)
        {
            yield return self;
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

    /// <summary>Whether large subtrees are looked up in their tree's index (always, but in the bench's comparison with walking them).</summary>
    internal static bool IndexSubtrees { get; set; } = true;

    /// <summary>Whether a subtree spans enough tokens that finding its nodes of a rule in the tree's index beats walking it.</summary>
    private static bool IsLarge(ParserRuleContext node) =>
        node.Start is { } start && node.Stop is { } stop && stop.TokenIndex - start.TokenIndex >= LargeSubtreeTokens;

    /// <summary>Tokens (hidden ones included) from which a subtree is looked up in its tree's index rather than walked.</summary>
    private const int LargeSubtreeTokens = 32;

    private static ParserRuleContext Root(ParserRuleContext node)
    {
        while (node.Parent is ParserRuleContext parent)
        {
            node = parent;
        }
        return node;
    }

    /// <summary>The first index of <paramref name="sorted"/> whose value is at least <paramref name="value"/>.</summary>
    private static int LowerBound(List<int> sorted, int value)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>
    /// The rule nodes of a whole tree grouped by rule, each group in source order (the walk's order:
    /// a node before its children), with each node's place in that order over all rule nodes and the
    /// place of the last node of its subtree: built at the first walk of the tree for a rule class, so
    /// that each later walk of the whole tree (the analysis and the self-check ask dozens) visits only
    /// the nodes of the rule it looks for, and a walk of a large subtree only those of its places
    /// (docs/performance.md, "Conversion, fifth round"). A tree is not changed once parsed.
    /// </summary>
    private sealed class NodesByRule
    {
        private static readonly ConditionalWeakTable<ParserRuleContext, NodesByRule> Built = new();

        private readonly List<ParserRuleContext>?[] byRule = new List<ParserRuleContext>?[PythonParser.ruleNames.Length];

        /// <summary>Each node's place in the walk's order, beside <see cref="byRule"/>.</summary>
        private readonly List<int>?[] places = new List<int>?[PythonParser.ruleNames.Length];

        /// <summary>The place of the last node of each node's subtree, beside <see cref="byRule"/>.</summary>
        private readonly List<int>?[] lasts = new List<int>?[PythonParser.ruleNames.Length];

        private NodesByRule(ParserRuleContext root)
        {
            var stack = new Stack<ParserRuleContext>();
            // The nodes whose subtree is still being walked: the stack's height once each was popped, and where its last place goes.
            var open = new Stack<(int Height, List<int> Lasts, int At)>();
            int place = 0;
            stack.Push(root);
            while (stack.Count > 0)
            {
                Close(open, stack.Count, place);
                var current = stack.Pop();
                int rule = current.RuleIndex;
                if ((uint)rule >= (uint)byRule.Length)
                {
                    return; // not a node of the grammar's: walk such a tree instead
                }
                (byRule[rule] ??= new List<ParserRuleContext>()).Add(current);
                (places[rule] ??= new List<int>()).Add(place++);
                var ruleLasts = lasts[rule] ??= new List<int>();
                ruleLasts.Add(-1);
                open.Push((stack.Count, ruleLasts, ruleLasts.Count - 1));
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
            Close(open, 0, place);
            Complete = true;
        }

        /// <summary>Ends the subtrees of the open nodes none of whose descendants is left on a stack of <paramref name="height"/>.</summary>
        private static void Close(Stack<(int Height, List<int> Lasts, int At)> open, int height, int place)
        {
            while (open.Count > 0 && open.Peek().Height >= height)
            {
                var (_, nodeLasts, at) = open.Pop();
                nodeLasts[at] = place - 1;
            }
        }

        /// <summary>False when the tree holds a node of no rule of the grammar.</summary>
        public bool Complete { get; }

        public static NodesByRule Of(ParserRuleContext root) => Built.GetValue(root, r => new NodesByRule(r));

        public IReadOnlyList<ParserRuleContext> Nodes(int rule) => byRule[rule] ?? (IReadOnlyList<ParserRuleContext>)Array.Empty<ParserRuleContext>();

        /// <summary>A rule's nodes with their places, in the walk's order.</summary>
        public (IReadOnlyList<ParserRuleContext> Nodes, List<int> Places) Ordered(int rule) =>
            byRule[rule] is { } nodes ? (nodes, places[rule]!) : (Array.Empty<ParserRuleContext>(), NoPlaces);

        private static readonly List<int> NoPlaces = new();

        /// <summary>
        /// The places of a node of this tree and of the last node of its subtree; null when it is not found.
        /// A rule's nodes are in the walk's order, so in the order of their first tokens: the node is among
        /// those that start where it starts.
        /// </summary>
        public (int First, int Last)? Span(ParserRuleContext node)
        {
            if ((uint)node.RuleIndex >= (uint)byRule.Length || byRule[node.RuleIndex] is not { } nodes || node.Start is not { } start)
            {
                return null;
            }
            int low = 0, high = nodes.Count;
            while (low < high)
            {
                int middle = (low + high) >>> 1;
                if ((nodes[middle].Start?.TokenIndex ?? -1) < start.TokenIndex)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }
            for (int i = low; i < nodes.Count && nodes[i].Start?.TokenIndex == start.TokenIndex; i++)
            {
                if (ReferenceEquals(nodes[i], node))
                {
                    return (places[node.RuleIndex]![i], lasts[node.RuleIndex]![i]);
                }
            }
            return null;
        }
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
