using Antlr4.Runtime;

namespace Switcheroo.Grammar;

// Logical lines, indentation and brackets, after CPython's Parser/tokenizer.c.
public abstract partial class PythonLexerBase
{
    /// <summary>CPython's MAXINDENT: at most 99 nested indented blocks.</summary>
    private const int MaxIndentLevels = 100;

    /// <summary>CPython's MAXLEVEL: at most 200 open brackets.</summary>
    private const int MaxBracketDepth = 200;

    private const int TabSize = 8;

    private readonly List<(int Column, int AltColumn)> _indents = new() { (0, 0) };
    private readonly List<Bracket> _brackets = new();
    private bool _atLineStart = true;
    private int _lineStartIndex;
    private int _lineTokens;

    /// <summary>An open bracket; <see cref="IsField"/> marks the brace that opens an f-string replacement field.</summary>
    /// <summary>An open bracket: its token, whose line and column are read only for an error (a token answers them from the line table).</summary>
    private readonly record struct Bracket(IToken Token, bool IsField)
    {
        public int Type => Token.Type;

        public int Line => Token.Line;

        public int Column => Token.Column;
    }

    private void ResetLayout()
    {
        _indents.Clear();
        _indents.Add((0, 0));
        _brackets.Clear();
        _atLineStart = true;
        _lineStartIndex = 0;
    }

    /// <summary>A physical line end: a logical NEWLINE, or a hidden NL inside brackets and on blank lines.</summary>
    private void LineEnd(PythonToken token)
    {
        if (_brackets.Count > 0 || _atLineStart)
        {
            token.Type = PythonLexer.NL;
            token.Channel = TokenConstants.HiddenChannel;
        }
        else
        {
            _lineTokens = 0;
        }
        _atLineStart = _brackets.Count == 0;
        _lineStartIndex = token.StopIndex + 1;
        Enqueue(token);
    }

    /// <summary>
    /// ANTLR's line counter only counts '\n', but CPython also ends a line at a lone '\r' (old Mac
    /// files); without this every later token and error would be reported on the wrong line.
    /// </summary>
    private void CountLoneCarriageReturn(IToken lineEnd)
    {
        if (lineEnd.StopIndex >= lineEnd.StartIndex && CharAt(lineEnd.StopIndex) == '\r')
        {
            StartNextLine();
        }
    }

    private void StartNextLine()
    {
        Line++;
        Column = 0;
    }

    /// <summary>
    /// A backslash continuation must be followed by a line: at the end of the input CPython reports
    /// "unexpected EOF while parsing" just after the backslash. An open bracket or literal is
    /// reported instead, by <see cref="Finish"/>, as CPython does.
    /// </summary>
    private void CheckContinuationHasNextLine(IToken backslash)
    {
        if (Peek(1) == IntStreamConstants.EOF && _brackets.Count == 0 && _modes.Count == 0)
        {
            Fail(LexicalErrorKind.InvalidSyntax, "unexpected EOF while parsing", backslash.Line, backslash.Column + 1);
        }
    }

    /// <summary>A token the parser sees: settles the indentation of its line first, then tracks brackets.</summary>
    private void Significant(IToken token)
    {
        if (_atLineStart && _brackets.Count == 0)
        {
            _atLineStart = false;
            if (!Indent(token))
            {
                return;
            }
        }
        _atLineStart = false;
        TrackBracket(token);
        CountForNesting(token);
        Enqueue(token);
    }

    private void CountForNesting(IToken token)
    {
        if (++_lineTokens > LongestLogicalLine)
        {
            LongestLogicalLine = _lineTokens;
        }
        if (token.Type == PythonLexer.ELIF)
        {
            Elifs++;
        }
    }

    /// <summary>Compares the line's indentation with the stack, queueing INDENT or DEDENTs (CPython's rules, TabError included).</summary>
    private bool Indent(IToken first)
    {
        var (column, altColumn) = MeasureIndentation(first.StartIndex);
        var (top, altTop) = _indents[^1];
        if (column == top)
        {
            return altColumn == altTop || InconsistentTabs(first);
        }
        if (column > top)
        {
            if (_indents.Count >= MaxIndentLevels)
            {
                Fail(LexicalErrorKind.Indentation, "too many levels of indentation", first.Line, first.Column);
                return false;
            }
            if (altColumn <= altTop)
            {
                return InconsistentTabs(first);
            }
            _indents.Add((column, altColumn));
            Enqueue(MakeEmptyToken(PythonLexer.INDENT, first));
            return true;
        }
        while (_indents.Count > 1 && column < _indents[^1].Column)
        {
            _indents.RemoveAt(_indents.Count - 1);
            Enqueue(MakeEmptyToken(PythonLexer.DEDENT, first));
        }
        if (column != _indents[^1].Column)
        {
            Fail(LexicalErrorKind.Indentation, "unindent does not match any outer indentation level", first.Line, first.Column);
            return false;
        }
        return altColumn == _indents[^1].AltColumn || InconsistentTabs(first);
    }

