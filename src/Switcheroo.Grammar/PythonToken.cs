using System;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Grammar;

/// <summary>
/// A token of the Python lexer. ANTLR's <see cref="CommonToken"/> (64 bytes) got a
/// <see cref="TerminalNodeImpl"/> (32 bytes) when the parser consumed it; a token the parser sees
/// is a <see cref="PythonLeafToken"/>, its own leaf in the parse tree (48 bytes), and a hidden one
/// (spaces, comments, line joins: three tokens in ten) is this class alone (40 bytes): the type and
/// channel are shorts, the text is read from the input, and the line and column are answered from
/// the file's line table (<see cref="TokenOrigin"/>) when asked, which is rarely. The empty INDENT,
/// DEDENT and final NEWLINE are <see cref="PythonEmptyToken"/>s; a token whose text differs from its
/// characters otherwise (EOF, one ANTLR's error recovery makes) is a <see cref="PythonTextToken"/>,
/// which keeps its text and position. Every token of a file stays alive while the file is parsed
/// and checked (the token list and the tree keep them), so this is memory the garbage collector
/// copies too (docs/performance.md, fifth and seventh rounds).
/// <para>
/// As a leaf a token reads as <see cref="TerminalNodeImpl"/> does: <see cref="Symbol"/> is the token
/// itself, <see cref="ToString"/> its text. A token lands in one tree at a time: when the parser
/// parses the stream again (the full-LL stage after SLL fails), the new tree becomes its parent.
/// </para>
/// </summary>
public class PythonToken : IWritableToken, ITerminalNode
{
    private readonly Tuple<ITokenSource, ICharStream> source;
    private short type;
    private short channel;

    /// <summary>A token of a <see cref="TokenOrigin"/>, whose line table gives its line and column.</summary>
    public PythonToken(TokenOrigin source, int type, int channel, int start, int stop)
        : this((Tuple<ITokenSource, ICharStream>)source, type, channel, start, stop)
    {
    }

    /// <summary>For <see cref="PythonTextToken"/>, which may come from elsewhere and keeps its position itself.</summary>
    private protected PythonToken(Tuple<ITokenSource, ICharStream> source, int type, int channel, int start, int stop)
    {
        this.source = source;
        Type = type;
        Channel = channel;
        StartIndex = start;
        StopIndex = stop;
        TokenIndex = -1;
    }

    /// <summary>A hidden token (on <see cref="TokenConstants.HiddenChannel"/>) or a <see cref="PythonLeafToken"/>, the kind the parser may consume.</summary>
    public static PythonToken Create(TokenOrigin source, int type, int channel, int start, int stop) =>
        channel == TokenConstants.HiddenChannel
            ? new PythonToken(source, type, channel, start, stop)
            : new PythonLeafToken(source, type, channel, start, stop);

    public int Type
    {
        get => type;
        set => type = checked((short)value);
    }

    public int Channel
    {
        get => channel;
        set => channel = checked((short)value);
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

    public int TokenIndex { get; set; }

    public int StartIndex { get; set; }

    public int StopIndex { get; set; }

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
    public PythonEmptyToken(TokenOrigin source, int type, int at)
        : base(source, type, TokenConstants.DefaultChannel, at, at - 1)
    {
    }

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
public sealed class PythonTextToken : PythonLeafToken
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
