using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// Under <c>from __future__ import annotations</c> an annotation is kept as a string and never
/// run, so it cannot hold <c>yield</c>, <c>await</c> or a walrus (unless inside a lambda or
/// comprehension of its own, which CPython's symbol table does not look into). Without the word
/// <c>__future__</c> no annotation is deferred, and the walk is skipped.
/// </summary>
internal sealed class DeferredAnnotationCheck : IWalkingCheck, IWordGuardedCheck
{
    public string[] Words { get; } = ["__future__"];

    public ScopeWalker CreateWalker(CheckReporter report) => new Walker(report);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override void Visit(ParserRuleContext node)
        {
            if (!Region.HasFlag(AnnotationRegion.Deferred) || Scope.Kind is ScopeKind.Lambda or ScopeKind.Comprehension)
            {
                return;
            }
            var what = node.RuleIndex switch
            {
                RULE_yield_expr => "yield expression",
                RULE_expr when node is AwaitExprContext => "await expression",
                RULE_assignment_expression => "named expression",
                _ => null,
            };
            if (what is not null)
            {
                report.At(node, $"'{what}' can not be used within an annotation");
            }
        }
    }
}
