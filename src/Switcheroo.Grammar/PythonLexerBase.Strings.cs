using Antlr4.Runtime;

namespace Switcheroo.Grammar;

// String, bytes and f-string literals, scanned by hand: a plain literal becomes one STRING token;
// an f-string becomes FSTRING_START, FSTRING_MIDDLE/LBRACE ... RBRACE parts and FSTRING_END, with
// the replacement fields lexed as ordinary code (PEP 701, Python 3.12).
public abstract partial class PythonLexerBase
{
    /// <summary>CPython's MAXFSTRINGLEVEL is 150 tokenizer modes, its regular mode included: at most 149 open f-strings.</summary>
    private const int MaxOpenFStrings = 149;

    /// <summary>CPython's MAX_EXPR_NESTING: a field, a field in its format spec, and one more in that one's.</summary>
    private const int MaxFieldNesting = 3;

    private readonly List<LexMode> _modes = new();

    /// <summary>An open f-string literal.</summary>
    private sealed record FString(int Quote, bool Triple, bool Raw, int Line, int Column);

    /// <summary>A string or bytes literal being scanned.</summary>
    private readonly record struct PlainString(int Quote, bool Triple, bool Raw, bool Bytes);

    /// <summary>
    /// What the lexer is inside: the literal text of an f-string (<see cref="IsField"/> false), or one
    /// of its replacement fields, which is ordinary code until its format spec starts (<see cref="InSpec"/>).
    /// </summary>
    private sealed class LexMode(FString fstring, bool isField, int bracketIndex)
    {
        public FString FString { get; } = fstring;
        public bool IsField { get; } = isField;
        public int BracketIndex { get; } = bracketIndex;
        public bool InSpec { get; set; }
    }

    private void ResetStrings() => _modes.Clear();

    /// <summary>Scans f-string text, or the colon that starts a format spec; false when ordinary lexing applies.</summary>
    private bool TryScanInsideFString()
    {
        if (_modes.Count == 0)
        {
            return false;
        }
        var top = _modes[^1];
        if (!top.IsField || top.InSpec)
        {
            ScanFStringText(top.FString, inSpec: top.InSpec);
            return true;
        }
        if (Peek(1) == ':' && _brackets.Count - 1 == top.BracketIndex)
        {
            int start = Input.Index, line = Line, column = Column;
            Advance();
            top.InSpec = true;
            Significant(MakeToken(PythonLexer.COLON, TokenConstants.DefaultChannel, start, line, column));
            return true;
        }
        return false;
    }

    /// <summary>Scans a literal if one starts here; its prefix (r, b, u, f and their pairs) decides the kind.</summary>
    private bool TryScanStringStart()
    {
        int prefixLength = StringPrefixLength();
        if (prefixLength < 0)
        {
            return false;
        }
        bool raw = false, bytes = false, format = false;
        for (int i = 1; i <= prefixLength; i++)
        {
            switch (char.ToLowerInvariant((char)Peek(i)))
            {
                case 'r': raw = true; break;
                case 'b': bytes = true; break;
                case 'f': format = true; break;
            }
        }
        int quote = Peek(prefixLength + 1);
        bool triple = Peek(prefixLength + 2) == quote && Peek(prefixLength + 3) == quote;
        int start = Input.Index, line = Line, column = Column;
        for (int i = prefixLength + (triple ? 3 : 1); i > 0; i--)
        {
            Advance();
        }
        if (format)
        {
            if (OpenFStrings() >= MaxOpenFStrings)
            {
                // At the opening quote, as CPython reports it.
                Fail(LexicalErrorKind.Bracket, "too many nested f-strings", line, Column - 1);
                return true;
            }
            Significant(MakeToken(PythonLexer.FSTRING_START, TokenConstants.DefaultChannel, start, line, column));
            _modes.Add(new LexMode(new FString(quote, triple, raw, line, column), isField: false, bracketIndex: -1));
            return true;
        }
        ScanPlainString(new PlainString(quote, triple, raw, bytes), start, line, column);
        return true;
    }

    /// <summary>The replacement fields of this f-string that are open: a field opened in a format spec nests in its field.</summary>
    private int FieldsOpenIn(FString fstring)
    {
        int open = 0;
        foreach (var mode in _modes)
        {
            open += mode.IsField && ReferenceEquals(mode.FString, fstring) ? 1 : 0;
        }
        return open;
    }

    private int OpenFStrings()
    {
        int open = 0;
        foreach (var mode in _modes)
        {
            open += mode.IsField ? 0 : 1;
        }
        return open;
    }

