using System;
using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Grammar;

/// <summary>
/// A token of the Python lexer. ANTLR's <see cref="CommonToken"/> (64 bytes) got a
/// <see cref="TerminalNodeImpl"/> (32 bytes) when the parser consumed it; a token the parser sees
/// is a <see cref="PythonLeafToken"/>, its own leaf in the parse tree (40 bytes), and a hidden one
/// (spaces, comments, line joins: three tokens in ten) is this class alone (32 bytes): the start,
/// index, type, length and channel share one 64-bit word (a token where one does not fit is a
/// <see cref="PythonWideToken"/>), the text is read from the input, and the line and column are answered from
/// the file's line table (<see cref="TokenOrigin"/>) when asked, which is rarely. The empty INDENT,
/// DEDENT and final NEWLINE are <see cref="PythonEmptyToken"/>s; a token whose text differs from its
/// characters otherwise (EOF, one ANTLR's error recovery makes) is a <see cref="PythonTextToken"/>,
/// which keeps its text and position. Every token of a file stays alive while the file is parsed
/// and checked (the token list and the tree keep them), so this is memory the garbage collector
/// copies too (docs/performance.md, fifth and seventh rounds, and "Parse, ninth round").
/// <para>
/// As a leaf a token reads as <see cref="TerminalNodeImpl"/> does: <see cref="Symbol"/> is the token
/// itself, <see cref="ToString"/> its text. A token lands in one tree at a time: when the parser
/// parses the stream again (the full-LL stage after SLL fails), the new tree becomes its parent.
/// </para>
/// </summary>
public class PythonToken : IWritableToken, ITerminalNode
{
    // Start, index, type, length and channel in one word where they fit: 24 bits of start
    // index, 24 of token index (plus one), 8 of type (plus one), 7 of length, 1 of channel. A token
    // where one does not fit (a long token, a file of 4M characters or more, a channel other than
    // the two the lexer uses) is a PythonWideToken, whose word is always Wide and whose fields hold them.
    private const ulong Wide = ulong.MaxValue;
    private const int PositionBits = 24;
    private const ulong PositionMask = (1UL << PositionBits) - 1;
    private const int TypeShift = 48;
    private const int LengthShift = 56;
    private const int MaxLength = 127;
    private const int ChannelShift = 63;

    /// <summary>Inputs shorter than this place every token's start and index in 24 bits (a file has at most three tokens a character, and two more).</summary>
    public const int PackedInputLimit = 1 << 22;

    private readonly Tuple<ITokenSource, ICharStream> source;
    private ulong packed;

    /// <summary>A token of a <see cref="TokenOrigin"/>, whose line table gives its line and column.</summary>
    public PythonToken(TokenOrigin source, int type, int channel, int start, int stop)
        : this((Tuple<ITokenSource, ICharStream>)source, type, channel, start, stop)
    {
    }

    /// <summary>For <see cref="PythonTextToken"/>, which may come from elsewhere and keeps its position itself.</summary>
    private protected PythonToken(Tuple<ITokenSource, ICharStream> source, int type, int channel, int start, int stop)
    {
        this.source = source;
        if (this is PythonWideToken)
        {
            packed = Wide; // only a wide token reads its fields (the properties' Unsafe.As)
        }
        else if (Fits(source, type, channel, start, stop))
        {
            packed = (uint)start | ((ulong)(uint)(type + 1) << TypeShift) | ((ulong)(uint)(stop - start + 1) << LengthShift) | ((ulong)(uint)channel << ChannelShift);
        }
        else
        {
            throw new ArgumentException("The token's figures do not fit in one word: create it with PythonToken.Create, which makes a PythonWideToken then.");
        }
    }

    /// <summary>
    /// A hidden token (on <see cref="TokenConstants.HiddenChannel"/>) or a <see cref="PythonLeafToken"/>, the kind the parser
    /// may consume; a <see cref="PythonWideToken"/> where the token's figures do not fit in one word.
    /// </summary>
    public static PythonToken Create(TokenOrigin source, int type, int channel, int start, int stop) =>
        !Fits(source, type, channel, start, stop) ? new PythonWideToken(source, type, channel, start, stop)
        : channel == TokenConstants.HiddenChannel ? new PythonToken(source, type, channel, start, stop)
        : new PythonLeafToken(source, type, channel, start, stop);

