using Switcheroo.Engine.Binding;
using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>no_grad</c>: JAX records no gradient tape — gradients exist only inside <c>jax.grad</c> — so
/// <c>torch.no_grad()</c>, <c>torch.inference_mode()</c> and <c>torch.enable_grad()</c> guard nothing.
/// The guard goes and the code it guarded stays, as plain code:
/// <code>
/// with torch.no_grad():          →   out = model(x)
///     out = model(x)
/// with torch.no_grad(), open(p) as f:   →   with open(p) as f:
/// @torch.no_grad()               →   (the decorator line is removed)
/// </code>
/// The body of a removed <c>with</c> moves left by one level (comment and continuation lines too;
/// text inside strings is never touched). Caveats: only as a <c>with</c> item without <c>as</c>, or as
/// a decorator, without arguments; anything else (a context object kept in a variable,
/// <c>inference_mode(False)</c>) is reported.
/// </summary>
public sealed class NoGradHook : IHook
{
    public string Name => "no_grad";

    public void Apply(HookSite site, ConversionContext context)
    {
        ParserRuleContext guard = (ParserRuleContext?)site.Call ?? site.Reference;
        if (site.Call?.arguments() is null)
        {
            if (Decorators.Around(guard) is { } decorator)
            {
                Decorators.Remove(decorator, context);
                context.MarkConverted(site.Reference);
                return;
            }
            if (SyntaxShapes.Enclosing<PythonParser.With_itemContext>(guard) is { } item && item.AS() is null
                && SyntaxShapes.AtomOf(item.expression()) == guard && site.Call is not null)
            {
                RemoveItem(item, context);
                context.MarkConverted(site.Reference);
                return;
            }
        }
        context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference,
            $"{site.Entry.Torch} converts as a with-statement item or a decorator without arguments (JAX records no gradient tape, so it is removed); kept as is");
    }

    /// <summary>Removes a <c>with</c> item; the last one takes its <c>with</c> line, and the body moves left.</summary>
    internal static void RemoveItem(PythonParser.With_itemContext item, ConversionContext context)
    {
        var with = (PythonParser.With_stmtContext)item.Parent;
        var items = with.with_item();
        if (items.Length > 1)
        {
            int index = Array.IndexOf(items, item);
            if (index < items.Length - 1)
            {
                context.Plan.Discard(item.Start.TokenIndex, items[index + 1].Start.TokenIndex - 1);
            }
            else
            {
                context.Plan.Discard(items[index - 1].Stop.TokenIndex + 1, item.Stop.TokenIndex);
            }
            return;
        }
        RemoveWith(with, context);
    }

    /// <summary>Removes the <c>with</c> line and moves its body left by one level.</summary>
    private static void RemoveWith(PythonParser.With_stmtContext with, ConversionContext context)
    {
        var tokens = context.Tree.Tokens;
        var block = with.block();
        if (block.SimpleLine() is { } line)
        {
            // with torch.no_grad(): return f(x)   →   return f(x)
            context.Plan.Discard(with.Start.TokenIndex, line.Start.TokenIndex - 1);
            return;
        }
        int header = block.NEWLINE().Symbol.TokenIndex;
        var withIndentation = context.Edits.Indentation(with.Start);
        int first = context.Edits.LineStart(with.Start, withIndentation: true);
        var comments = Enumerable.Range(with.Start.TokenIndex, header - with.Start.TokenIndex)
            .Where(i => tokens[i].Type == PythonLexer.COMMENT)
            .Select(i => withIndentation + tokens[i].Text + context.Edits.Newline());
        context.Plan.Discard(first, header, string.Concat(comments));
        var statements = block.statement();
        var bodyIndentation = context.Edits.Indentation(statements[0].Start);
        int delta = bodyIndentation.Length - withIndentation.Length;
        // Up to the block's last NEWLINE: the whitespace after it starts the line after the block.
        int last = block.Stop.TokenIndex;
        while (tokens[last].Type != PythonLexer.NEWLINE)
        {
            last--;
        }
        foreach (var start in context.Edits.LineStarts(header + 1, last))
        {
            var current = context.Edits.CurrentIndentation(start);
            context.Edits.Reindent(start, current.StartsWith(bodyIndentation, StringComparison.Ordinal)
                ? withIndentation + current[bodyIndentation.Length..]
                : current[Math.Min(delta, current.Length)..]);
        }
    }
}
