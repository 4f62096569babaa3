using System.Diagnostics;
using System.IO;
using Antlr4.Runtime;

namespace Switcheroo.Grammar;

/// <summary>
/// The context-sensitive half of the Python tokenizer, under the generated <c>PythonLexer</c>.
/// It turns physical line ends into NEWLINE (logical) or NL (hidden), emits INDENT/DEDENT as
/// CPython does, scans string and f-string literals by hand (3.12 lets f-strings nest with the
/// same quotes), and stops at the first error with CPython's message. Every character of the input
/// lands in exactly one token; synthetic tokens (INDENT, DEDENT, a final NEWLINE) are empty, so the
/// text of all tokens, hidden ones included, is the input.
/// </summary>
public abstract partial class PythonLexerBase : Lexer
{
    private readonly Queue<IToken> _pending = new();
    private bool _finished;

    protected PythonLexerBase(ICharStream input, TextWriter output, TextWriter errorOutput)
        : base(input, output, errorOutput)
    {
        Origin = new TokenOrigin(this, input);
        _text = (input as ITextCharStream)?.Text;
        TokenFactory = PythonTokenFactory.Instance;
    }

    private ICharStream Input => (ICharStream)InputStream;

    /// <summary>This lexer and its input, with the input's line table: what the tokens answer their line and column from.</summary>
    public TokenOrigin Origin { get; }

    /// <summary>The first lexical error, or null. Lexing stops at it (the stream then ends with EOF).</summary>
    public LexicalError? Error { get; private set; }

    /// <summary>
    /// The most tokens the parser sees (names, operators, literals; not layout tokens) on one
    /// logical line. With <see cref="Elifs"/> and the indentation limit it bounds how deeply a file's
    /// statements and expressions can nest, so the engine can skip measuring ordinary files.
    /// </summary>
    public int LongestLogicalLine { get; private set; }

    /// <summary>How many <c>elif</c> keywords the file has: each nests an <c>if</c> in CPython's tree.</summary>
    public int Elifs { get; private set; }

    public override IToken NextToken()
    {
        while (_pending.Count == 0)
        {
            if (_finished)
            {
                return MakeToken(TokenConstants.EOF, TokenConstants.DefaultChannel, Input.Index, Line, Column, "<EOF>");
            }
            Produce();
        }
        return _pending.Dequeue();
    }

    public override void Reset()
    {
        base.Reset();
        _pending.Clear();
        _finished = false;
        Error = null;
        LongestLogicalLine = 0;
        Elifs = 0;
        _lineTokens = 0;
        FirstBadEscape = null;
        ResetLayout();
        ResetStrings();
    }

    private void Produce()
    {
        if (TryScanByteOrderMark() || TryScanInsideFString())
        {
            return;
        }
        if (TryScanStringStart())
        {
            return;
        }
        var token = TryScanPlainToken() ?? base.NextToken();
        switch (token.Type)
        {
            case TokenConstants.EOF:
                Finish(token);
                break;
            case PythonLexer.NEWLINE:
                CountLoneCarriageReturn(token);
                LineEnd((PythonToken)token);
                break;
            case PythonLexer.LINE_JOIN:
                CountLoneCarriageReturn(token);
                Enqueue(token);
                CheckContinuationHasNextLine(token);
                break;
            case PythonLexer.WS:
            case PythonLexer.COMMENT:
                Enqueue(token);
                break;
            case PythonLexer.NUMBER:
            case PythonLexer.LEADING_ZERO_INTEGER:
                CheckNumber(token);
                Significant(token);
                break;
            case PythonLexer.ERROR_CHAR:
                InvalidCharacter(token);
                break;
            default:
                Significant(token);
                break;
        }
    }

    /// <summary>Queues a token the parser sees (or a hidden one): the single exit for produced tokens.</summary>
    private void Enqueue(IToken token)
    {
        if (!_finished)
        {
            _pending.Enqueue(token);
        }
    }

    /// <summary>Records the first error and ends the stream there.</summary>
    protected void Fail(LexicalErrorKind kind, string message, int line, int zeroBasedColumn)
    {
        if (Error is null)
        {
            Error = new LexicalError(kind, message, line, zeroBasedColumn + 1);
        }
        _pending.Clear();
        _finished = true;
    }

    private PythonToken MakeToken(int type, int channel, int start, int line, int column, string? text = null)
    {
        if (text is not null)
        {
            return new PythonTextToken(Origin, type, channel, start, Input.Index - 1, line, column, text);
        }
        var token = PythonToken.Create(Origin, type, channel, start, Input.Index - 1);
        Debug.Assert(token.Line == line && token.Column == column, "the line table places a token where the lexer counted it");
        return token;
    }

    /// <summary>An empty token at the position of <paramref name="at"/> (INDENT, DEDENT, final NEWLINE).</summary>
    private PythonToken MakeEmptyToken(int type, IToken at)
    {
        var token = PythonEmptyToken.Create(Origin, type, at.StartIndex);
        Debug.Assert(token.Line == at.Line && token.Column == at.Column, "the line table places a token where the lexer counted it");
        return token;
    }

    /// <summary>Consumes one character, keeping the line and column counters right (a lone '\r' ends a line too).</summary>
    private void Advance()
    {
        bool loneCarriageReturn = Peek(1) == '\r' && Peek(2) != '\n';
        Interpreter.Consume(Input);
        if (loneCarriageReturn)
        {
            StartNextLine();
        }
    }

    private int Peek(int offset) => Input.LA(offset);

    /// <summary>The character at an absolute input index, without building a string (a token's <c>Text</c> does).</summary>
    private int CharAt(int index) => index < Input.Index ? Input.LA(index - Input.Index) : Input.LA(index - Input.Index + 1);
}
