using Antlr4.Runtime;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// A <see cref="CommonTokenStream"/> that fills a token list this thread reuses from file to file
/// and hands the <see cref="SyntaxTree"/> an array of exactly the file's tokens
/// (<see cref="TakeTokens"/>). ANTLR's list starts at 100 entries and doubles some ten times over
/// for a large file; sized from the characters (0.22 tokens per character in the standard library)
/// it still doubled for the files denser than that, and each list was one of the largest arrays a
/// parse allocated, most of them on the large-object heap (docs/performance.md, "Parse, eighth round").
/// </summary>
internal sealed class SizedTokenStream : CommonTokenStream
{
    /// <summary>A cleared list per thread, for the next file's tokens.</summary>
    [ThreadStatic]
    private static List<IToken>? spare;

    /// <summary>Larger lists (a file of some four million characters) are left to the collector rather than kept.</summary>
    private const int MaxSpare = 1 << 20;

    public SizedTokenStream(ITokenSource source, int characters)
        : base(source)
    {
        tokens = spare ?? new List<IToken>(characters / 4 + 16);
        spare = null;
    }

    /// <summary>
    /// The file's tokens as an array of their exact number, for the syntax tree; the list goes back
    /// to this thread for the next file (cleared, so it keeps no token alive). The stream reads the
    /// array after this, and must not be filled any further.
    /// </summary>
    public IToken[] TakeTokens()
    {
        if (tokens is not List<IToken> list)
        {
            return tokens as IToken[] ?? tokens.ToArray();
        }
        var all = list.ToArray();
        tokens = all;
        list.Clear();
        if (list.Capacity <= MaxSpare)
        {
            spare = list;
        }
        return all;
    }
}
