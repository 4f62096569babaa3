using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary><c>from m import *</c> is only allowed at module level, not in a function or class body.</summary>
internal sealed class ImportStarCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report) => new Walker(report).Walk(root);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override void Visit(ParserRuleContext node)
        {
            if (node is Import_targetsContext { } targets && targets.STAR() is { } star && Scope.Kind != ScopeKind.Module)
            {
                report.At(star, "import * only allowed at module level");
            }
        }
    }
}
