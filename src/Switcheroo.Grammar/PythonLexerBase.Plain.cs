using System;
using System.Collections.Generic;
using Antlr4.Runtime;

namespace Switcheroo.Grammar;

/// <summary>
/// The tokens that make up most of a file, scanned by hand: ASCII names and keywords, operators
/// and punctuation, runs of spaces and tabs, comments, a line feed, and decimal integers. ANTLR's
/// lexer simulator (a DFA walk per character, a mark, a seek and an accept per token) scans
/// everything else, and anything these rules are not sure of: a name running into a non-ASCII
/// character (a Unicode identifier), a number with a fraction, exponent, suffix, base or
/// underscore, <c>.5</c>. The token is the one ANTLR would have made (the grammar's rules: the
/// longest match, a keyword before <c>NAME</c> at equal length) and goes through the same handling
/// after it (docs/performance.md, "Parse, tenth round").
/// </summary>
public abstract partial class PythonLexerBase
{
    /// <summary>The keywords and soft keywords by spelling (every literal token of the vocabulary that is a name).</summary>
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Keywords = LiteralTable(keywords: true);

    /// <summary>The operators and punctuation by spelling (every other literal token: one to three characters).</summary>
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Operators = LiteralTable(keywords: false);

    /// <summary>The decoded text the lexer reads, where the input offers it (else no token is scanned by hand).</summary>
    private readonly string? _text;

    /// <summary>The next token if it is one of the plain kinds, consumed; else null, and nothing consumed.</summary>
    private IToken? TryScanPlainToken()
    {
        string? text = _text;
        int start = Input.Index;
        if (text is null || start >= text.Length)
        {
            return null;
        }
        char c = text[start];
        char next = start + 1 < text.Length ? text[start + 1] : '\0';
        int end = start + 1, type, channel = TokenConstants.DefaultChannel;
        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }
            if (end < text.Length && text[end] >= 0x80)
            {
                return null;
            }
            type = Keywords.TryGetValue(text.AsSpan(start, end - start), out int keyword) ? keyword : PythonLexer.NAME;
        }
        else if (c is >= '0' and <= '9')
        {
            while (end < text.Length && char.IsAsciiDigit(text[end]) && c != '0')
            {
                end++;
            }
            // Where ANTLR's NUMBER (or LEADING_ZERO_INTEGER) could go on, or "0" takes a base: ANTLR's.
            if (end < text.Length && (text[end] is '_' or '.' or 'e' or 'E' or 'j' or 'J'
                || (c == '0' && (char.IsAsciiDigit(text[end]) || text[end] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B'))))
            {
                return null;
            }
            type = PythonLexer.NUMBER;
        }
        else
        {
            switch (c)
            {
                case ' ' or '\t' or '\f':
                    while (end < text.Length && text[end] is ' ' or '\t' or '\f')
                    {
                        end++;
                    }
                    type = PythonLexer.WS;
                    channel = TokenConstants.HiddenChannel;
                    break;
                case '\n':
                    type = PythonLexer.NEWLINE;
                    break;
                case '#':
                    int lineEnd = text.AsSpan(end).IndexOfAny('\r', '\n');
                    end = lineEnd < 0 ? text.Length : end + lineEnd;
                    type = PythonLexer.COMMENT;
                    channel = TokenConstants.HiddenChannel;
                    break;
                case '.' when char.IsAsciiDigit(next):
                    return null;
                default:
                    type = 0;
                    for (int length = Math.Min(3, text.Length - start); length > 0 && type == 0; length--)
                    {
                        if (Operators.TryGetValue(text.AsSpan(start, length), out int op))
                        {
                            type = op;
                            end = start + length;
                        }
                    }
                    if (type == 0)
                    {
                        return null;
                    }
                    break;
            }
        }
        Input.Seek(end);
        if (type == PythonLexer.NEWLINE)
        {
            Line++;
            Column = 0;
        }
        else
        {
            Column += end - start;
        }
        return PythonToken.Create(Origin, type, channel, start, end - 1);
    }

    private static Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> LiteralTable(bool keywords)
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        var vocabulary = PythonLexer.DefaultVocabulary;
        for (int type = 1; vocabulary.GetSymbolicName(type) is not null; type++)
        {
            // A literal name is the rule's one spelling, quoted: 'if', 'True', '_', '(', '**='.
            if (vocabulary.GetLiteralName(type) is { Length: > 2 } literal
                && (char.IsAsciiLetter(literal[1]) || literal[1] == '_') == keywords)
            {
                table.Add(literal[1..^1], type);
            }
        }
        return table.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
