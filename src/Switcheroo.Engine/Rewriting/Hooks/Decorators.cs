using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>Removing a decorator line: what <c>no_grad</c> and <c>script_decorator</c> share.</summary>
internal static class Decorators
{
    /// <summary>The decorator that is exactly <paramref name="guard"/> (<c>@torch.no_grad()</c>, <c>@torch.jit.unused</c>), else null.</summary>
    public static PythonParser.DecoratorContext? Around(Antlr4.Runtime.ParserRuleContext guard) =>
        Binding.SyntaxShapes.Enclosing<PythonParser.DecoratorContext>(guard) is { } decorator
            && Binding.SyntaxShapes.AtomOf(decorator.NamedExpression()) == Binding.SyntaxShapes.AtomOf(guard) ? decorator : null;

    /// <summary>The decorator's line goes; its indentation stays for the line that follows (the def or the next decorator).</summary>
    public static void Remove(PythonParser.DecoratorContext decorator, ConversionContext context)
    {
        int first = context.Edits.LineStart(decorator.Start, withIndentation: false);
        var tokens = context.Tree.Tokens;
        var indentation = first > 0 && tokens[first - 1].Type == PythonLexer.WS ? tokens[first - 1].Text : string.Empty;
        context.Plan.Discard(first, decorator.Stop.TokenIndex);
        int next = decorator.Stop.TokenIndex + 1;
        if (indentation.Length > 0 && next < tokens.Count && tokens[next].Type == PythonLexer.WS)
        {
            context.Edits.Reindent(next, string.Empty);
        }
    }
}
