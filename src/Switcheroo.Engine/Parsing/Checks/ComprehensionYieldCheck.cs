using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// <c>yield</c> cannot appear in a comprehension's own scope (its element, conditions and all but
/// the first iterable), since Python 3.8: "'yield' inside list comprehension".
/// </summary>
internal sealed class ComprehensionYieldCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report) => new Walker(report).Walk(root);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override void Visit(ParserRuleContext node)
        {
            if (node is Yield_exprContext && Scope.Kind == ScopeKind.Comprehension)
            {
                report.At(node, $"'yield' inside {Comprehensions.Describe(Scope.Node)}");
            }
        }
    }
}
