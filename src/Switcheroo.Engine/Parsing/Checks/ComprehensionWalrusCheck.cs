using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// A walrus in a comprehension binds in the enclosing function, so it cannot appear in an
/// iterable (not even nested in one), cannot rebind an iteration variable, cannot be in a
/// comprehension in a class body, and a later <c>for</c> cannot rebind what it assigned. Every
/// violation has a walrus, so only files that write <c>:=</c> follow the walk.
/// </summary>
internal sealed class ComprehensionWalrusCheck : IWalkingCheck, IWordGuardedCheck
{
    public string[] Words { get; } = [":="];

    public ScopeWalker CreateWalker(CheckReporter report) => new Walker(report);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override AnnotationWalk Annotations => AnnotationWalk.Symbols;

        protected override void Visit(ParserRuleContext node)
        {
            if (node.RuleIndex == RULE_assignment_expression && node is Assignment_expressionContext { } walrus && walrus.name() is { } target)
            {
                CheckWalrus(walrus, ParseTrees.Identifier(target));
            }
        }

        protected override void Enter(Scope scope)
        {
            if (Comprehensions.Of(scope.Node) is { } clauses)
            {
                CheckLaterLoops(clauses);
            }
        }

        private void CheckWalrus(Assignment_expressionContext walrus, string name)
        {
            if (InIterable(walrus))
            {
                report.At(walrus, "assignment expression cannot be used in a comprehension iterable expression");
                return;
            }
            var scope = Scope;
            for (; scope.Kind == ScopeKind.Comprehension; scope = scope.Parent!)
            {
                if (IterationVariables(Comprehensions.Of(scope.Node)!, before: walrus).Contains(name))
                {
                    report.At(walrus, $"assignment expression cannot rebind comprehension iteration variable '{name}'");
                    return;
                }
            }
            if (scope.Kind == ScopeKind.Class && Scope.Kind == ScopeKind.Comprehension)
            {
                report.At(walrus, "assignment expression within a comprehension cannot be used in a class body");
            }
        }

        /// <summary>A <c>for</c> rebinding a name a walrus in an earlier clause's condition assigned.</summary>
        private void CheckLaterLoops(ComprehensionContext clauses)
        {
            var assigned = new HashSet<string>(StringComparer.Ordinal);
            foreach (var clause in clauses.comp_for())
            {
                foreach (var target in Names(clause.target_list()).Where(target => assigned.Contains(ParseTrees.Identifier(target.Node))))
                {
                    report.At(target.Node, $"comprehension inner loop cannot rebind assignment expression target '{ParseTrees.Identifier(target.Node)}'");
                }
                foreach (var condition in clause.expression().Skip(1))
                {
                    assigned.UnionWith(OwnWalruses(condition));
                }
            }
        }

        /// <summary>Walrus targets in a condition, leaving out nested comprehensions and lambdas: they bind elsewhere.</summary>
        private static IEnumerable<string> OwnWalruses(IParseTree node)
        {
            if (node is Assignment_expressionContext { } walrus && walrus.name() is { } target)
            {
                yield return ParseTrees.Identifier(target);
            }
            if (node is LambdefContext || (node is ParserRuleContext rule && Comprehensions.Of(rule) is not null))
            {
                yield break;
            }
            for (int i = 0; i < node.ChildCount; i++)
            {
                foreach (var name in OwnWalruses(node.GetChild(i)))
                {
                    yield return name;
                }
            }
        }

        /// <summary>
        /// The iteration variables CPython has met when it meets the walrus: it reads the clauses
        /// before the element, so those of clauses before the walrus, and all of them for the element.
        /// </summary>
        private static HashSet<string> IterationVariables(ComprehensionContext clauses, ParserRuleContext before)
        {
            return clauses.comp_for()
                .Where(clause => clause.Start.TokenIndex < before.Start.TokenIndex || before.Start.TokenIndex < clauses.Start.TokenIndex)
                .SelectMany(clause => Names(clause.target_list()))
                .Select(name => ParseTrees.Identifier(name.Node))
                .ToHashSet(StringComparer.Ordinal);
        }

        private static IEnumerable<Expr> Names(Target_listContext targets) =>
            Targets.Stores(Expr.Of(targets)).Where(store => store.Kind == ExprKind.Name);

        /// <summary>Whether the node is inside the iterable of some comprehension <c>for</c>, however deep.</summary>
        private static bool InIterable(ParserRuleContext node)
        {
            for (IParseTree current = node; current.Parent is { } parent; current = parent)
            {
                if (parent is Comp_forContext clause && ReferenceEquals(clause.expression(0), current))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
