using Antlr4.Runtime;

namespace Switcheroo.Grammar;

// Escape sequences of string, bytes and f-string literals that CPython cannot decode: truncated
// \x, \u and \U escapes, code points past U+10FFFF and malformed \N{...}. CPython decodes literals
// in its parser, after tokenizing them, so these are not tokenizer errors: the lexer notes the
// first one and goes on, and the engine decides whether it or a syntax error comes first.
public abstract partial class PythonLexerBase
{
    /// <summary>The first literal with an escape CPython cannot decode, or null.</summary>
    public BadEscape? FirstBadEscape { get; private set; }

    /// <summary>
    /// Checks the escape whose backslash is the next character. <paramref name="bodyStart"/> is where
    /// the literal's text starts: CPython's message counts positions from there, in its decoder's
    /// buffer, where a non-ASCII character takes 10 bytes (<c>\UXXXXXXXX</c>).
    /// </summary>
    private BadEscape? CheckEscape(bool bytes, int bodyStart, int tokenStart, int quote, bool triple)
    {
        int kind = Peek(2);
        var (digits, name) = kind switch
        {
            'x' => (2, "\\xXX"),
            'u' when !bytes => (4, "\\uXXXX"),
            'U' when !bytes => (8, "\\UXXXXXXXX"),
            'N' when !bytes => (0, "N"),
            _ => (-1, string.Empty),
        };
        if (digits < 0)
        {
            return null;
        }
        int at = DecoderOffset(bodyStart);
        if (digits == 0)
        {
            return CheckNamedEscape(at, tokenStart, quote, triple);
        }
        int valid = 0;
        long value = 0;
        while (valid < digits && HexValue(Peek(3 + valid)) is var digit and >= 0)
        {
            value = (value * 16) + digit;
            valid++;
        }
        if (valid == digits && value <= 0x10FFFF)
        {
            return null;
        }
        if (bytes)
        {
            return new BadEscape($"(value error) invalid \\x escape at position {at}", tokenStart);
        }
        string reason = valid == digits ? "illegal Unicode character" : $"truncated {name} escape";
        return UnicodeError(at, at + 2 + valid, reason, tokenStart);
    }

    /// <summary>\N{NAME}: braces around a name. Whether the name exists is not checked (.NET has no table of Unicode names).</summary>
    private BadEscape? CheckNamedEscape(int at, int tokenStart, int quote, bool triple)
    {
        const string malformed = "malformed \\N character escape";
        if (Peek(3) != '{')
        {
            return UnicodeError(at, at + 2, malformed, tokenStart);
        }
        int k = 4;
        while (!EndsLiteral(k, quote, triple) && Peek(k) != '}')
        {
            k++;
        }
        if (Peek(k) != '}')
        {
            return UnicodeError(at, at + k - 1, malformed, tokenStart);
        }
        if (k == 4)
        {
            return UnicodeError(at, at + 3, malformed, tokenStart);
        }
        for (int i = 4; i < k; i++)
        {
            if (!IsUnicodeNameCharacter(Peek(i)))
            {
                return UnicodeError(at, at + k, "unknown Unicode character name", tokenStart);
            }
        }
        return null;
    }

    /// <summary>Unicode names are spelled with letters, digits, spaces and hyphens (CPython looks them up ignoring case).</summary>
    private static bool IsUnicodeNameCharacter(int c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or ' ' or '-';

    private bool EndsLiteral(int k, int quote, bool triple)
    {
        int c = Peek(k);
        return c == IntStreamConstants.EOF
            || (!triple && (c == '\n' || c == '\r'))
            || (c == quote && (!triple || (Peek(k + 1) == quote && Peek(k + 2) == quote)));
    }

    private static BadEscape UnicodeError(int start, int end, string reason, int tokenStart) =>
        new($"(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end - 1}: {reason}", tokenStart);

    private static int HexValue(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>
    /// The offset of the cursor in CPython's decoder buffer for the literal's text: a line end
    /// counts 1 (the tokenizer has made it '\n'), a non-ASCII character 10, and a backslash before one 6.
    /// Called only for a bad escape, so it may read the text back.
    /// </summary>
    private int DecoderOffset(int bodyStart)
    {
        if (Input.Index <= bodyStart)
        {
            return 0;
        }
        var text = Input.GetText(new Antlr4.Runtime.Misc.Interval(bodyStart, Input.Index - 1));
        int offset = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }
            if (char.IsLowSurrogate(c))
            {
                continue;
            }
            bool beforeNonAscii = c == '\\' && i + 1 < text.Length && text[i + 1] > 127;
            offset += c > 127 ? 10 : beforeNonAscii ? 6 : 1;
        }
        return offset;
    }
}

/// <summary>
/// A literal CPython cannot decode: its message, in CPython's words, and where the literal's token
/// starts (a character index; for an f-string, the text part that holds the escape).
/// </summary>
public sealed record BadEscape(string Message, int TokenStart);
