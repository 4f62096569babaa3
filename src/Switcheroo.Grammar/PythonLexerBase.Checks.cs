using System.Globalization;
using Antlr4.Runtime;

namespace Switcheroo.Grammar;

// Tokens that are well-formed for the generated lexer but not for CPython.
public abstract partial class PythonLexerBase
{
    // A number may run straight into these keywords ("1if x else y"); CPython only warns.
    private static readonly string[] KeywordsAfterNumber = { "and", "else", "for", "if", "in", "is", "not", "or" };

    /// <summary>A UTF-8 byte order mark at the very start is kept as a hidden token, so the stream still reproduces the file.</summary>
    private bool TryScanByteOrderMark()
    {
        if (Input.Index != 0 || Peek(1) != 0xFEFF)
        {
            return false;
        }
        Advance();
        _lineStartIndex = 1;
        Enqueue(MakeToken(PythonLexer.BOM, TokenConstants.HiddenChannel, 0, 1, 0));
        return true;
    }

    private void CheckNumber(IToken token)
    {
        if (token.Type == PythonLexer.LEADING_ZERO_INTEGER)
        {
            Fail(LexicalErrorKind.InvalidToken,
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                token.Line, token.Column);
            return;
        }
        // After "0" a base letter commits CPython to that base, even where a keyword follows ("0or").
        bool basePrefix = token.StopIndex == token.StartIndex && CharAt(token.StartIndex) == '0' && IsBaseLetter(Peek(1));
        if (!basePrefix && (!IsIdentifierCharacter(Peek(1)) || KeywordFollows()))
        {
            return;
        }
        var text = token.Text;
        var kind = NumberKind(text, Peek(1));
        int stop = InvalidNumberStop(text, basePrefix, kind);
        int stopColumn = token.Column + text.Length + stop - 1;
        int offender = Peek(stop);
        if (kind is "octal" or "binary" && offender is >= '0' and <= '9')
        {
            Fail(LexicalErrorKind.InvalidToken, $"invalid digit '{(char)offender}' in {kind} literal", token.Line, stopColumn);
            return;
        }
        Fail(LexicalErrorKind.InvalidToken, $"invalid {kind} literal", token.Line, stopColumn - 1);
    }

    private static bool IsBaseLetter(int c) => c is 'x' or 'X' or 'o' or 'O' or 'b' or 'B';

    /// <summary>
    /// Where CPython's tokenizer gives up on a malformed number, as a lookahead index past our token:
    /// it reads on over a base letter ("0x"), an exponent and its sign ("1e+") and an underscore
    /// after a digit ("1_"). It then reports the last character it read, or a digit that the base
    /// does not allow ("0o8": "invalid digit '8' in octal literal").
    /// </summary>
    private int InvalidNumberStop(string text, bool basePrefix, string kind)
    {
        if (kind == "decimal" && Peek(1) is 'e' or 'E' && Peek(2) is '+' or '-')
        {
            return 3;
        }
        int stop = basePrefix ? 2 : 1;
        bool afterDigit = basePrefix || char.IsAsciiHexDigit(text[^1]);
        return afterDigit && Peek(stop) == '_' ? stop + 1 : stop;
    }

    private static string NumberKind(string text, int next)
    {
        if (text[^1] is 'j' or 'J')
        {
            return "imaginary";
        }
        var marker = text.Length > 1 && text[0] == '0' ? char.ToLowerInvariant(text[1])
            : text == "0" && next < 128 ? char.ToLowerInvariant((char)next) : 'd';
        return marker switch
        {
            'x' => "hexadecimal",
            'o' => "octal",
            'b' => "binary",
            _ => "decimal",
        };
    }

    private bool KeywordFollows()
    {
        foreach (var keyword in KeywordsAfterNumber)
        {
            int i = 0;
            while (i < keyword.Length && Peek(i + 1) == keyword[i])
            {
                i++;
            }
            if (i == keyword.Length)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// ASCII only, as CPython's verify_end_of_number: "1é" is a number and then a name (invalid
    /// syntax), not an invalid decimal literal.
    /// </summary>
    private static bool IsIdentifierCharacter(int c) =>
        c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

    /// <summary>A character no token starts with, reported as CPython's tokenizer and parser report it.</summary>
    private void InvalidCharacter(IToken token)
    {
        var text = token.Text;
        int codePoint = char.ConvertToUtf32(text, 0);
        if (codePoint == '\\' && Peek(1) == IntStreamConstants.EOF)
        {
            // CPython reads a missing final line end as present, so this is a continuation at the end.
            CheckContinuationHasNextLine(token);
        }
        else if (codePoint == '\\')
        {
            Fail(LexicalErrorKind.InvalidSyntax, "unexpected character after line continuation character", token.Line, token.Column);
        }
        else if (codePoint < 128)
        {
            Fail(LexicalErrorKind.InvalidSyntax, "invalid syntax", token.Line, token.Column);
        }
        else if (IsPrintable(codePoint))
        {
            Fail(LexicalErrorKind.InvalidToken, $"invalid character '{text}' (U+{codePoint:X4})", token.Line, token.Column);
        }
        else
        {
            Fail(LexicalErrorKind.InvalidToken, $"invalid non-printable character U+{codePoint:X4}", token.Line, token.Column);
        }
    }

    private static bool IsPrintable(int codePoint)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        return category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
    }
}
