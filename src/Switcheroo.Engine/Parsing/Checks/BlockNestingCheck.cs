using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// CPython's compiler keeps a stack of at most 20 (CO_MAXBLOCKS) blocks per function, class or
/// module body: a loop body takes one, each item of a <c>with</c> one, a <c>try</c> body one (two
/// with a <c>finally</c> and handlers), an <c>except</c> handler two more than its <c>try</c>, a
/// <c>finally</c> block one. <c>if</c> and <c>match</c> take none. The statement (or handler) that
/// would push the 21st is "too many statically nested blocks".
/// </summary>
internal sealed class BlockNestingCheck : ISyntaxCheck
{
    private const int MaxBlocks = 20;

    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var statement in root.statement())
        {
            Statement(statement, 0, report);
        }
    }

    private static void Statement(StatementContext statement, int depth, CheckReporter report)
    {
        if (statement.Compound() is { } compound)
        {
            Compound(compound, depth, report);
        }
    }

    private static void Compound(ParserRuleContext compound, int depth, CheckReporter report)
    {
        switch (compound)
        {
            case Function_defContext function:
                Block(function.block(), 0, report);
                break;
            case Class_defContext definition:
                Block(definition.block(), 0, report);
                break;
            case DecoratedContext decorated:
                Block(decorated.function_def()?.block() ?? decorated.class_def().block(), 0, report);
                break;
            case If_stmtContext branch:
                Block(branch.block(), depth, report);
                foreach (var elif in branch.elif_block())
                {
                    Block(elif.block(), depth, report);
                }
                Block(branch.else_block()?.block(), depth, report);
                break;
            case For_stmtContext loop:
                Nested(loop, loop.block(), depth + 1, report);
                Block(loop.else_block()?.block(), depth, report);
                break;
            case While_stmtContext loop:
                Nested(loop, loop.block(), depth + 1, report);
                Block(loop.else_block()?.block(), depth, report);
                break;
            case With_stmtContext with:
                Nested(with, with.block(), depth + with.with_item().Length, report);
                break;
            case Try_stmtContext attempt:
                Try(attempt, depth, report);
                break;
            case Match_stmtContext match:
                foreach (var arm in match.case_block())
                {
                    Block(arm.block(), depth, report);
                }
                break;
        }
    }

    private static void Try(Try_stmtContext attempt, int depth, CheckReporter report)
    {
        var handlers = attempt.except_block().Select(h => ((ParserRuleContext)h, h.block()))
            .Concat(attempt.except_star_block().Select(h => ((ParserRuleContext)h, h.block()))).ToArray();
        bool hasFinally = attempt.finally_block() is not null;
        int outside = hasFinally ? depth + 1 : depth;
        int body = handlers.Length > 0 ? outside + 1 : outside;
        if (!Nested(attempt, attempt.block(), body, report))
        {
            return;
        }
        foreach (var (handler, block) in handlers)
        {
            Nested(handler, block, outside + 2, report);
        }
        Block(attempt.else_block()?.block(), outside, report);
        Block(attempt.finally_block()?.block(), depth + 1, report);
    }

    /// <summary>A block <paramref name="at"/> pushes: reported at it when the stack would overflow, else walked.</summary>
    private static bool Nested(ParserRuleContext at, BlockContext block, int depth, CheckReporter report)
    {
        if (depth > MaxBlocks)
        {
            report.At(at, "too many statically nested blocks");
            return false;
        }
        Block(block, depth, report);
        return true;
    }

    private static void Block(BlockContext? block, int depth, CheckReporter report)
    {
        if (block is null)
        {
            return;
        }
        // The children in place: statement() would collect them in an array for every block.
        for (int i = 0; i < block.ChildCount; i++)
        {
            if (block.GetChild(i) is StatementContext statement)
            {
                Statement(statement, depth, report);
            }
        }
    }
}
