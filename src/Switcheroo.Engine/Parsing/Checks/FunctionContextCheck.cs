using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// What only functions may hold: <c>return</c> and <c>yield</c> need a function (a lambda will do
/// for <c>yield</c>); <c>await</c>, <c>async for</c>, <c>async with</c> and asynchronous list, set
/// and dict comprehensions need an <c>async def</c> (generator expressions and comprehensions
/// nested in comprehensions may be asynchronous anywhere); an async generator cannot
/// <c>return</c> a value nor <c>yield from</c>.
/// </summary>
internal sealed class FunctionContextCheck : IWalkingCheck
{
    public ScopeWalker CreateWalker(CheckReporter report) => new Walker(report);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        private readonly HashSet<Scope> generators = new();
        private readonly Dictionary<Scope, Return_stmtContext> valueReturns = new();
        private readonly HashSet<Scope> asynchronous = new();

        protected override AnnotationWalk Annotations => AnnotationWalk.Compiled;

        /// <remarks>By rule index: the generated context classes are not sealed, so a type test walks the class hierarchy.</remarks>
        protected override void Visit(ParserRuleContext node)
        {
            switch (node.RuleIndex)
            {
                case RULE_simple_stmt when node is Return_stmtContext statement: Return(statement); break;
                case RULE_yield_expr: Yield((Yield_exprContext)node); break;
                case RULE_expr when node is AwaitExprContext await: Await(await); break;
                case RULE_for_stmt when ((For_stmtContext)node).ASYNC() is not null && !Scope.IsAsyncFunction:
                    report.At(node, "'async for' outside async function");
                    break;
                case RULE_with_stmt when ((With_stmtContext)node).ASYNC() is not null && !Scope.IsAsyncFunction:
                    report.At(node, "'async with' outside async function");
                    break;
            }
        }

        protected override void Enter(Scope scope)
        {
            if (Comprehensions.Of(scope.Node) is { } clauses && Comprehensions.IsAsynchronous(clauses))
            {
                asynchronous.Add(scope);
            }
        }

        protected override void Exit(Scope scope)
        {
            if (generators.Contains(scope) && valueReturns.TryGetValue(scope, out var statement))
            {
                report.At(statement, "'return' with value in async generator");
            }
            if (scope.Kind == ScopeKind.Comprehension && asynchronous.Contains(scope) && !scope.IsGeneratorExpression)
            {
                ExitAsynchronousComprehension(scope);
            }
        }

        /// <summary>An asynchronous comprehension makes the comprehension around it asynchronous too.</summary>
        private void ExitAsynchronousComprehension(Scope scope)
        {
            var outer = scope.Parent!;
            if (outer.Kind == ScopeKind.Comprehension)
            {
                asynchronous.Add(outer);
            }
            else if (!outer.IsAsyncFunction)
            {
                report.At(scope.Node, "asynchronous comprehension outside of an asynchronous function");
            }
        }

        private void Return(Return_stmtContext statement)
        {
            if (Scope.Kind != ScopeKind.Function)
            {
                report.At(statement, "'return' outside function");
            }
            else if (Scope.IsAsyncFunction && statement.star_expressions() is not null)
            {
                valueReturns.TryAdd(Scope, statement);
            }
        }

        private void Yield(Yield_exprContext yield)
        {
            switch (Scope.Kind)
            {
                case ScopeKind.Module or ScopeKind.Class:
                    report.At(yield, "'yield' outside function");
                    break;
                case ScopeKind.Function when Scope.IsAsyncFunction && yield.FROM() is not null:
                    report.At(yield, "'yield from' inside async function");
                    break;
                case ScopeKind.Function:
                    generators.Add(Scope);
                    break;
            }
        }

        private void Await(AwaitExprContext await)
        {
            switch (Scope.Kind)
            {
                case ScopeKind.Module or ScopeKind.Class:
                    report.At(await, "'await' outside function");
                    break;
                case ScopeKind.Lambda:
                case ScopeKind.Function when !Scope.IsAsyncFunction:
                    report.At(await, "'await' outside async function");
                    break;
                case ScopeKind.Comprehension:
                    asynchronous.Add(Scope);
                    break;
            }
        }
    }
}
