using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// Places an escape CPython cannot decode (SWR2006) where CPython reports it, and decides whether it
/// or another error comes first. CPython decodes a run of adjacent literals when its parser has
/// read them all and seen the token after them, and reports the error at that token; an f-string's
/// text part is decoded, and reported, on its own. Errors the parser meets earlier win.
/// </summary>
internal static class BadEscapes
{
    public static Diagnostic? Locate(BadEscape? escape, IList<IToken> tokens, string path)
    {
        if (escape is null || IndexOf(tokens, escape.TokenStart) is not int index)
        {
            return null;
        }
        var at = tokens[index].Type == PythonLexer.FSTRING_MIDDLE ? tokens[index] : TokenAfterLiterals(tokens, index);
        return Diagnostic.At(DiagnosticCodes.InvalidToken, escape.Message, path, at.Line, at.Column + 1);
    }

    /// <summary>Whether <paramref name="escape"/> is reported rather than <paramref name="other"/>: it comes first or at the same place.</summary>
    public static bool ComesFirst(Diagnostic? escape, Diagnostic other) =>
        escape is not null && (escape.Line, escape.Column).CompareTo((other.Line, other.Column)) <= 0;

    private static int? IndexOf(IList<IToken> tokens, int start)
    {
        int low = 0, high = tokens.Count - 1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            var token = tokens[middle];
            if (token.StartIndex < start)
            {
                low = middle + 1;
            }
            else if (token.StartIndex > start)
            {
                high = middle - 1;
            }
            else
            {
                // Empty tokens (INDENT, DEDENT) share their start with the literal that follows them.
                while (middle < tokens.Count - 1 && tokens[middle].StopIndex < tokens[middle].StartIndex)
                {
                    middle++;
                }
                return middle;
            }
        }
        return null;
    }

    /// <summary>The first token the parser sees after the run of literals (strings and whole f-strings) that holds tokens[index].</summary>
    private static IToken TokenAfterLiterals(IList<IToken> tokens, int index)
    {
        int openFStrings = 0;
        for (int i = index; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Channel != TokenConstants.DefaultChannel)
            {
                continue;
            }
            switch (token.Type)
            {
                case PythonLexer.FSTRING_START:
                    openFStrings++;
                    continue;
                case PythonLexer.FSTRING_END:
                    openFStrings--;
                    continue;
                case PythonLexer.STRING:
                    continue;
            }
            if (openFStrings == 0)
            {
                return token;
            }
        }
        return tokens[^1];
    }
}
