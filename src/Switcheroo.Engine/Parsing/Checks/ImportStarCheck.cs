using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary><c>from m import *</c> is only allowed at module level, not in a function or class body.</summary>
internal sealed class ImportStarCheck : IWalkingCheck
{
    public ScopeWalker CreateWalker(CheckReporter report) => new Walker(report);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override void Visit(ParserRuleContext node)
        {
            if (node.RuleIndex == RULE_import_targets && Scope.Kind != ScopeKind.Module && ((Import_targetsContext)node).STAR() is { } star)
            {
                report.At(star, "import * only allowed at module level");
            }
        }
    }
}
