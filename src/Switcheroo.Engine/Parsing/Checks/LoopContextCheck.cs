using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// <c>break</c> and <c>continue</c> belong in the body of a loop of the same function or class
/// body: not in the loop's <c>else</c>, nor in a function or class defined inside the loop. A file
/// that never spells either keyword skips the walk.
/// </summary>
internal sealed class LoopContextCheck : IWordGuardedCheck
{
    public string[] Words { get; } = ["break", "continue"];

    /// <summary>
    /// The rules that may hold statements; the walk skips the others (expressions cannot). By rule
    /// index: the generated context classes are not sealed, so a type test per child walks the
    /// class hierarchy, and this runs for every child of every statement.
    /// </summary>
    private static readonly bool[] MayHoldStatements = ParseTrees.RuleSet(
        RULE_statement, RULE_simple_stmt,
        RULE_block, RULE_if_stmt, RULE_elif_block, RULE_else_block, RULE_while_stmt, RULE_for_stmt, RULE_with_stmt,
        RULE_try_stmt, RULE_except_block, RULE_except_star_block, RULE_finally_block, RULE_match_stmt, RULE_case_block,
        RULE_decorated, RULE_function_def, RULE_class_def);

    public void Check(File_inputContext root, CheckReporter report) => Walk(root, inLoop: false, report);

    private static void Walk(ParserRuleContext node, bool inLoop, CheckReporter report)
    {
        int rule = node.RuleIndex;
        switch (rule)
        {
            case RULE_simple_stmt when node is Break_stmtContext && !inLoop:
                report.At(node, "'break' outside loop");
                return;
            case RULE_simple_stmt when node is Continue_stmtContext && !inLoop:
                report.At(node, "'continue' not properly in loop");
                return;
            case RULE_function_def or RULE_class_def:
                inLoop = false;
                break;
        }
        bool loop = rule is RULE_for_stmt or RULE_while_stmt;
        for (int i = 0; i < node.ChildCount; i++)
        {
            if (node.GetChild(i) is ParserRuleContext child && MayHoldStatements[child.RuleIndex])
            {
                Walk(child, (loop && child.RuleIndex == RULE_block) || inLoop, report);
            }
        }
    }
}
