namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// Token spans added one by one, answering "does one span cover tokens <c>first</c>..<c>last</c>"
/// in O(log n) however many spans there are, so asking it for every node of a file stays linear in
/// the file. One span covers the range exactly when it starts at or before <c>first</c> and ends
/// at or after <c>last</c>, so it keeps, per start position, the furthest end (a Fenwick tree of
/// prefix maxima).
/// </summary>
internal sealed class SpanIndex
{
    private readonly int[] _furthestEnd;

    public SpanIndex(int tokenCount)
    {
        _furthestEnd = new int[tokenCount + 1];
        Array.Fill(_furthestEnd, int.MinValue);
    }

    public void Add(int first, int last)
    {
        // A span starting before the first token covers what one starting at it would.
        for (int i = Math.Max(first, 0) + 1; i < _furthestEnd.Length; i += i & -i)
        {
            if (_furthestEnd[i] < last)
            {
                _furthestEnd[i] = last;
            }
        }
    }

    /// <summary>True when one added span covers every token from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public bool Covers(int first, int last)
    {
        int furthest = int.MinValue;
        for (int i = Math.Min(first + 1, _furthestEnd.Length - 1); i > 0; i -= i & -i)
        {
            furthest = Math.Max(furthest, _furthestEnd[i]);
        }
        return furthest >= last;
    }
}
