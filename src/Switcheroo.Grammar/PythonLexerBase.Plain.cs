using System;
using System.Collections.Generic;
using Antlr4.Runtime;

namespace Switcheroo.Grammar;

/// <summary>
/// The tokens that make up most of a file, scanned by hand: ASCII names and keywords, runs of
/// spaces and tabs, a line feed, and the punctuation that starts no longer operator. ANTLR's
/// lexer simulator (a DFA walk per character, a mark, a seek and an accept per token) scans
/// everything else, and anything these rules are not sure of: a name running into a non-ASCII
/// character (a Unicode identifier), <c>:=</c>, <c>==</c>, <c>...</c>, <c>.5</c>. The token is
/// the one ANTLR would have made (the grammar's rules: the longest match, a keyword before
/// <c>NAME</c> at equal length) and goes through the same handling after it (docs/performance.md,
/// "Parse, tenth round").
/// </summary>
public abstract partial class PythonLexerBase
{
    /// <summary>The keywords and soft keywords by spelling (every literal token of the vocabulary that is a name).</summary>
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Keywords = KeywordTable();

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
                case '(': type = PythonLexer.LPAR; break;
                case ')': type = PythonLexer.RPAR; break;
                case '[': type = PythonLexer.LSQB; break;
                case ']': type = PythonLexer.RSQB; break;
                case '{': type = PythonLexer.LBRACE; break;
                case '}': type = PythonLexer.RBRACE; break;
                case ',': type = PythonLexer.COMMA; break;
                case ';': type = PythonLexer.SEMI; break;
                case '~': type = PythonLexer.TILDE; break;
                case ':' when next != '=': type = PythonLexer.COLON; break;
                case '=' when next != '=': type = PythonLexer.EQUAL; break;
                case '.' when next != '.' && !char.IsAsciiDigit(next): type = PythonLexer.DOT; break;
                default:
                    return null;
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

    private static Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> KeywordTable()
    {
        var keywords = new Dictionary<string, int>(StringComparer.Ordinal);
        var vocabulary = PythonLexer.DefaultVocabulary;
        for (int type = 1; vocabulary.GetSymbolicName(type) is not null; type++)
        {
            // A literal name is the rule's one spelling, quoted: 'if', 'True', '_', '('.
            if (vocabulary.GetLiteralName(type) is { Length: > 2 } literal
                && (char.IsAsciiLetter(literal[1]) || literal[1] == '_'))
            {
                keywords.Add(literal[1..^1], type);
            }
        }
        return keywords.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
