using System.Runtime.InteropServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Parsing.Checks;
using Switcheroo.Grammar;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Binding;

/// <summary>
/// Walks a module once, in source order, building its scopes as CPython's symbol table assigns
/// them — defaults, annotations, decorators, bases and a comprehension's first iterable belong to
/// the enclosing scope, everything else of a function, lambda, class or comprehension to its own —
/// with every binding (<c>ScopeBuilder.Bindings.cs</c>) and the scope of every name read. The
/// walk runs once per file, while the syntax checks run (<see cref="ScopedTree"/>): it also
/// records the <see cref="Steps"/> the checks replay, so they never walk the large tree again,
/// and the syntax tree keeps the <see cref="Scopes"/> for binding.
/// </summary>
internal sealed partial class ScopeBuilder
{
    /// <summary>A cleared steps list per thread, reused by the next file's walk (<see cref="ReleaseSteps"/>).</summary>
    [ThreadStatic]
    private static List<Step>? spareSteps;

    /// <summary>Larger lists (of steps, of names read) are left to the collector rather than kept for the next file.</summary>
    private const int MaxSpareSteps = 1 << 18;

    /// <summary>A cleared list of the names read per thread, reused by the next file's walk (<see cref="NameUses"/> keeps exact copies).</summary>
    [ThreadStatic]
    private static List<(NameAtomContext, Scope)>? spareUses;

    private List<Step>? steps;
    private readonly List<Scope> scopes = new();
    private readonly List<(NameAtomContext Name, Scope Scope)> uses;
    private Scope scope = null!;
    private AnnotationRegion region;
    private IParseTree? firstIterable;

    private ScopeBuilder(File_inputContext root, bool recordSteps)
    {
        if (recordSteps)
        {
            steps = spareSteps ?? new List<Step>();
            spareSteps = null;
        }
        uses = spareUses ?? new List<(NameAtomContext, Scope)>();
        spareUses = null;
        FutureAnnotations = FutureImports.Enable(root, "annotations");
        var outside = OpenScope(ScopeKind.Module, root);
        WalkChildren(root);
        CloseScope(root, outside);
        Scopes = new FileScopes(scopes[0], scopes, new NameUses(uses));
        uses.Clear();
        if (uses.Capacity <= MaxSpareSteps)
        {
            spareUses = uses;
        }
    }

    public FileScopes Scopes { get; }

    /// <summary>Whether <c>from __future__ import annotations</c> defers the module's annotations.</summary>
    public bool FutureAnnotations { get; }

    /// <summary>The walk as the checks replay it; empty unless asked for.</summary>
    public ReadOnlySpan<Step> Steps => CollectionsMarshal.AsSpan(steps);

    /// <summary>
    /// Drops the steps once the checks are done, keeping the cleared list for the next walk on
    /// this thread: the steps of a large file were one of the largest arrays a parse allocated,
    /// grown by doubling. Clearing it keeps no node alive.
    /// </summary>
    public void ReleaseSteps()
    {
        if (steps is { } released)
        {
            steps = null;
            released.Clear();
            if (released.Capacity <= MaxSpareSteps)
            {
                spareSteps = released;
            }
        }
    }

    /// <summary>The scopes of a module, for binding alone.</summary>
    public static FileScopes Build(File_inputContext root) => new ScopeBuilder(root, recordSteps: false).Scopes;

    /// <summary>The scopes of a module and the steps of the walk, for the syntax checks.</summary>
    public static ScopeBuilder Walk(File_inputContext root) => new(root, recordSteps: true);

    /// <summary>
    /// The rules whose nodes the checks and the bindings look at. Most of a parse tree is wrappers
    /// (one rule per precedence level between a statement and each name), and leaving them out of
    /// the steps makes every replay cheaper. A check that needs another kind of node adds its rule here.
    /// </summary>
    private static readonly bool[] Recorded = ParseTrees.RuleSet(
        RULE_simple_stmt, RULE_import_stmt,
        RULE_import_targets, RULE_import_as_name, RULE_dotted_as_name, RULE_class_def, RULE_function_def, RULE_parameters,
        RULE_for_stmt, RULE_with_stmt, RULE_with_item, RULE_except_block, RULE_except_star_block, RULE_maybe_star_pattern,
        RULE_pattern, RULE_closed_pattern, RULE_pattern_argument, RULE_mapping_item, RULE_double_star_pattern, RULE_star_expressions,
        RULE_assignment_expression, RULE_yield_expr, RULE_expression, RULE_lambda_parameters, RULE_expr,
        RULE_dict_or_set, RULE_comp_for, RULE_strings, RULE_fstring_field, RULE_match_stmt, RULE_literal_pattern, RULE_try_stmt);

    /// <summary>Of the rules with many nodes, only the alternatives checks look at.</summary>
    private static bool RecordedAlternative(ParserRuleContext rule) => rule.RuleIndex switch
    {
        RULE_expr => rule is NameAtomContext or CallExprContext or AwaitExprContext or ParenAtomContext or ListAtomContext or DictOrSetAtomContext,
        RULE_expression => rule.GetType() == typeof(LambdefContext) || rule.GetType() == typeof(ConditionalContext),
        // The small statements the checks and binding read (each a labelled alternative of simple_stmt).
        RULE_simple_stmt => rule is Expression_stmtContext or Return_stmtContext or Global_stmtContext or Nonlocal_stmtContext or Del_stmtContext,
        _ => true,
    };

