using System;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;

namespace Switcheroo.Grammar;

/// <summary>
/// A token of the Python lexer that is also its own leaf in the parse tree. ANTLR's
/// <see cref="CommonToken"/> (64 bytes) got a <see cref="TerminalNodeImpl"/> (32 bytes) when the
/// parser consumed it; this is one object of 56: the type and channel are shorts, and the text is
/// read from the input (a token whose text differs from its characters, such as EOF or the empty
/// INDENT and DEDENT tokens, is a <see cref="PythonTextToken"/>). Every token of a file stays alive
/// while the file is parsed and checked (the token list and the tree keep them), so this is memory
/// the garbage collector copies too (docs/performance.md, fifth round).
/// <para>
/// As a leaf it reads as <see cref="TerminalNodeImpl"/> does: <see cref="Symbol"/> is the token
/// itself, <see cref="ToString"/> its text. A token lands in one tree at a time: when the parser
/// parses the stream again (the full-LL stage after SLL fails), the new tree becomes its parent.
/// </para>
/// </summary>
public class PythonToken : IWritableToken, ITerminalNode
{
    private readonly Tuple<ITokenSource, ICharStream> source;
    private short type;
    private short channel;

    public PythonToken(Tuple<ITokenSource, ICharStream> source, int type, int channel, int start, int stop, int line, int column)
    {
        this.source = source;
        Type = type;
        Channel = channel;
        StartIndex = start;
        StopIndex = stop;
        Line = line;
        Column = column;
        TokenIndex = -1;
    }

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

    public int Line { get; set; }

    public int Column { get; set; }

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

    /// <summary>The rule node this token is a leaf of, once the parser consumed it.</summary>
    public IRuleNode Parent { get; set; } = null!;

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

/// <summary>A <see cref="PythonToken"/> whose text is its own, not its characters in the input (EOF, INDENT, DEDENT).</summary>
public sealed class PythonTextToken : PythonToken
{
    private string text;

    public PythonTextToken(Tuple<ITokenSource, ICharStream> source, int type, int channel, int start, int stop, int line, int column, string text)
        : base(source, type, channel, start, stop, line, column)
    {
        this.text = text;
    }

    public override string Text
    {
        get => text;
        set => text = value;
    }
}
