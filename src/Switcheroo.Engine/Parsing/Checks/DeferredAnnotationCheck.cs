using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// Under <c>from __future__ import annotations</c> an annotation is kept as a string and never
/// run, so it cannot hold <c>yield</c>, <c>await</c> or a walrus (unless inside a lambda or
/// comprehension of its own, which CPython's symbol table does not look into).
/// </summary>
internal sealed class DeferredAnnotationCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report) => new Walker(report).Walk(root);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override void Visit(ParserRuleContext node)
        {
            if (!Region.HasFlag(AnnotationRegion.Deferred) || Scope.Kind is ScopeKind.Lambda or ScopeKind.Comprehension)
            {
                return;
            }
            var what = node switch
            {
                Yield_exprContext => "yield expression",
                AwaitExprContext => "await expression",
                Named_expressionContext => "named expression",
                _ => null,
            };
            if (what is not null)
            {
                report.At(node, $"'{what}' can not be used within an annotation");
            }
        }
    }
}
