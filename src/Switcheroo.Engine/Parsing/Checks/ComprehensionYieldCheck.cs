using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// <c>yield</c> cannot appear in a comprehension's own scope (its element, conditions and all but
/// the first iterable), since Python 3.8: "'yield' inside list comprehension". Only files that
/// spell <c>yield</c> follow the walk.
/// </summary>
internal sealed class ComprehensionYieldCheck : IWalkingCheck, IWordGuardedCheck
{
    public string[] Words { get; } = ["yield"];

    public ScopeWalker CreateWalker(CheckReporter report) => new Walker(report);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override void Visit(ParserRuleContext node)
        {
            if (Scope.Kind == ScopeKind.Comprehension && node.RuleIndex == RULE_yield_expr)
            {
                report.At(node, $"'yield' inside {Comprehensions.Describe(Scope.Node)}");
            }
        }
    }
}
