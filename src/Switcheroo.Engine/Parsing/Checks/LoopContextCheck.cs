using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// <c>break</c> and <c>continue</c> belong in the body of a loop of the same function or class
/// body: not in the loop's <c>else</c>, nor in a function or class defined inside the loop.
/// </summary>
internal sealed class LoopContextCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report) => Walk(root, inLoop: false, report);

    private static void Walk(IParseTree node, bool inLoop, CheckReporter report)
    {
        switch (node)
        {
            case Break_stmtContext when !inLoop:
                report.At(node, "'break' outside loop");
                return;
            case Continue_stmtContext when !inLoop:
                report.At(node, "'continue' not properly in loop");
                return;
            case Function_defContext or Class_defContext:
                inLoop = false;
                break;
        }
        bool loop = node is For_stmtContext or While_stmtContext;
        for (int i = 0; i < node.ChildCount; i++)
        {
            var child = node.GetChild(i);
            if (MayHoldStatements(child))
            {
                Walk(child, (loop && child is BlockContext) || inLoop, report);
            }
        }
    }

    /// <summary>Expressions cannot hold statements, so the walk skips them.</summary>
    private static bool MayHoldStatements(IParseTree node) => node is StatementContext or Simple_stmtsContext
        or Simple_stmtContext or Break_stmtContext or Continue_stmtContext or Compound_stmtContext or BlockContext
        or If_stmtContext or Elif_blockContext or Else_blockContext or While_stmtContext or For_stmtContext
        or With_stmtContext or Try_stmtContext or Except_blockContext or Except_star_blockContext
        or Finally_blockContext or Match_stmtContext or Case_blockContext or DecoratedContext
        or Function_defContext or Class_defContext;
}
