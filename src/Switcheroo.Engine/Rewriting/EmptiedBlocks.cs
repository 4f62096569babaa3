using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// Gives <c>pass</c> to every indented block that the planned edits leave without a statement, once
/// every edit is planned, so no conversion has to know what the others removed from the same block:
/// <code>
/// if args.cuda:                  if args.cuda:
///     model.cuda()          →        pass
///     x = x.to(device)
///
/// class A(nn.Module):            class A(nn.Module):
///     def __init__(self):   →        pass
///         super().__init__()
/// </code>
/// A block counts as empty when what it will be written as holds nothing but blank and comment lines.
/// </summary>
internal static class EmptiedBlocks
{
    public static void Fill(ConversionContext context)
    {
        var plan = context.Plan;
        foreach (var block in ParseTrees.Descendants<PythonParser.BlockContext>(context.Tree.Root!))
        {
            if (block.INDENT() is null || plan.IsDropped(block.Start.TokenIndex)
                || !block.statement().All(s => plan.IsReplaced(s.Start.TokenIndex))
                || !IsBlank(plan.Render(block.Start.TokenIndex + 1, block.Stop.TokenIndex)))
            {
                continue;
            }
            var first = block.statement(0).Start;
            int indentation = context.Edits.LineStart(first, withIndentation: true);
            if (context.Tree.Tokens[indentation].Type == PythonLexer.WS && !plan.IsDiscarded(indentation))
            {
                // The line's indentation is still written: pass follows it.
                plan.InsertBefore(context.Tree.Tokens[context.Edits.LineStart(first, withIndentation: false)], "pass" + context.Edits.Newline());
            }
            else
            {
                plan.InsertBefore(context.Tree.Tokens[indentation], context.Edits.Indentation(first) + "pass" + context.Edits.Newline());
            }
        }
    }

    /// <summary>True when the text has no line of code (only blank lines and comments).</summary>
    private static bool IsBlank(string text) =>
        text.Split('\n').All(line => line.Trim().Length == 0 || line.TrimStart().StartsWith('#'));
}
