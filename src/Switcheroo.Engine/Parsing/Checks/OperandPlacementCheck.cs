using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// What CPython's grammar rejects that ours parses: comparisons, <c>not</c>, <c>and</c>, <c>or</c>,
/// if-else and <c>lambda</c> are one left-recursive rule (<c>expression</c>, so that a plain operand is
/// one node), where CPython's grammar has levels. A lambda stands only where CPython has
/// <c>expression</c>: not as an operand of <c>not</c>, <c>and</c>, <c>or</c> (<c>a or lambda: b</c>), nor as
/// an if-else's body or condition, nor as a comprehension's iterable or condition (a disjunction). An
/// if-else may not be another's condition (<c>a if b if c else d else e</c>) nor a comprehension's
/// iterable or condition. Reported as CPython reports them (SWR2001): invalid syntax at the lambda or at
/// the <c>else</c> a comprehension's clause cannot hold, and "expected 'else' after 'if' expression" from
/// the start of an if-else whose condition is one.
/// </summary>
internal sealed class OperandPlacementCheck : IWalkingCheck, IWordGuardedCheck
{
    // An if-else holds "else"; a lambda, "lambda".
    public string[] Words { get; } = ["lambda", "else"];

    public ScopeWalker CreateWalker(CheckReporter report) => new Walker(report);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override void Visit(ParserRuleContext node)
        {
            if (node.RuleIndex != RULE_expression)
            {
                return;
            }
            switch (node)
            {
                case LambdefContext lambda when !LambdaMayStand(lambda):
                    report.At(lambda.Start, "invalid syntax", DiagnosticCodes.InvalidSyntax);
                    break;
                case ConditionalContext { Parent: ConditionalContext outer } inner when outer.expression(1) == inner:
                    // CPython's invalid_expression: `a if b` not followed by `else`, from `a` on.
                    report.At(outer.Start, "expected 'else' after 'if' expression", DiagnosticCodes.InvalidSyntax);
                    break;
                case ConditionalContext { Parent: Comp_forContext } clause:
                    report.At(clause.ELSE().Symbol, "invalid syntax", DiagnosticCodes.InvalidSyntax);
                    break;
            }
        }

        private static bool LambdaMayStand(LambdefContext lambda) => lambda.Parent switch
        {
            InversionContext or ConjunctionContext or DisjunctionContext or Comp_forContext => false,
            ConditionalContext conditional => conditional.expression(2) == lambda,
            _ => true,
        };
    }
}
