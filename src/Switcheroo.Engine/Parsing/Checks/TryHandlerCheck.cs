using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// Rules of CPython's compiler for exception handlers: a bare <c>except:</c> must be the last
/// handler, and <c>break</c>, <c>continue</c> and <c>return</c> cannot leave an <c>except*</c>
/// block (inside it, a loop of its own makes <c>break</c> and <c>continue</c> legal again, a
/// function of its own all three).
/// </summary>
internal sealed class TryHandlerCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var attempt in ScopedTree.Of(root).Nodes<Try_stmtContext>(RULE_try_stmt))
        {
            var handlers = attempt.except_block();
            for (int i = 0; i < handlers.Length - 1; i++)
            {
                if (handlers[i].expression() is null)
                {
                    report.At(handlers[i], "default 'except:' must be last");
                }
            }
            foreach (var handler in attempt.except_star_block())
            {
                Walk(handler.block(), inLoop: false, inFunction: ParseTrees.IsInside<Function_defContext>(handler), report);
            }
        }
    }

    private static void Walk(IParseTree node, bool inLoop, bool inFunction, CheckReporter report)
    {
        switch (node)
        {
            case Break_stmtContext or Continue_stmtContext when !inLoop:
            case Return_stmtContext when inFunction:
                report.At(node, "'break', 'continue' and 'return' cannot appear in an except* block");
                return;
            case Function_defContext or Class_defContext or ExprContext or Expression_stmtContext:
                return;
        }
        bool loop = node is For_stmtContext or While_stmtContext;
        for (int i = 0; i < node.ChildCount; i++)
        {
            var child = node.GetChild(i);
            if (child is not ITerminalNode)
            {
                Walk(child, inLoop || (loop && child is BlockContext), inFunction, report);
            }
        }
    }
}
