using System.Diagnostics;
using Switcheroo.Engine;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Bench;

/// <summary>
/// <c>convert</c>: conversion throughput with the built-in maps, beside parse-only on the same
/// files, on torchvision's model files (real PyTorch) and on the stdlib corpus (little to convert:
/// the cost of binding and planning on ordinary code). The first pass of this fresh process is
/// reported as cold; then warm passes. Single-threaded.
/// </summary>
internal static class ConvertBench
{
    public static int Run(Options options)
    {
        var problems = new List<Diagnostic>();
        var maps = MapCatalog.Load(MapCatalog.BuiltInFolder, Array.Empty<string>(), HookRegistry.BuiltIn.Signatures, problems);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine(string.Join("\n", problems));
            return 1;
        }
        var pipeline = new Pipeline(maps, HookRegistry.BuiltIn);
        var torchvision = TorchvisionFiles();
        if (options.Once)
        {
            return Passes(pipeline, torchvision, options.Iterations);
        }
        if (options.Stages)
        {
            return StageBench.Run(pipeline, torchvision, options);
        }
        var stdlib = options.NoPython ? Array.Empty<SourceFile>() : Corpus.Load(options.Python, Corpus.Script, options.FilesList).Files;
        int iterations = options.Iterations > 0 ? options.Iterations : 5;
        Console.WriteLine($"# convert — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Machine.Cpu}, load {Machine.Load}");
        Console.WriteLine();
        Console.WriteLine($"Warm rows: after the cold pass, {options.Warmup} conversion passes over torchvision (so the tiered JIT has compiled the conversion's methods again, as the parse-only passes' are by then), then {iterations} measured passes of each.");
        Console.WriteLine();
        Console.WriteLine("| corpus | files | MB | pass | convert s | files/s | MB/s | parse-only s | convert / parse |");
        Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var (name, files) in new[] { ("torchvision/models", torchvision), ("stdlib", stdlib) }.Where(c => c.Item2.Count > 0))
        {
            double megabytes = files.Sum(f => (double)f.Bytes.Length) / 1e6;
            var cold = Time(() => ConvertAll(pipeline, files));
            var coldParse = Time(() => ParseAll(files));
            Row(name, files.Count, megabytes, "cold (first in process)", cold, coldParse);
            for (int pass = 0; pass < options.Warmup && ReferenceEquals(files, torchvision); pass++)
            {
                ConvertAll(pipeline, files);
            }
            var convert = Enumerable.Range(0, iterations).Select(_ => Time(() => ConvertAll(pipeline, files))).Order().ToList();
            var parse = Enumerable.Range(0, iterations).Select(_ => Time(() => ParseAll(files))).Order().ToList();
            Row(name, files.Count, megabytes, $"warm (median of {iterations})", convert[iterations / 2], parse[iterations / 2]);
        }
        Console.WriteLine();
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB; runtime: {Machine.Runtime}");
        return 0;
    }

    /// <summary>
    /// <c>--once</c>: <paramref name="passes"/> conversion passes over torchvision's files and nothing
    /// else (no parse-only passes, no stdlib), one line each with its time and the bytes it allocated
    /// (every thread): for callgrind, where the instructions of one warm pass are those of a run of
    /// two passes minus a run of one.
    /// </summary>
    private static int Passes(Pipeline pipeline, IReadOnlyList<SourceFile> files, int passes)
    {
        using var listener = new GcBench.GcListener();
        for (int pass = 1; pass <= passes; pass++)
        {
            listener.Reset();
            var counts = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            double seconds = Time(() => ConvertAll(pipeline, files));
            var gcs = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - counts[g]).ToArray();
            Console.WriteLine($"pass {pass}: {files.Count} files converted in {seconds:F3} s, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:F1} MB allocated; load {Machine.Load}");
            Console.WriteLine($"  collections gen0 / gen1 / gen2: {gcs[0]} / {gcs[1]} / {gcs[2]}");
            if (pass == passes)
            {
                Thread.Sleep(500); // runtime events arrive on their own thread
                var events = listener.Snapshot();
                Console.WriteLine($"  promoted: {events.Promoted[0] / 1e6:F1} MB out of gen0, {events.Promoted[1] / 1e6:F1} MB out of gen1, {events.Promoted[2] / 1e6:F1} MB marked in gen2; {events.Reasons()}");
                Console.WriteLine("  sampled allocations by type (allocation ticks, one per ~100 KB; top 30):");
                foreach (var (type, bytes) in events.ByType.OrderByDescending(p => p.Value).Take(30))
                {
                    Console.WriteLine($"    {bytes / 1e6,9:F1} MB  {type}");
                }
                long parsed = GC.GetTotalAllocatedBytes(precise: true);
                ParseAll(files);
                Console.WriteLine($"  parse-only pass of the same files: {(GC.GetTotalAllocatedBytes(precise: true) - parsed) / 1e6:F1} MB allocated");
            }
        }
        return 0;
    }

    private static void Row(string name, int files, double megabytes, string pass, double convert, double parse) =>
        Console.WriteLine($"| {name} | {files} | {megabytes:F2} | {pass} | {convert:F3} | {files / convert:F0} | {megabytes / convert:F2} | {parse:F3} | {convert / parse:F2}× |");

    internal static double Time(Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed.TotalSeconds;
    }

    internal static void ConvertAll(Pipeline pipeline, IReadOnlyList<SourceFile> files)
    {
        foreach (var file in files)
        {
            pipeline.Convert(file.Path, file.Bytes);
        }
    }

    private static void ParseAll(IReadOnlyList<SourceFile> files)
    {
        foreach (var file in files)
        {
            PythonSyntax.Parse(file.Path, file.Bytes);
        }
    }

    /// <summary>torchvision/models/*.py from Debian's python3-torchvision (test.sh installs it).</summary>
    private static IReadOnlyList<SourceFile> TorchvisionFiles()
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import importlib.util, os; print(os.path.join(importlib.util.find_spec('torchvision').submodule_search_locations[0], 'models'))");
        using var python = Process.Start(start)!;
        var folder = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();
        return Directory.GetFiles(folder, "*.py").Order(StringComparer.Ordinal)
            .Select(path => File.ReadAllBytes(path) is var bytes ? new SourceFile(path, bytes, bytes.Count(b => b == '\n')) : null!)
            .ToList();
    }
}
