using System.Diagnostics;
using System.Globalization;
using Switcheroo.Engine;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Bench;

/// <summary>
/// <c>scale</c>: conversion time of one file against the number of classes and functions in it
/// (<see cref="ScaleSource"/>), to show that it grows linearly. Each size is converted
/// <c>--iterations</c> times after one warm-up conversion of the smallest; the row reports the
/// median and the ratio to the previous size. The machine is shared, so each conversion also
/// records how many cores <em>other</em> processes kept busy meanwhile (/proc/stat minus this
/// process's CPU time); a ratio measured while they used more than
/// <see cref="LoadedThreshold"/> cores is flagged "loaded", not reported as a result. For
/// decisions, count instructions instead (<c>--once</c> under <c>valgrind --tool=callgrind</c>).
/// </summary>
internal static class ScaleBench
{
    /// <summary>Cores busy with other work above which a wall-clock figure is not trusted.</summary>
    public const double LoadedThreshold = 0.2;

    public static int Run(Options options)
    {
        var pipeline = LoadPipeline();
        if (pipeline is null)
        {
            return 1;
        }
        if (options.Once)
        {
            foreach (int pairs in options.Pairs)
            {
                var run = Convert(pipeline, pairs);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pairs={pairs} seconds={run.Seconds:F3} cpu-seconds={run.CpuSeconds:F3} other-cores={run.OtherCores:F2} converted={run.Converted}"));
            }
            return 0;
        }
        int iterations = options.Iterations;
        Convert(pipeline, options.Pairs.Min());
        Console.WriteLine($"# scale — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Machine.Cpu}, load {Machine.Load}; {Machine.Runtime}");
        Console.WriteLine();
        Console.WriteLine("| pairs (class + function) | lines | convert s (median) | min s | CPU s (median) | other cores busy (max) | × previous size (wall) | × previous size (CPU) | |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        double? previous = null, previousCpu = null;
        bool previousLoaded = false;
        bool anyLoaded = false;
        foreach (int pairs in options.Pairs)
        {
            var runs = Enumerable.Range(0, iterations).Select(_ => Convert(pipeline, pairs)).ToList();
            var seconds = runs.Select(r => r.Seconds).Order().ToList();
            double median = seconds[iterations / 2], others = runs.Max(r => r.OtherCores);
            double cpu = runs.Select(r => r.CpuSeconds).Order().ElementAt(iterations / 2);
            bool loaded = !(others <= LoadedThreshold);
            anyLoaded |= loaded;
            // A ratio is only a result when neither of its two sizes ran beside other work.
            string Ratio(double? before, double now) => before is null ? "–"
                : loaded || previousLoaded ? $"loaded ({now / before.Value:F2}×)" : $"{now / before.Value:F2}×";
            string ratio = Ratio(previous, median), cpuRatio = Ratio(previousCpu, cpu);
            string flag = runs.All(r => r.Converted) ? (loaded ? "loaded" : "") : "conversion failed";
            Console.WriteLine($"| {pairs} | {pairs * ScaleSource.LinesPerPair + ScaleSource.HeaderLines} | {median:F3} | {seconds[0]:F3} | {cpu:F3} | {others:F2} | {ratio} | {cpuRatio} | {flag} |");
            previous = median;
            previousCpu = cpu;
            previousLoaded = loaded;
        }
        Console.WriteLine();
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB; {Machine.GcAndJit}");
        if (anyLoaded)
        {
            Console.WriteLine($"Loaded: other processes kept more than {LoadedThreshold} cores busy during some conversions, so wall-clock ratios are flagged. Count instructions instead: valgrind --tool=callgrind dotnet Switcheroo.Bench.dll scale --once --pairs N");
        }
        return 0;
    }

    private static Pipeline? LoadPipeline()
    {
        var problems = new List<Diagnostic>();
        var maps = MapCatalog.Load(MapCatalog.BuiltInFolder, Array.Empty<string>(), HookRegistry.BuiltIn.Signatures, problems);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine(string.Join("\n", problems));
            return null;
        }
        return new Pipeline(maps, HookRegistry.BuiltIn);
    }

    /// <summary>
    /// One conversion: its wall time, this process's CPU time (every thread: the conversion, GC, JIT),
    /// the cores other processes kept busy meanwhile, and whether it produced text.
    /// </summary>
    private static (double Seconds, double CpuSeconds, double OtherCores, bool Converted) Convert(Pipeline pipeline, int pairs)
    {
        var bytes = ScaleSource.Bytes(pairs);
        GC.Collect();
        var self = Process.GetCurrentProcess();
        var ownBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var (result, busyCores) = Machine.Metered(() => pipeline.Convert($"scale{pairs}.py", bytes));
        double seconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        double cpu = (self.TotalProcessorTime - ownBefore).TotalSeconds;
        return (seconds, cpu, Math.Max(0, busyCores - cpu / seconds), result.Succeeded);
    }
}