    private bool InconsistentTabs(IToken at)
    {
        Fail(LexicalErrorKind.TabsAndSpaces, "inconsistent use of tabs and spaces in indentation", at.Line, at.Column);
        return false;
    }

    /// <summary>The indentation column with tabs to multiples of 8, and the "alternate" column with tabs as 1 (CPython's consistency check).</summary>
    private (int Column, int AltColumn) MeasureIndentation(int firstTokenIndex)
    {
        if (firstTokenIndex <= _lineStartIndex)
        {
            return (0, 0);
        }
        int column = 0, altColumn = 0, joinColumn = 0;
        for (int i = _lineStartIndex; i < firstTokenIndex; i++)
        {
            int ch = CharAt(i);
            if (ch is '\\' or '\r' or '\n')
            {
                // A line join: as in CPython, the column of the first backslash not at the line's
                // start is the indentation; at the start, counting goes on into the next line.
                if (ch == '\\' && joinColumn == 0)
                {
                    joinColumn = column;
                }
                continue;
            }
            if (ch == ' ')
            {
                column++;
                altColumn++;
            }
            else if (ch == '\t')
            {
                column = (column / TabSize + 1) * TabSize;
                altColumn++;
            }
            else if (ch == '\f')
            {
                column = altColumn = 0;
            }
            else
            {
                break;
            }
        }
        return joinColumn > 0 ? (joinColumn, joinColumn) : (column, altColumn);
    }

    private void TrackBracket(IToken token)
    {
        switch (token.Type)
        {
            case PythonLexer.LPAR:
            case PythonLexer.LSQB:
            case PythonLexer.LBRACE:
                OpenBracket(token, isField: false);
                break;
            case PythonLexer.RPAR:
            case PythonLexer.RSQB:
            case PythonLexer.RBRACE:
                CloseBracket(token);
                break;
        }
    }

    private bool OpenBracket(IToken token, bool isField)
    {
        if (_brackets.Count >= MaxBracketDepth)
        {
            Fail(LexicalErrorKind.Bracket, "too many nested parentheses", token.Line, token.Column);
            return false;
        }
        _brackets.Add(new Bracket(token, isField));
        return true;
    }

    private void CloseBracket(IToken token)
    {
        var closing = token.Type switch { PythonLexer.RPAR => ")", PythonLexer.RSQB => "]", _ => "}" };
        if (_brackets.Count == 0)
        {
            Fail(LexicalErrorKind.Bracket, $"unmatched '{closing}'", token.Line, token.Column);
            return;
        }
        var open = _brackets[^1];
        if (open.IsField && token.Type != PythonLexer.RBRACE)
        {
            Fail(LexicalErrorKind.Bracket, $"f-string: unmatched '{closing}'", token.Line, token.Column);
            return;
        }
        if (!open.IsField && open.Type != OpeningFor(token.Type))
        {
            var opening = BracketText(open.Type);
            var where = open.Line != token.Line ? $" on line {open.Line}" : string.Empty;
            Fail(LexicalErrorKind.Bracket,
                $"closing parenthesis '{closing}' does not match opening parenthesis '{opening}'{where}", token.Line, token.Column);
            return;
        }
        _brackets.RemoveAt(_brackets.Count - 1);
        if (open.IsField)
        {
            FieldClosed();
        }
    }

    private static int OpeningFor(int closingType) => closingType switch
    {
        PythonLexer.RPAR => PythonLexer.LPAR,
        PythonLexer.RSQB => PythonLexer.LSQB,
        _ => PythonLexer.LBRACE,
    };

    private static string BracketText(int openingType) => openingType switch
    {
        PythonLexer.LPAR => "(",
        PythonLexer.LSQB => "[",
        _ => "{",
    };

    /// <summary>End of input: unclosed brackets are errors; otherwise close the last line and every open block.</summary>
    private void Finish(IToken eof)
    {
        if (_modes.Count > 0)
        {
            FailUnterminated(_modes[^1].FString);
            return;
        }
        if (_brackets.Count > 0)
        {
            var open = _brackets[^1];
            Fail(LexicalErrorKind.Bracket, $"'{BracketText(open.Type)}' was never closed", open.Line, open.Column);
            return;
        }
        if (!_atLineStart)
        {
            Enqueue(MakeEmptyToken(PythonLexer.NEWLINE, eof));
        }
        while (_indents.Count > 1)
        {
            _indents.RemoveAt(_indents.Count - 1);
            Enqueue(MakeEmptyToken(PythonLexer.DEDENT, eof));
        }
        Enqueue(eof);
        _finished = true;
    }
}
