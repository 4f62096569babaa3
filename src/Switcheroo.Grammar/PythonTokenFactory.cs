using System;
using System.Diagnostics;
using Antlr4.Runtime;

namespace Switcheroo.Grammar;

/// <summary>
/// Creates the lexer's tokens as <see cref="PythonToken"/>s (the lexer's generated rules emit
/// through it, and so does ANTLR's error recovery when it conjures a missing token).
/// </summary>
public sealed class PythonTokenFactory : ITokenFactory
{
    public static readonly PythonTokenFactory Instance = new();

    private static readonly Tuple<ITokenSource, ICharStream> NoSource = Tuple.Create<ITokenSource, ICharStream>(null!, null!);

    /// <summary>
    /// A token of the Python lexer's (<paramref name="source"/> is ANTLR's pair of the lexer and its
    /// input) reads its line and column from the lexer's <see cref="TokenOrigin"/>; any other, and
    /// one with text of its own, keeps the position it is given.
    /// </summary>
    public IToken Create(Tuple<ITokenSource, ICharStream> source, int type, string text, int channel, int start, int stop, int line, int charPositionInLine)
    {
        if (text is null && (source as TokenOrigin ?? (source.Item1 as PythonLexerBase)?.Origin) is { } origin)
        {
            var token = PythonToken.Create(origin, type, channel, start, stop);
            Debug.Assert(token.Line == line && token.Column == charPositionInLine, "the line table places a token where the lexer counted it");
            return token;
        }
        return new PythonTextToken(source, type, channel, start, stop, line, charPositionInLine, text);
    }

    public IToken Create(int type, string text) =>
        new PythonTextToken(NoSource, type, TokenConstants.DefaultChannel, -1, -1, 0, -1, text);
}
