using Switcheroo.Engine.Rewriting;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// The index behind the edit plan's questions ("is this token replaced, discarded, embedded?")
/// answers exactly what a scan of every span would, empty and out-of-order spans included.
/// </summary>
public sealed class SpanIndexTests
{
    [Fact]
    public void AnswersAsAScanOfEverySpanWould()
    {
        const int tokens = 60;
        var random = new Random(20261206);
        var index = new SpanIndex(tokens);
        var spans = new List<(int First, int Last)>();
        for (int added = 0; added < 200; added++)
        {
            int first = random.Next(tokens), last = first + random.Next(-2, 12);
            index.Add(first, last);
            spans.Add((first, last));
            for (int a = 0; a < tokens; a++)
            {
                for (int b = a; b < Math.Min(tokens, a + 15); b++)
                {
                    bool scanned = spans.Any(s => s.First <= a && b <= s.Last);
                    Assert.True(scanned == index.Covers(a, b), $"after {added + 1} spans: {a}..{b}");
                }
            }
        }
    }

    [Fact]
    public void NothingCoversBeforeTheFirstSpan()
    {
        var index = new SpanIndex(10);
        Assert.False(index.Covers(0, 0));
        index.Add(3, 5);
        Assert.False(index.Covers(2, 3));
        Assert.True(index.Covers(3, 5));
        Assert.False(index.Covers(4, 6));
        Assert.False(index.Covers(-1, 0));
    }
}
