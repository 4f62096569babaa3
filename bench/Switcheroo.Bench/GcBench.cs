using System.Diagnostics.Tracing;
using System.Runtime;
using Switcheroo.Engine.Parsing;

namespace Switcheroo.Bench;

/// <summary>
/// <c>gc</c>: what a single-threaded pass of <see cref="PythonSyntax.Parse(string, byte[])"/> costs the
/// garbage collector, in figures the machine's load does not change: bytes allocated, collections
/// per generation and why they ran (small-object budget, large-object budget), bytes that survived
/// each generation (promoted), bytes allocated on the large-object heap, and what the heap still
/// holds after a full collection (retention across files). Also a sampled allocation profile by
/// type (the runtime's allocation ticks, one per ~100 KB). Pauses are printed too, but they are
/// time and follow the machine's load.
/// </summary>
internal static class GcBench
{
    public static int Run(Options options)
    {
        var corpus = Corpus.Load(options.Python, Corpus.Script, options.FilesList);
        Console.WriteLine($"gc: {corpus.Files.Count} files, {corpus.Megabytes:F2} MB; {Machine.Runtime}; {Machine.GcAndJit}; " +
            $"server={GCSettings.IsServerGC}, latency={GCSettings.LatencyMode}; load average {Machine.Load}");
        Console.WriteLine("GC configuration: " + string.Join(", ", GC.GetConfigurationVariables().OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
        long baseline = FullCollect();
        Console.WriteLine($"heap after loading the corpus (full collection): {baseline / 1e6:F1} MB");
        for (int i = 0; i < options.Warmup; i++)
        {
            Pass(corpus);
        }
        using var listener = new GcListener();
        for (int i = 1; i <= options.Iterations; i++)
        {
            long retainedBefore = FullCollect();
            Thread.Sleep(200);
            listener.Reset();
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var counts = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            var pause = GC.GetTotalPauseDuration();
            var cpu = ProcessCpu();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            int failures = Pass(corpus);
            double wall = clock.Elapsed.TotalSeconds;
            double cpuSeconds = (ProcessCpu() - cpu).TotalSeconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var gcs = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - counts[g]).ToArray();
            double paused = (GC.GetTotalPauseDuration() - pause).TotalSeconds;
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            long gen2AtLastGc = info.GenerationInfo[2].SizeAfterBytes;
            long lohAtLastGc = info.GenerationInfo[3].SizeAfterBytes;
            Thread.Sleep(500); // runtime events arrive on their own thread
            var events = listener.Snapshot();
            long retainedAfter = FullCollect();
            Console.WriteLine($"pass {i}: {allocated / 1e9:F3} GB allocated ({allocated / (double)corpus.Bytes:F1} B per source byte), " +
                $"{gcs[0]} gen0 / {gcs[1]} gen1 / {gcs[2]} gen2 collections (counts include higher generations), " +
                $"paused {paused:F3} s of {wall:F3} s wall, {cpuSeconds:F3} s CPU; {failures} rejected");
            Console.WriteLine($"  promoted: {events.Promoted[0] / 1e6:F1} MB out of gen0, {events.Promoted[1] / 1e6:F1} MB out of gen1, " +
                $"{events.Promoted[2] / 1e6:F1} MB marked in gen2, {events.Promoted[3] / 1e6:F1} MB marked in the LOH (summed over the pass's collections)");
            Console.WriteLine($"  collections by generation and reason: {events.Reasons()}; background gen2: {events.Background}");
            Console.WriteLine($"  allocation ticks: small {events.SmallBytes / 1e9:F3} GB, large objects {events.LargeBytes / 1e9:F3} GB; " +
                $"gen2 after the pass's last GC {gen2AtLastGc / 1e6:F1} MB, LOH {lohAtLastGc / 1e6:F1} MB; " +
                $"heap after a full collection: before the pass {retainedBefore / 1e6:F1} MB, after {retainedAfter / 1e6:F1} MB " +
                $"(retained by the pass: {(retainedAfter - retainedBefore) / 1e6:F1} MB)");
            if (i == options.Iterations)
            {
                Console.WriteLine("  sampled allocations by type (allocation ticks, small and large; top 25):");
                foreach (var (type, bytes) in events.ByType.OrderByDescending(p => p.Value).Take(25))
                {
                    Console.WriteLine($"    {bytes / 1e6,9:F1} MB  {type}");
                }
            }
        }
        return 0;
    }

    private static int Pass(Corpus corpus)
    {
        int failures = 0;
        foreach (var file in corpus.Files)
        {
            if (PythonSyntax.Parse(file.Path, file.Bytes).HasErrors)
            {
                failures++;
            }
        }
        return failures;
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>A full blocking, compacting collection; returns the heap size after it.</summary>
    private static long FullCollect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
    }

    internal sealed record Totals(long[] Promoted, Dictionary<(int Gen, int Reason), int> ByReason, int Background,
        long SmallBytes, long LargeBytes, Dictionary<string, long> ByType)
    {
        private static readonly string[] ReasonNames =
            { "small alloc", "induced", "low memory", "empty", "LOH alloc", "OOS small", "OOS LOH", "induced non-forced", "stress", "low memory induced" };

        public string Reasons() => string.Join(", ", ByReason.OrderBy(p => p.Key.Gen).ThenBy(p => p.Key.Reason)
            .Select(p => $"gen{p.Key.Gen} {(p.Key.Reason < ReasonNames.Length ? ReasonNames[p.Key.Reason] : p.Key.Reason.ToString())} {p.Value}"));
    }

    /// <summary>Listens to the runtime's GC events (keyword 0x1): GCStart, GCHeapStats, GCAllocationTick.</summary>
    internal sealed class GcListener : EventListener
    {
        private readonly object gate = new();
        private long[] promoted = new long[4];
        private Dictionary<(int, int), int> byReason = new();
        private Dictionary<string, long> byType = new();
        private int background;
        private long small, large;
        private bool enabled;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        public void Reset()
        {
            lock (gate)
            {
                promoted = new long[4];
                byReason = new();
                byType = new();
                background = 0;
                small = large = 0;
                enabled = true;
            }
        }

        public Totals Snapshot()
        {
            lock (gate)
            {
                enabled = false;
                return new Totals(promoted, byReason, background, small, large, byType);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            lock (gate)
            {
                if (!enabled || e.Payload is null)
                {
                    return;
                }
                switch (e.EventName)
                {
                    case "GCStart_V2":
                        int gen = Convert.ToInt32(Get(e, "Depth"));
                        int reason = Convert.ToInt32(Get(e, "Reason"));
                        byReason[(gen, reason)] = byReason.GetValueOrDefault((gen, reason)) + 1;
                        if (Convert.ToInt32(Get(e, "Type")) == 1)
                        {
                            background++;
                        }
                        break;
                    case "GCHeapStats_V2":
                        promoted[0] += Convert.ToInt64(Get(e, "TotalPromotedSize0"));
                        promoted[1] += Convert.ToInt64(Get(e, "TotalPromotedSize1"));
                        promoted[2] += Convert.ToInt64(Get(e, "TotalPromotedSize2"));
                        promoted[3] += Convert.ToInt64(Get(e, "TotalPromotedSize3"));
                        break;
                    case "GCAllocationTick_V4" or "GCAllocationTick_V3" or "GCAllocationTick_V2":
                        long amount = Convert.ToInt64(Get(e, "AllocationAmount64"));
                        bool isLarge = Convert.ToInt32(Get(e, "AllocationKind")) == 1;
                        if (isLarge)
                        {
                            large += amount;
                        }
                        else
                        {
                            small += amount;
                        }
                        string type = (Get(e, "TypeName") as string ?? "?") + (isLarge ? " (LOH)" : "");
                        byType[type] = byType.GetValueOrDefault(type) + amount;
                        break;
                }
            }
        }

        private static object? Get(EventWrittenEventArgs e, string name)
        {
            int index = e.PayloadNames!.IndexOf(name);
            return index < 0 ? 0 : e.Payload![index];
        }
    }
}
