using System.Diagnostics;
using Switcheroo.Engine;
using Switcheroo.Engine.Parsing;

namespace Switcheroo.Bench;

/// <summary>
/// <c>convert --stages</c>: where a warm conversion of torchvision's files spends its bytes and time, stage by
/// stage (<see cref="StageMeter"/>), beside a parse-only pass and the module index of the same files, all in
/// this process and back to back. Bytes allocated do not depend on the machine's load; times are read as
/// shares and ratios of this run only.
/// </summary>
internal static class StageBench
{
    public static int Run(Pipeline pipeline, IReadOnlyList<SourceFile> files, Options options)
    {
        Console.WriteLine($"# convert --stages — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {Machine.Load}");
        for (int pass = 0; pass < 1 + options.Warmup; pass++)
        {
            ConvertBench.ConvertAll(pipeline, files);
        }
        var meter = new StageMeter();
        var indexMeter = new StageMeter();
        double converting = 0, parsing = 0, indexing = 0;
        long parseBytes = 0, indexBytes = 0;
        for (int pass = 0; pass < options.Iterations; pass++)
        {
            StageMeter.Active = meter;
            converting += ConvertBench.Time(() => ConvertBench.ConvertAll(pipeline, files));
            StageMeter.Active = null;
            long before = GC.GetTotalAllocatedBytes(precise: true);
            parsing += ConvertBench.Time(() => files.ToList().ForEach(f => PythonSyntax.Parse(f.Path, f.Bytes)));
            parseBytes += GC.GetTotalAllocatedBytes(precise: true) - before;
            before = GC.GetTotalAllocatedBytes(precise: true);
            StageMeter.Active = indexMeter;
            indexing += ConvertBench.Time(() => Pipeline.Index(pipeline.Maps, files.Select(f => (Path.GetFileNameWithoutExtension(f.Path), f.Path))));
            StageMeter.Active = null;
            indexBytes += GC.GetTotalAllocatedBytes(precise: true) - before;
        }
        var totals = meter.Take();
        int n = options.Iterations;
        var stages = totals.Where(t => !t.Key.StartsWith("walk ", StringComparison.Ordinal)).OrderByDescending(t => t.Value.Bytes).ToList();
        double allBytes = stages.Sum(t => (double)t.Value.Bytes), allTicks = stages.Sum(t => (double)t.Value.Ticks);
        Console.WriteLine();
        Console.WriteLine($"{files.Count} files, {n} metered passes after {1 + options.Warmup} unmetered; per pass: convert {converting / n:F3} s, parse-only {parsing / n:F3} s " +
            $"({converting / parsing:F2}×), {parseBytes / 1e6 / n:F1} MB allocated parse-only; module index (parallel) {indexing / n:F3} s, {indexBytes / 1e6 / n:F1} MB");
        Console.WriteLine();
        Console.WriteLine("| stage (without its inner stages) | entries per pass | MB allocated per pass | share of bytes | share of time |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (path, t) in stages)
        {
            Console.WriteLine($"| {path} | {t.Entries / (double)n:F0} | {t.Bytes / 1e6 / n:F1} | {t.Bytes / allBytes:P1} | {t.Ticks / allTicks:P1} |");
        }
        Console.WriteLine($"| all | | {allBytes / 1e6 / n:F1} | | {allTicks / Stopwatch.Frequency / n:F3} s |");
        Console.WriteLine();
        Console.WriteLine("| walk (ParseTrees.Descendants) | per pass |");
        Console.WriteLine("|---|---:|");
        foreach (var (what, t) in totals.Where(t => t.Key.StartsWith("walk ", StringComparison.Ordinal)).OrderByDescending(t => t.Value.Entries).Take(25))
        {
            Console.WriteLine($"| {what} | {t.Entries / (double)n:F0} |");
        }
        Console.WriteLine();
        Console.WriteLine("| module index stage (without its inner stages; all threads) | entries per pass | MB allocated per pass |");
        Console.WriteLine("|---|---:|---:|");
        var indexStages = indexMeter.Take().Where(t => !t.Key.StartsWith("walk ", StringComparison.Ordinal)).OrderByDescending(t => t.Value.Bytes).ToList();
        foreach (var (path, t) in indexStages)
        {
            Console.WriteLine($"| {path} | {t.Entries / (double)n:F0} | {t.Bytes / 1e6 / n:F1} |");
        }
        Console.WriteLine($"| all metered | | {indexStages.Sum(t => (double)t.Value.Bytes) / 1e6 / n:F1} |");
        Compare(pipeline, files, options.Iterations);
        return 0;
    }

    /// <summary>Warm passes with large subtrees walked and looked up in their tree's index, alternating: the ratio of their medians.</summary>
    private static void Compare(Pipeline pipeline, IReadOnlyList<SourceFile> files, int iterations)
    {
        var walked = new List<double>();
        var indexed = new List<double>();
        for (int pass = 0; pass < 2 * iterations; pass++)
        {
            ParseTrees.IndexSubtrees = pass % 2 == 1;
            (ParseTrees.IndexSubtrees ? indexed : walked).Add(ConvertBench.Time(() => ConvertBench.ConvertAll(pipeline, files)));
        }
        ParseTrees.IndexSubtrees = true;
        walked.Sort();
        indexed.Sort();
        Console.WriteLine();
        Console.WriteLine($"subtrees indexed / walked, alternating passes: {indexed[iterations / 2]:F3} s / {walked[iterations / 2]:F3} s (medians of {iterations}) = {indexed[iterations / 2] / walked[iterations / 2]:F3}");
    }
}