    /// <summary>Whether a token's figures fit in one word: its start, its index (any the token list gives, in an input that short), type, length and channel.</summary>
    private protected static bool Fits(Tuple<ITokenSource, ICharStream> source, int type, int channel, int start, int stop) =>
        source is TokenOrigin { Item2: { } input } && input.Size < PackedInputLimit
        && (uint)start <= PositionMask && (uint)(stop - start + 1) <= MaxLength
        && (uint)(type + 1) <= byte.MaxValue && (uint)channel <= 1;

    private bool IsWide => packed == Wide;

    private PythonWideToken AsWide => Unsafe.As<PythonWideToken>(this);

    public int Type
    {
        get => IsWide ? AsWide.WideType : (int)((packed >> TypeShift) & byte.MaxValue) - 1;
        set
        {
            if (IsWide)
            {
                AsWide.WideType = value;
            }
            else if ((uint)(value + 1) <= byte.MaxValue)
            {
                packed = (packed & ~((ulong)byte.MaxValue << TypeShift)) | ((ulong)(uint)(value + 1) << TypeShift);
            }
            else
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A PythonToken's type is from -1 to 254.");
            }
        }
    }

    public int Channel
    {
        get => IsWide ? AsWide.WideChannel : (int)(packed >> ChannelShift);
        set
        {
            if (IsWide)
            {
                AsWide.WideChannel = value;
            }
            else if ((uint)value <= 1)
            {
                packed = (packed & ~(1UL << ChannelShift)) | ((ulong)(uint)value << ChannelShift);
            }
            else
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A PythonToken is on the default or the hidden channel.");
            }
        }
    }

    /// <summary>The line of the token's first character, from the file's line table.</summary>
    public virtual int Line
    {
        get => ((TokenOrigin)source).Lines.LineOf(StartIndex);
        set => throw new NotSupportedException("A PythonToken's line comes from its position; create a PythonTextToken to place a token elsewhere.");
    }

    /// <summary>The column (in code points, from 0) of the token's first character, from the file's line table.</summary>
    public virtual int Column
    {
        get => ((TokenOrigin)source).Lines.ColumnOf(StartIndex);
        set => throw new NotSupportedException("A PythonToken's column comes from its position; create a PythonTextToken to place a token elsewhere.");
    }

    /// <summary>The token's place in the token list, -1 until the list gives it one.</summary>
    public int TokenIndex
    {
        get => IsWide ? AsWide.WideIndex : (int)((packed >> PositionBits) & PositionMask) - 1;
        set
        {
            if (IsWide)
            {
                AsWide.WideIndex = value;
            }
            else if ((uint)(value + 1) <= PositionMask)
            {
                packed = (packed & ~(PositionMask << PositionBits)) | ((ulong)(uint)(value + 1) << PositionBits);
            }
            else
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A token of an input this short has a smaller index.");
            }
        }
    }

    public int StartIndex => IsWide ? AsWide.WideStart : (int)(packed & PositionMask);

    public int StopIndex => IsWide ? AsWide.WideStop : (int)(packed & PositionMask) + (int)((packed >> LengthShift) & MaxLength) - 1;

    public ITokenSource TokenSource => source.Item1;

    public ICharStream InputStream => source.Item2;

    /// <summary>The token's characters in the input, as <see cref="CommonToken"/> reads them when it has no text of its own.</summary>
    public virtual string Text
    {
        get
        {
            var input = source.Item2;
            if (input is null)
            {
                return null!;
            }
            int size = input.Size;
            return StartIndex < size && StopIndex < size ? input.GetText(Interval.Of(StartIndex, StopIndex)) : "<EOF>";
        }
        set => throw new NotSupportedException("A PythonToken reads its text from the input; create a PythonTextToken for other text.");
    }

    /// <summary>The rule node this token is a leaf of, once the parser consumed it; a hidden token is never one.</summary>
    public virtual IRuleNode Parent
    {
        get => null!;
        set => throw new InvalidOperationException("A hidden token is no leaf of a parse tree.");
    }

    public IToken Symbol => this;

    IParseTree IParseTree.Parent => Parent;

    ITree ITree.Parent => Parent;

    object ITree.Payload => this;

    public Interval SourceInterval => new(TokenIndex, TokenIndex);

    public int ChildCount => 0;

    public IParseTree GetChild(int i) => null!;

    ITree ITree.GetChild(int i) => null!;

    public T Accept<T>(IParseTreeVisitor<T> visitor) => visitor.VisitTerminal(this);

    public string GetText() => Text;

    public string ToStringTree(Parser parser) => ToString();

    public string ToStringTree() => ToString();

    public override string ToString() => Type == TokenConstants.EOF ? "<EOF>" : Text;
}