    /// <summary>The length of a valid string prefix followed by a quote at the cursor, or -1.</summary>
    private int StringPrefixLength()
    {
        int c1 = Peek(1);
        if (c1 == '\'' || c1 == '"')
        {
            return 0;
        }
        if (!IsPrefixLetter(c1))
        {
            return -1;
        }
        int c2 = Peek(2);
        if (c2 == '\'' || c2 == '"')
        {
            return 1;
        }
        int c3 = Peek(3);
        if ((c3 == '\'' || c3 == '"') && IsPrefixPair(char.ToLowerInvariant((char)c1), char.ToLowerInvariant((char)c2)))
        {
            return 2;
        }
        return -1;
    }

    private static bool IsPrefixLetter(int c) => c is 'r' or 'R' or 'b' or 'B' or 'u' or 'U' or 'f' or 'F';

    private static bool IsPrefixPair(char a, char b) =>
        (a, b) is ('r', 'b') or ('b', 'r') or ('r', 'f') or ('f', 'r');

    private void ScanPlainString(PlainString literal, int start, int line, int column)
    {
        var (quote, triple, bytes) = (literal.Quote, literal.Triple, literal.Bytes);
        int bodyStart = Input.Index;
        BadEscape? badEscape = null;
        while (true)
        {
            int c = Peek(1);
            if (c == IntStreamConstants.EOF || (!triple && (c == '\n' || c == '\r')))
            {
                FailUnterminatedString(quote, triple, line, column);
                return;
            }
            if (c == '\\')
            {
                if (!literal.Raw && badEscape is null && FirstBadEscape is null)
                {
                    badEscape = CheckEscape(bytes, bodyStart, start, quote, triple);
                }
                Advance();
                SkipEscapedCharacter();
                continue;
            }
            if (c == quote && (!triple || (Peek(2) == quote && Peek(3) == quote)))
            {
                for (int i = triple ? 3 : 1; i > 0; i--)
                {
                    Advance();
                }
                break;
            }
            if (bytes && c > 127)
            {
                Fail(LexicalErrorKind.InvalidToken, "bytes can only contain ASCII literal characters", line, column);
                return;
            }
            Advance();
        }
        // Counted only once the literal is complete: an unterminated literal is the tokenizer's error first.
        FirstBadEscape ??= badEscape;
        Significant(MakeToken(PythonLexer.STRING, TokenConstants.DefaultChannel, start, line, column));
    }

    /// <summary>After a backslash: the next character is literal text (a CRLF counts as one).</summary>
    private void SkipEscapedCharacter()
    {
        int next = Peek(1);
        if (next == IntStreamConstants.EOF)
        {
            return;
        }
        Advance();
        if (next == '\r' && Peek(1) == '\n')
        {
            Advance();
        }
    }

    /// <summary>Literal text of an f-string or of a format spec, up to a replacement field, the spec's end or the closing quote.</summary>
    private void ScanFStringText(FString fstring, bool inSpec)
    {
        int start = Input.Index, line = Line, column = Column;
        BadEscape? badEscape = null;
        while (true)
        {
            int c = Peek(1);
            if (inSpec && !fstring.Triple && (c == '\n' || c == '\r'))
            {
                // CPython 3.12.1+: a line end in the format spec of a one-line f-string ends the spec;
                // the field goes on as code, where the line end is whitespace inside the braces.
                FirstBadEscape ??= badEscape;
                EmitMiddle(start, line, column);
                _modes[^1].InSpec = false;
                return;
            }
            if (c == IntStreamConstants.EOF || (!fstring.Triple && (c == '\n' || c == '\r')))
            {
                FailUnterminated(fstring);
                return;
            }
            if (c == fstring.Quote && (!fstring.Triple || (Peek(2) == c && Peek(3) == c)))
            {
                if (inSpec)
                {
                    Fail(LexicalErrorKind.UnterminatedString, "f-string: expecting '}'", Line, Column);
                    return;
                }
                FirstBadEscape ??= badEscape;
                EmitMiddle(start, line, column);
                EmitFStringEnd(fstring);
                return;
            }
            if (c == '\\')
            {
                if (!fstring.Raw && badEscape is null && FirstBadEscape is null)
                {
                    badEscape = CheckEscape(bytes: false, start, start, fstring.Quote, fstring.Triple);
                }
                Advance();
                SkipFStringEscape(fstring);
                continue;
            }
            if (c == '{' || c == '}')
            {
                if (!inSpec && Peek(2) == c)
                {
                    Advance();
                    Advance();
                    continue;
                }
                if (c == '}' && !inSpec)
                {
                    Fail(LexicalErrorKind.InvalidToken, "f-string: single '}' is not allowed", Line, Column);
                    return;
                }
                FirstBadEscape ??= badEscape;
                EmitMiddle(start, line, column);
                EmitFieldBrace(fstring, opening: c == '{');
                return;
            }
            Advance();
        }
    }

