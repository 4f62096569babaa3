using System;
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

    public IToken Create(Tuple<ITokenSource, ICharStream> source, int type, string text, int channel, int start, int stop, int line, int charPositionInLine) =>
        text is null
            ? new PythonToken(source, type, channel, start, stop, line, charPositionInLine)
            : new PythonTextToken(source, type, channel, start, stop, line, charPositionInLine, text);

    public IToken Create(int type, string text) =>
        new PythonTextToken(NoSource, type, TokenConstants.DefaultChannel, -1, -1, 0, -1, text);
}
