using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>Which annotations a walk enters, after the stage of CPython the check stands for.</summary>
internal enum AnnotationWalk
{
    /// <summary>Every annotation, in the scope that evaluates it.</summary>
    All,

    /// <summary>As the symbol table: deferred annotations (PEP 563) are a scope of their own and are left out.</summary>
    Symbols,

    /// <summary>As the code generator: only annotations that are compiled (not deferred, not a local variable's).</summary>
    Compiled,
}

/// <summary>
/// Walks a module in source order knowing the scope of each node (see <see cref="ScopedTree"/>).
/// Checks override <see cref="Visit"/> (called for every rule node before its children) and the
/// scope hooks, and say which annotations they see.
/// </summary>
internal abstract class ScopeWalker
{
    protected Scope Scope { get; private set; } = null!;

    protected bool FutureAnnotations { get; private set; }

    /// <summary>The kind of annotation the current node is in, if any.</summary>
    protected AnnotationRegion Region { get; private set; }

    protected virtual AnnotationWalk Annotations => AnnotationWalk.All;

    /// <summary>The annotation regions this walker does not see (<see cref="Annotations"/>).</summary>
    private AnnotationRegion skipped;

    public void Walk(File_inputContext root) => WalkAll(root, [this]);

    /// <summary>
    /// Replays the shared walk once for several walkers, each step to every walker that sees it:
    /// the steps are read once rather than once per check.
    /// </summary>
    public static void WalkAll(File_inputContext root, ReadOnlySpan<ScopeWalker> walkers)
    {
        var tree = ScopedTree.Of(root);
        foreach (var walker in walkers)
        {
            walker.FutureAnnotations = tree.FutureAnnotations;
            walker.skipped = walker.Annotations switch
            {
                AnnotationWalk.Symbols => AnnotationRegion.Deferred,
                AnnotationWalk.Compiled => AnnotationRegion.Deferred | AnnotationRegion.Unevaluated,
                _ => AnnotationRegion.None,
            };
        }
        foreach (ref readonly var step in tree.Steps)
        {
            foreach (var walker in walkers)
            {
                if ((step.Region & walker.skipped) == 0)
                {
                    walker.Replay(step);
                }
            }
        }
    }

    protected virtual void Visit(ParserRuleContext node)
    {
    }

    protected virtual void Enter(Scope scope)
    {
    }

    protected virtual void Exit(Scope scope)
    {
    }

    private void Replay(in Step step)
    {
        Scope = step.Scope;
        Region = step.Region;
        switch (step.Kind)
        {
            case StepKind.Enter:
                Enter(step.Scope);
                break;
            case StepKind.Visit:
                Visit(step.Node);
                break;
            case StepKind.Exit:
                Exit(step.Scope);
                Scope = step.Scope.Parent!;
                break;
        }
    }
}
