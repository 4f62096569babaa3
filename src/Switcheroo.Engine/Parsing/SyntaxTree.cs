using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// A parsed Python file: the parse tree, every token (hidden whitespace and comments included, so
/// the tokens spell the file exactly), and the diagnostics parsing produced. <see cref="Root"/> is
/// null when the file has a syntax error. Positions come out as 1-based <see cref="SourceSpan"/>s.
/// </summary>
public sealed class SyntaxTree
{
    internal SyntaxTree(SourceText source, IList<IToken> tokens, PythonParser.File_inputContext? root, IReadOnlyList<Diagnostic> diagnostics,
        FileScopes? scopes = null)
    {
        Source = source;
        // An array of exactly the file's tokens from the parse (SizedTokenStream.TakeTokens), kept as it is.
        Tokens = tokens as IReadOnlyList<IToken> ?? tokens.ToArray();
        Root = root;
        Diagnostics = diagnostics;
        Scopes = root is null ? null : scopes;
    }

    public SourceText Source { get; }

    /// <summary>All tokens of the file in order, on every channel, ending with EOF.</summary>
    public IReadOnlyList<IToken> Tokens { get; }

    public PythonParser.File_inputContext? Root { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The scopes the syntax checks built (<see cref="ScopeBuilder"/>), which binding uses; null without a <see cref="Root"/>.</summary>
    internal FileScopes? Scopes { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The span of a node, from its first token to the end of its last.</summary>
    public SourceSpan Span(IParseTree node)
    {
        var interval = node.SourceInterval;
        if (interval.Length == 0)
        {
            var at = Tokens[Math.Max(0, interval.a)];
            return new SourceSpan(at.Line, at.Column + 1, at.Line, at.Column + 1);
        }
        var first = Tokens[interval.a];
        var (endLine, endColumn) = End(Tokens[interval.b]);
        return new SourceSpan(first.Line, first.Column + 1, endLine, endColumn);
    }

    public SourceSpan Span(IToken token)
    {
        var (endLine, endColumn) = End(token);
        return new SourceSpan(token.Line, token.Column + 1, endLine, endColumn);
    }

    /// <summary>The original text of a node, comments and spacing inside it included.</summary>
    public string Text(IParseTree node)
    {
        var interval = node.SourceInterval;
        return interval.Length == 0 ? string.Empty : TextOf(interval.a, interval.b);
    }

    /// <summary>The whole file rebuilt from its tokens; equal to <see cref="SourceText.Text"/>.</summary>
    public string FullText() => TextOf(0, Tokens.Count - 1);

    private string TextOf(int firstToken, int lastToken)
    {
        var builder = new StringBuilder();
        for (int i = firstToken; i <= lastToken; i++)
        {
            if (Tokens[i].Type != TokenConstants.EOF)
            {
                builder.Append(Tokens[i].Text);
            }
        }
        return builder.ToString();
    }

    private static (int Line, int Column) End(IToken token)
    {
        var text = token.Type == TokenConstants.EOF ? string.Empty : token.Text ?? string.Empty;
        int newline = text.LastIndexOf('\n');
        if (newline < 0)
        {
            return (token.Line, token.Column + 1 + CodePoints(text));
        }
        int lines = text.AsSpan().Count('\n');
        return (token.Line + lines, 1 + CodePoints(text[(newline + 1)..]));
    }

    private static int CodePoints(string text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                count++;
            }
        }
        return count;
    }
}
