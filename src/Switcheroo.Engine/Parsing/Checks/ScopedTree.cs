using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The walk of a module that the checks share: <see cref="ScopeBuilder"/>'s steps, in source
/// order with the scope of each node, and the scopes it built (the ones binding uses). The checks
/// replay the steps (<see cref="ScopeWalker"/>) or read the nodes of the rules they look at from
/// an index (<see cref="Nodes{T}(int)"/>), rather than each walking the large tree again. Built
/// once per tree while the checks run; the steps and the index are then released, and the scopes
/// go on with the syntax tree.
/// </summary>
internal sealed class ScopedTree
{
    private static readonly ConditionalWeakTable<File_inputContext, ScopedTree> Built = new();

    private readonly ScopeBuilder walk;
    private NodeIndex? index;

    private ScopedTree(File_inputContext root)
    {
        walk = ScopeBuilder.Walk(root);
        index = NodeIndex.Of(walk.Steps);
    }

    public bool FutureAnnotations => walk.FutureAnnotations;

    public ReadOnlySpan<Step> Steps => walk.Steps;

    public FileScopes Scopes => walk.Scopes;

    public static ScopedTree Of(File_inputContext root) => Built.GetValue(root, tree => new ScopedTree(tree));

    /// <summary>Forgets the walk of a tree, which the parse tree would otherwise keep alive.</summary>
    public static void Release(File_inputContext root)
    {
        if (Built.TryGetValue(root, out var tree))
        {
            tree.walk.ReleaseSteps();
            tree.index?.Release();
            tree.index = null;
            Built.Remove(root);
        }
    }

    /// <summary>
    /// Every recorded node of a rule (<c>RULE_...</c>) or of a labelled alternative
    /// (<see cref="NodeIndex.CallExpressions"/>, ...), annotations included, in source order. The
    /// rule must be one the index keeps (<see cref="NodeIndex"/>).
    /// </summary>
    public Indexed<T> Nodes<T>(int rule) where T : ParserRuleContext => new(index!.Of(rule));

    /// <summary>The nodes of one rule, read as the context type the rule's nodes have.</summary>
    internal readonly struct Indexed<T>(List<ParserRuleContext> nodes) where T : ParserRuleContext
    {
        public int Count => nodes.Count;

        public Enumerator GetEnumerator() => new(nodes);

        public struct Enumerator(List<ParserRuleContext> nodes)
        {
            private int next = -1;

            public readonly T Current => (T)nodes[next];

            public bool MoveNext() => ++next < nodes.Count;
        }
    }
}

/// <summary>
/// The nodes of the rules the checks look for, bucketed in one pass over the steps: each check
/// used to scan every step with a type test per node (for a file without <c>match</c>, the
/// pattern checks scanned all of it to find nothing). A labelled alternative has a bucket of its
/// own. The lists are kept per thread and reused by the next file, like the steps.
/// </summary>
internal sealed class NodeIndex
{
    public const int CallExpressions = -1;
    public const int ParenAtoms = -2;
    public const int ListAtoms = -3;
    public const int FromImports = -4;
    public const int Lambdas = -5;
    public const int ExpressionStatements = -6;
    public const int DelStatements = -7;
    public const int GlobalStatements = -8;
    public const int NonlocalStatements = -9;
    private const int Alternatives = 9;

    private static readonly int RuleCount = ruleNames.Length;

    /// <summary>The rules kept whole; a check that asks for another rule adds it here.</summary>
    private static readonly bool[] Kept = ParseTrees.RuleSet(
        RULE_try_stmt, RULE_match_stmt,
        RULE_for_stmt, RULE_with_item, RULE_comp_for, RULE_class_def, RULE_function_def,
        RULE_parameters, RULE_lambda_parameters, RULE_dict_or_set, RULE_strings, RULE_fstring_field,
        RULE_literal_pattern, RULE_pattern);

    [ThreadStatic]
    private static NodeIndex? spare;

    private readonly List<ParserRuleContext>?[] buckets = new List<ParserRuleContext>?[RuleCount + Alternatives];

    public static NodeIndex Of(ReadOnlySpan<Step> steps)
    {
        var index = spare ?? new NodeIndex();
        spare = null;
        foreach (ref readonly var step in steps)
        {
            if (step.Kind != StepKind.Visit)
            {
                continue;
            }
            var node = step.Node;
            int rule = node.RuleIndex;
            // Exact types: the generated classes are not sealed, so `is` would walk the hierarchy.
            int key = rule switch
            {
                RULE_expr => node.GetType() == typeof(CallExprContext) ? CallExpressions
                    : node.GetType() == typeof(ParenAtomContext) ? ParenAtoms : node.GetType() == typeof(ListAtomContext) ? ListAtoms : 0,
                RULE_import_stmt => node.GetType() == typeof(ImportFromContext) ? FromImports : 0,
                RULE_expression => node.GetType() == typeof(LambdefContext) ? Lambdas : 0,
                RULE_simple_stmt => node.GetType() == typeof(Expression_stmtContext) ? ExpressionStatements
                    : node.GetType() == typeof(Del_stmtContext) ? DelStatements
                    : node.GetType() == typeof(Global_stmtContext) ? GlobalStatements
                    : node.GetType() == typeof(Nonlocal_stmtContext) ? NonlocalStatements : 0,
                _ => Kept[rule] ? rule : 0,
            };
            if (key != 0)
            {
                index.Bucket(key).Add(node);
            }
        }
        return index;
    }

    /// <summary>The nodes of a kept rule or alternative; empty when the file has none.</summary>
    public List<ParserRuleContext> Of(int rule)
    {
        if (rule >= 0 && !Kept[rule])
        {
            throw new ArgumentException($"rule {ruleNames[rule]} is not indexed: add it to {nameof(NodeIndex)}.{nameof(Kept)}", nameof(rule));
        }
        return Bucket(rule);
    }

    /// <summary>Clears the buckets (keeping no node alive) and keeps them for the next file on this thread.</summary>
    public void Release()
    {
        foreach (var bucket in buckets)
        {
            bucket?.Clear();
        }
        spare = this;
    }

    private List<ParserRuleContext> Bucket(int key) => buckets[key >= 0 ? key : RuleCount - key - 1] ??= new List<ParserRuleContext>();
}