    /// <summary>A backslash in f-string text: escapes the next character, except that braces still open or close fields, and \N{...} is one escape.</summary>
    private void SkipFStringEscape(FString fstring)
    {
        int next = Peek(1);
        if (next == '{' || next == '}')
        {
            return;
        }
        if (!fstring.Raw && next == 'N' && Peek(2) == '{')
        {
            Advance();
            while (Peek(1) != '}' && Peek(1) != fstring.Quote && Peek(1) != '\n' && Peek(1) != IntStreamConstants.EOF)
            {
                Advance();
            }
            if (Peek(1) == '}')
            {
                Advance();
            }
            return;
        }
        SkipEscapedCharacter();
    }

    private void EmitMiddle(int start, int line, int column)
    {
        if (Input.Index > start)
        {
            Enqueue(MakeToken(PythonLexer.FSTRING_MIDDLE, TokenConstants.DefaultChannel, start, line, column));
        }
    }

    private void EmitFStringEnd(FString fstring)
    {
        int start = Input.Index, line = Line, column = Column;
        for (int i = fstring.Triple ? 3 : 1; i > 0; i--)
        {
            Advance();
        }
        _modes.RemoveAt(_modes.Count - 1);
        Enqueue(MakeToken(PythonLexer.FSTRING_END, TokenConstants.DefaultChannel, start, line, column));
    }

    /// <summary>The brace that opens a replacement field, or the one that ends a field from inside its format spec.</summary>
    private void EmitFieldBrace(FString fstring, bool opening)
    {
        int start = Input.Index, line = Line, column = Column;
        Advance();
        var token = MakeToken(opening ? PythonLexer.LBRACE : PythonLexer.RBRACE, TokenConstants.DefaultChannel, start, line, column);
        if (!opening)
        {
            CloseBracket(token);
            Enqueue(token);
            return;
        }
        if (FieldsOpenIn(fstring) >= MaxFieldNesting)
        {
            // CPython's tokenizer reports this one character to the left of the brace.
            Fail(LexicalErrorKind.Bracket, "f-string: expressions nested too deeply", line, column - 1);
            return;
        }
        if (OpenBracket(token, isField: true))
        {
            _modes.Add(new LexMode(fstring, isField: true, bracketIndex: _brackets.Count - 1));
            Enqueue(token);
        }
    }

    /// <summary>Called when the brace closing a replacement field has been matched.</summary>
    private void FieldClosed() => _modes.RemoveAt(_modes.Count - 1);

    /// <summary>
    /// A string that never ends but opens with the quotes of the f-string around it was most likely
    /// meant to close that f-string: like CPython, report the field's missing brace (<c>f'{x'</c>).
    /// </summary>
    private void FailUnterminatedString(int quote, bool triple, int line, int column)
    {
        if (_modes.Count > 0 && _modes[^1].FString is { } around && around.Quote == quote && around.Triple == triple)
        {
            Fail(LexicalErrorKind.UnterminatedString, "f-string: expecting '}'", line, column);
            return;
        }
        FailUnterminated(triple, "string", line, column);
    }

    private void FailUnterminated(FString fstring) =>
        FailUnterminated(fstring.Triple, "f-string", fstring.Line, fstring.Column);

    private void FailUnterminated(bool triple, string what, int line, int column)
    {
        var kind = triple ? "triple-quoted " : string.Empty;
        Fail(LexicalErrorKind.UnterminatedString, $"unterminated {kind}{what} literal (detected at line {DetectedLine()})", line, column);
    }

    /// <summary>
    /// The line CPython names in "detected at line N": the last line it read. At the end of input
    /// after a final line end that is the line the line end closes, not the empty one after it.
    /// </summary>
    private int DetectedLine()
    {
        if (Peek(1) != IntStreamConstants.EOF || Input.Index == 0)
        {
            return Line;
        }
        var last = Input.GetText(new Antlr4.Runtime.Misc.Interval(Input.Index - 1, Input.Index - 1));
        return last is "\n" or "\r" ? Line - 1 : Line;
    }
}
