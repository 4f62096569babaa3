using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The walk of a module that the checks share: <see cref="ScopeBuilder"/>'s steps, in source
/// order with the scope of each node, and the scopes it built (the ones binding uses). The checks
/// replay the steps (<see cref="ScopeWalker"/>) or filter their nodes by type, rather than each
/// walking the large tree again. Built once per tree while the checks run; the steps are then
/// released, and the scopes go on with the syntax tree.
/// </summary>
internal sealed class ScopedTree
{
    private static readonly ConditionalWeakTable<File_inputContext, ScopedTree> Built = new();

    private readonly ScopeBuilder walk;

    private ScopedTree(File_inputContext root)
    {
        walk = ScopeBuilder.Walk(root);
    }

    public bool FutureAnnotations => walk.FutureAnnotations;

    public IReadOnlyList<Step> Steps => walk.Steps;

    public FileScopes Scopes => walk.Scopes;

    public static ScopedTree Of(File_inputContext root) => Built.GetValue(root, tree => new ScopedTree(tree));

    /// <summary>Forgets the walk of a tree, which the parse tree would otherwise keep alive.</summary>
    public static void Release(File_inputContext root)
    {
        if (Built.TryGetValue(root, out var tree))
        {
            tree.walk.ReleaseSteps();
            Built.Remove(root);
        }
    }

    /// <summary>Every recorded rule node of type <typeparamref name="T"/>, annotations included.</summary>
    public IEnumerable<T> Nodes<T>() where T : ParserRuleContext
    {
        foreach (var step in walk.Steps)
        {
            if (step.Kind == StepKind.Visit && step.Node is T node)
            {
                yield return node;
            }
        }
    }
}