    private void WalkNode(IParseTree? node)
    {
        if (node is not PythonParserContext rule)
        {
            return;
        }
        // Dispatching on the rule index rather than on types: the generated context classes are
        // not sealed, so each type test walks the class hierarchy, and this runs for every node.
        int index = rule.RuleIndex;
        if (index == RULE_annotation && rule.Parent is Expression_stmtContext)
        {
            // No lambda here: a method whose lambda captures its locals allocates the closure on
            // entry, for every node, whether or not the branch runs.
            var outer = EnterAnnotation(scope.Kind == ScopeKind.Function ? AnnotationRegion.Unevaluated : AnnotationRegion.None);
            VisitAndWalk(rule, index);
            region = outer;
            return;
        }
        VisitAndWalk(rule, index);
    }

    private void VisitAndWalk(PythonParserContext rule, int index)
    {
        if (Recorded[index] && RecordedAlternative(rule))
        {
            Record(StepKind.Visit, rule);
            Bind(rule);
        }
        switch (index)
        {
            case RULE_function_def: WalkFunction((Function_defContext)rule); break;
            case RULE_class_def: WalkHeaderThenBody(rule, ((Class_defContext)rule).block(), ScopeKind.Class); break;
            case RULE_expression when rule.GetType() == typeof(LambdefContext): WalkLambda((LambdefContext)rule); break;
            case RULE_expr or RULE_argument when Comprehensions.Of(rule) is { } clauses: WalkComprehension(rule, clauses); break;
            default: WalkChildren(rule); break;
        }
    }

    private void Record(StepKind kind, ParserRuleContext node) => steps?.Add(new Step(kind, node, scope, region));

    /// <summary>Walks the children, except the comprehension iterable walked in the enclosing scope.</summary>
    /// <remarks>This runs for every rule node of the file: the children are read as the node's slots (<see cref="PythonParserContext.ChildSlots"/>), without a count and a virtual call per child.</remarks>
    private void WalkChildren(PythonParserContext node)
    {
        foreach (var child in node.ChildSlots)
        {
            if (child is null)
            {
                break;
            }
            if (child is ParserRuleContext && !ReferenceEquals(child, firstIterable))
            {
                WalkNode(child);
            }
        }
    }

    private void WalkFunction(Function_defContext function)
    {
        if (function.parameters() is { } parameters)
        {
            Record(StepKind.Visit, parameters);
            // The entries read in place: parameter() collects an array, and the walk reads the list twice (BindOpened).
            foreach (var child in parameters.ChildSlots)
            {
                if (child is null)
                {
                    break;
                }
                if (child is not ParameterContext parameter)
                {
                    continue;
                }
                Record(StepKind.Visit, parameter);
                WalkAnnotation(parameter.annotation());
                WalkAnnotation(parameter.star_annotation());
                WalkNode(parameter.expression());
            }
        }
        if (function.expression() is { } returns)
        {
            WalkAnnotation(returns);
        }
        WalkHeaderThenBody(function, function.block(), ScopeKind.Function);
    }

    private void WalkLambda(LambdefContext lambda)
    {
        if (lambda.lambda_parameters() is { } parameters)
        {
            Record(StepKind.Visit, parameters);
            foreach (var child in parameters.ChildSlots)
            {
                if (child is null)
                {
                    break;
                }
                if (child is not Lambda_parameterContext parameter)
                {
                    continue;
                }
                Record(StepKind.Visit, parameter);
                WalkNode(parameter.expression());
            }
        }
        var outer = OpenScope(ScopeKind.Lambda, lambda);
        WalkNode(lambda.expression());
        CloseScope(lambda, outer);
    }

    /// <summary>
    /// Walks a def's or class's name, type parameters and bases in the enclosing scope (a def's
    /// parameters and return annotation are walked already), then its body in a scope of its own.
    /// </summary>
    private void WalkHeaderThenBody(ParserRuleContext owner, BlockContext body, ScopeKind kind)
    {
        foreach (var child in owner.children)
        {
            if (child is NameContext or Type_paramsContext or ArgumentsContext)
            {
                WalkNode(child);
            }
        }
        var outer = OpenScope(kind, owner);
        WalkChildren(body);
        CloseScope(owner, outer);
    }

    private void WalkComprehension(PythonParserContext expression, ComprehensionContext clauses)
    {
        var iterable = Comprehensions.FirstIterable(clauses);
        WalkNode(iterable);
        var outer = firstIterable;
        firstIterable = iterable;
        var enclosing = OpenScope(ScopeKind.Comprehension, expression);
        WalkChildren(expression);
        CloseScope(expression, enclosing);
        firstIterable = outer;
    }

    /// <summary>Walks a parameter's or return annotation, evaluated where the def is, unless deferred (PEP 563).</summary>
    /// <remarks>No lambdas in this walk: a closure would be allocated for every parameter of every def.</remarks>
    private void WalkAnnotation(IParseTree? annotation)
    {
        var outer = EnterAnnotation(AnnotationRegion.None);
        WalkNode(annotation);
        region = outer;
    }

    /// <summary>Marks the region of an annotation being entered; returns the region to restore after it.</summary>
    private AnnotationRegion EnterAnnotation(AnnotationRegion kind)
    {
        var outer = region;
        region |= FutureAnnotations ? AnnotationRegion.Deferred : kind;
        return outer;
    }

    /// <summary>Opens a scope for <paramref name="node"/>; returns the enclosing one, which <see cref="CloseScope"/> restores after the walk inside.</summary>
    private Scope OpenScope(ScopeKind kind, ParserRuleContext node)
    {
        var outer = scope;
        scope = new Scope(kind, outer, node);
        scopes.Add(scope);
        Record(StepKind.Enter, node);
        BindOpened(scope);
        return outer;
    }

    private void CloseScope(ParserRuleContext node, Scope outer)
    {
        Record(StepKind.Exit, node);
        scope = outer;
    }
}