/// <summary>A <see cref="PythonToken"/> on the default channel: the parser may make it a leaf of its tree.</summary>
public class PythonLeafToken : PythonToken
{
    private IRuleNode parent = null!;

    public PythonLeafToken(TokenOrigin source, int type, int channel, int start, int stop)
        : base(source, type, channel, start, stop)
    {
    }

    private protected PythonLeafToken(Tuple<ITokenSource, ICharStream> source, int type, int channel, int start, int stop)
        : base(source, type, channel, start, stop)
    {
    }

    public override IRuleNode Parent
    {
        get => parent;
        set => parent = value;
    }
}

/// <summary>An empty token the lexer makes for the layout (INDENT, DEDENT, the final NEWLINE), placed at a character of the input.</summary>
public sealed class PythonEmptyToken : PythonLeafToken
{
    private PythonEmptyToken(TokenOrigin source, int type, int at)
        : base(source, type, TokenConstants.DefaultChannel, at, at - 1)
    {
    }

    /// <summary>An empty token at <paramref name="at"/>: a <see cref="PythonEmptyToken"/>, or where its figures do not fit in one word, a <see cref="PythonTextToken"/> with empty text.</summary>
    public static PythonLeafToken Create(TokenOrigin source, int type, int at) =>
        Fits(source, type, TokenConstants.DefaultChannel, at, at - 1)
            ? new PythonEmptyToken(source, type, at)
            : new PythonTextToken(source, type, TokenConstants.DefaultChannel, at, at - 1, source.Lines.LineOf(at), source.Lines.ColumnOf(at), string.Empty);

    public override string Text
    {
        get => string.Empty;
        set => throw new NotSupportedException("An empty token has no text.");
    }
}

/// <summary>
/// A <see cref="PythonToken"/> whose text is its own, not its characters in the input (EOF, a token
/// ANTLR's error recovery conjures), and whose line and column are its own too.
/// </summary>
public sealed class PythonTextToken : PythonWideToken
{
    private string? text;
    private int line;
    private int column;

    /// <param name="text">The token's text; null reads it from the input.</param>
    public PythonTextToken(Tuple<ITokenSource, ICharStream> source, int type, int channel, int start, int stop, int line, int column, string? text)
        : base(source, type, channel, start, stop)
    {
        this.text = text;
        this.line = line;
        this.column = column;
    }

    public override string Text
    {
        get => text ?? base.Text;
        set => text = value;
    }

    public override int Line
    {
        get => line;
        set => line = value;
    }

    public override int Column
    {
        get => column;
        set => column = value;
    }
}

/// <summary>
/// A <see cref="PythonToken"/> whose start, index, type, length or channel does not fit in the packed
/// word (a token of 128 characters or more, a file of 4M characters or more, EOF's text token): it
/// keeps them in fields of their own. It may be hidden; the parser consumes only those that are not.
/// </summary>
public class PythonWideToken : PythonLeafToken
{
    internal int WideStart;
    internal int WideStop;
    internal int WideIndex;
    internal int WideType;
    internal int WideChannel;

    public PythonWideToken(Tuple<ITokenSource, ICharStream> source, int type, int channel, int start, int stop)
        : base(source, type, channel, start, stop)
    {
        WideStart = start;
        WideStop = stop;
        WideIndex = -1;
        WideType = type;
        WideChannel = channel;
    }
}
