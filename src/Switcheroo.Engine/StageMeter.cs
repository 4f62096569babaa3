using System.Diagnostics;

namespace Switcheroo.Engine;

/// <summary>
/// Where a conversion's time and allocation go, stage by stage, for the bench (<c>convert --stages</c>,
/// docs/performance.md): off unless the bench sets <see cref="Active"/>, when each stage a conversion
/// enters (<see cref="Enter"/>) adds its bytes allocated on its thread and its time, without those of the
/// stages it enters in turn, to the totals of its path (<c>self-check &gt; parse</c>). Allocated bytes do
/// not depend on the machine's load; times are only comparable as shares of one run.
/// </summary>
internal sealed class StageMeter
{
    /// <summary>The meter the stages report to; null (nothing measured) but in the bench.</summary>
    public static StageMeter? Active { get; set; }

    [ThreadStatic]
    private static Stack<Frame>? _open;

    private readonly Dictionary<string, Totals> _totals = new(StringComparer.Ordinal);

    /// <summary>What the stages of one path spent: entries, bytes allocated and stopwatch ticks, each without its inner stages'.</summary>
    public sealed class Totals
    {
        public long Entries { get; set; }

        public long Bytes { get; set; }

        public long Ticks { get; set; }
    }

    /// <summary>Starts a stage on this thread; disposing the result ends it. Does nothing while no meter is active.</summary>
    public static Scope Enter(string stage) => Active is { } meter ? meter.Open(stage) : default;

    /// <summary>Counts one more event of a kind (a walk of a subtree, say) under its name, without a stage.</summary>
    public static void Count(string what)
    {
        if (Active is { } meter)
        {
            lock (meter._totals)
            {
                meter.Of(what).Entries++;
            }
        }
    }

    /// <summary>The totals by path, for a report; then the meter starts again from nothing.</summary>
    public IReadOnlyDictionary<string, Totals> Take()
    {
        lock (_totals)
        {
            var taken = new Dictionary<string, Totals>(_totals, StringComparer.Ordinal);
            _totals.Clear();
            return taken;
        }
    }

    private Scope Open(string stage)
    {
        var open = _open ??= new Stack<Frame>();
        var path = open.TryPeek(out var outer) ? $"{outer.Path} > {stage}" : stage;
        open.Push(new Frame(path, GC.GetAllocatedBytesForCurrentThread(), Stopwatch.GetTimestamp()));
        return new Scope(this);
    }

    private void Close()
    {
        var open = _open!;
        var frame = open.Pop();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - frame.Bytes, ticks = Stopwatch.GetTimestamp() - frame.Ticks;
        if (open.TryPeek(out var outer))
        {
            outer.InnerBytes += bytes;
            outer.InnerTicks += ticks;
        }
        lock (_totals)
        {
            var totals = Of(frame.Path);
            totals.Entries++;
            totals.Bytes += bytes - frame.InnerBytes;
            totals.Ticks += ticks - frame.InnerTicks;
        }
    }

    private Totals Of(string path) => _totals.TryGetValue(path, out var totals) ? totals : _totals[path] = new Totals();

    private sealed class Frame(string path, long bytes, long ticks)
    {
        public string Path { get; } = path;

        public long Bytes { get; } = bytes;

        public long Ticks { get; } = ticks;

        public long InnerBytes { get; set; }

        public long InnerTicks { get; set; }
    }

    /// <summary>An open stage; ends it when disposed.</summary>
    public readonly struct Scope(StageMeter? meter) : IDisposable
    {
        public void Dispose() => meter?.Close();
    }
}
