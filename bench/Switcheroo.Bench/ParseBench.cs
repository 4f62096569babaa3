using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Switcheroo.Engine.Parsing;

namespace Switcheroo.Bench;

/// <summary>
/// <c>parse</c>: warm throughput of <see cref="PythonSyntax.Parse(string, byte[])"/> over the corpus,
/// single-threaded and on every core, side by side with CPython's <c>ast.parse</c> and
/// <c>compile()</c> over the same files; cold (fresh process) figures; peak memory. Ends with
/// Markdown tables for docs/performance.md.
/// </summary>
internal static class ParseBench
{
    public static int Run(Options options)
    {
        if (options.Once)
        {
            return Once(options);
        }
        var started = DateTimeOffset.Now;
        string loadBefore = Machine.Load;
        Log($"Switcheroo parse benchmark, {started:yyyy-MM-dd HH:mm:ss zzz}; load average {loadBefore}");
        Log($"  {Machine.Runtime}; {Machine.GcAndJit}");

        var clock = Stopwatch.StartNew();
        var corpus = Corpus.Load(options.Python, Corpus.Script, options.FilesList);
        Log($"corpus: {corpus.Files.Count} files accepted by {corpus.Python} ({corpus.Rejected} rejected, left out), " +
            $"{corpus.Megabytes:F2} MB, {corpus.Lines:N0} lines; loaded in {clock.Elapsed.TotalSeconds:F1} s");
        var pathList = corpus.WritePathList();
        var verdictList = Path.ChangeExtension(pathList, ".verdicts");
        File.WriteAllLines(verdictList, new[] { $"python\t{corpus.Python}", $"version\t{corpus.PythonVersion}" }
            .Concat(corpus.Files.Select(f => $"ok\t{f.Path}")));

        try
        {
            var result = Measure(options, corpus, pathList, verdictList);
            result.LoadBefore = loadBefore;
            result.LoadAfter = Machine.Load;
            result.Started = started;
            var markdown = Markdown(options, corpus, result);
            Console.WriteLine();
            Console.WriteLine(markdown);
            if (options.MarkdownOut is { } outFile)
            {
                File.WriteAllText(outFile, markdown);
            }
            return result.Failures == 0 ? 0 : 1;
        }
        finally
        {
            File.Delete(pathList);
            File.Delete(verdictList);
        }
    }

    private sealed class Result
    {
        public Samples Switcheroo { get; } = new("Switcheroo");
        public Samples Parallel { get; } = new("Switcheroo parallel");
        public Samples? Ast { get; set; }
        public Samples? Compile { get; set; }
        public List<(Variant Variant, Samples Samples, long AfterLoad, long Peak)> Variants { get; } = new();
        public double FirstPass { get; set; }
        public double SecondPass { get; set; }
        public long WorkingSetAfterLoad { get; set; }
        public long PeakSingle { get; set; }
        public long PeakParallel { get; set; }
        public double AllocatedPerPass { get; set; }
        public double GcPausePerPass { get; set; }
        public int[] Collections { get; set; } = new int[3];
        public (long AfterLoad, long Peak)? AstRss { get; set; }
        public (long AfterLoad, long Peak)? CompileRss { get; set; }
        public List<(double Wall, double ToMain, double Load, double Pass)> ColdDotnet { get; } = new();
        public List<(double Wall, double Load, double Pass)> ColdPython { get; } = new();
        public int Failures { get; set; }
        public string LoadBefore { get; set; } = "?";
        public string LoadAfter { get; set; } = "?";
        public string LoadParallel { get; set; } = "?";
        public DateTimeOffset Started { get; set; }
    }

    private static Result Measure(Options options, Corpus corpus, string pathList, string verdictList)
    {
        var result = new Result();
        var files = corpus.Files;
        Settle();
        result.WorkingSetAfterLoad = CurrentProcess(p => p.WorkingSet64);

        using var ast = options.NoPython ? null : Worker.Python(corpus.Python, Corpus.Script, "ast", pathList);
        using var compile = ast is null || options.NoCompile ? null : Worker.Python(corpus.Python, Corpus.Script, "compile", pathList);
        if (ast is not null && (ast.Files != files.Count || ast.Bytes != corpus.Bytes))
        {
            throw new InvalidOperationException($"python loaded {ast.Files} files / {ast.Bytes} bytes, expected {files.Count} / {corpus.Bytes}");
        }
        result.Ast = ast is null ? null : new Samples("ast.parse");
        result.Compile = compile is null ? null : new Samples("compile");
        var variants = options.Variants.Select(v => (Variant: v, Worker: StartVariant(v, verdictList), Samples: new Samples(v.Label))).ToList();
        try
        {
            return MeasureWith(options, corpus, result, ast, compile, variants, pathList, verdictList);
        }
        finally
        {
            foreach (var (_, worker, _) in variants)
            {
                worker.Dispose();
            }
        }
    }

    private static Result MeasureWith(Options options, Corpus corpus, Result result, Worker? ast, Worker? compile,
        List<(Variant Variant, Worker Worker, Samples Samples)> variants, string pathList, string verdictList)
    {
        var files = corpus.Files;

        // Warm-up, alternating with the other workers so every side sees the same machine. The first
        // in-process pass is the in-process cold figure: JIT (tier 0 first) and ANTLR's empty DFA cache.
        for (int round = 0; round < options.Warmup; round++)
        {
            // The order alternates round by round, so a machine that speeds up or slows down favours no side.
            string others = round % 2 == 1 ? OtherWorkers(ast, compile, variants, null, null, measured: false) : "";
            var (pass, busy) = Machine.Metered(() => SingleThreaded(files));
            var (seconds, failures) = (pass.Seconds, pass.Failures);
            if (round % 2 == 0)
            {
                others = OtherWorkers(ast, compile, variants, null, null, measured: false);
            }
            if (round == 0)
            {
                result.FirstPass = seconds;
            }
            else if (round == 1)
            {
                result.SecondPass = seconds;
            }
            Log($"warm-up {round + 1}/{options.Warmup}: Switcheroo {seconds:F3} s ({failures} rejected, {busy:F2} cores busy)" + others);
        }

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        for (int round = 0; round < options.Iterations; round++)
        {
            string others = round % 2 == 1 ? OtherWorkers(ast, compile, variants, result.Ast, result.Compile, measured: true) : "";
            var (pass, busy) = Machine.Metered(() => SingleThreaded(files));
            var (seconds, failures) = (pass.Seconds, pass.Failures);
            result.Switcheroo.Add(pass, busy);
            result.Failures = Math.Max(result.Failures, failures);
            if (round % 2 == 0)
            {
                others = OtherWorkers(ast, compile, variants, result.Ast, result.Compile, measured: true);
            }
            Log($"pass {round + 1}/{options.Iterations}: Switcheroo {seconds:F3} s (cpu {pass.Cpu:F3}, {failures} rejected, {busy:F2} cores busy)" + others + $"; load {Machine.Load}");
        }
        result.AllocatedPerPass = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)options.Iterations;
        result.GcPausePerPass = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds / options.Iterations;
        result.Collections = Enumerable.Range(0, 3).Select(g => (GC.CollectionCount(g) - collectionsBefore[g]) / options.Iterations).ToArray();
        result.PeakSingle = CurrentProcess(p => p.PeakWorkingSet64);
        if (ast is not null)
        {
            var rss = ast.Rss();
            result.AstRss = (ast.RssAfterLoad, rss.Peak);
        }
        if (compile is not null)
        {
            var rss = compile.Rss();
            result.CompileRss = (compile.RssAfterLoad, rss.Peak);
        }
        foreach (var (variant, worker, samples) in variants)
        {
            result.Variants.Add((variant, samples, worker.RssAfterLoad, worker.Rss().Peak));
        }

        // All cores, biggest files first so no big file is left for the end.
        if (options.ParallelIterations > 0)
        {
            result.LoadParallel = Machine.Load;
            var bySize = files.OrderByDescending(f => f.Bytes.Length).ToList();
            AllCores(bySize);
            for (int round = 0; round < options.ParallelIterations; round++)
            {
                var (pass, busy) = Machine.Metered(() => AllCores(bySize));
                double seconds = pass.Seconds;
                result.Parallel.Add(pass, busy);
                Log($"parallel pass {round + 1}/{options.ParallelIterations} ({Environment.ProcessorCount} threads): Switcheroo {seconds:F3} s (cpu {pass.Cpu:F3}, {busy:F2} cores busy); load {Machine.Load}");
            }
            result.PeakParallel = CurrentProcess(p => p.PeakWorkingSet64);
        }

        // Cold: fresh processes, one pass each.
        for (int run = 0; run < options.ColdRuns; run++)
        {
            var cold = ColdDotnet(verdictList);
            result.ColdDotnet.Add(cold);
            Log($"cold .NET process {run + 1}/{options.ColdRuns}: wall {cold.Wall:F2} s (runtime start to Main {cold.ToMain:F2} s, corpus load {cold.Load:F2} s, first pass {cold.Pass:F2} s)");
            if (ast is not null)
            {
                var coldPython = ColdPython(corpus.Python, pathList);
                result.ColdPython.Add(coldPython);
                Log($"cold python process {run + 1}/{options.ColdRuns}: wall {coldPython.Wall:F2} s (corpus load {coldPython.Load:F2} s, first ast.parse pass {coldPython.Pass:F2} s)");
            }
        }
        return result;
    }

    /// <summary>The median, over the rounds, of <paramref name="reference"/>'s pass time over <paramref name="row"/>'s in the same round, and the range.</summary>
    private static string PairedRatio(Samples reference, Samples row)
    {
        var ratios = reference.Seconds.Zip(row.Seconds, (a, b) => a / b).ToArray();
        return ratios.Length == 0 ? "–"
            : string.Create(CultureInfo.InvariantCulture, $"{Samples.MedianOf(ratios):N2}× ({ratios.Min():N2}–{ratios.Max():N2})");
    }

    private static string OtherWorkers(Worker? ast, Worker? compile, List<(Variant Variant, Worker Worker, Samples Samples)> variants,
        Samples? astSamples, Samples? compileSamples, bool measured)
    {
        var text = new StringBuilder();
        foreach (var (variant, worker, samples) in variants)
        {
            var (pass, busy) = Machine.Metered(worker.Run);
            double seconds = pass.Seconds;
            if (measured)
            {
                samples.Add(pass, busy);
            }
            text.Append(CultureInfo.InvariantCulture, $", {variant.Name} {seconds:F3} s (cpu {pass.Cpu:F3}, {busy:F2})");
        }
        if (ast is not null)
        {
            var (pass, busy) = Machine.Metered(ast.Run);
            var (seconds, failures) = (pass.Seconds, pass.Failures);
            astSamples?.Add(pass, busy);
            text.Append(CultureInfo.InvariantCulture, $", ast.parse {seconds:F3} s (cpu {pass.Cpu:F3}, {failures} rejected, {busy:F2})");
        }
        if (compile is not null)
        {
            var (pass, busy) = Machine.Metered(compile.Run);
            var (seconds, failures) = (pass.Seconds, pass.Failures);
            compileSamples?.Add(pass, busy);
            text.Append(CultureInfo.InvariantCulture, $", compile {seconds:F3} s (cpu {pass.Cpu:F3}, {failures} rejected, {busy:F2})");
        }
        return text.ToString();
    }

    /// <summary>This benchmark in a child process under other runtime settings, serving single-threaded passes.</summary>
    private static Worker StartVariant(Variant variant, string verdictList)
    {
        var start = SelfStartInfo();
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--files");
        start.ArgumentList.Add(verdictList);
        foreach (var (name, value) in variant.Environment)
        {
            start.Environment[name] = value;
        }
        return new Worker(variant.Name, start);
    }

    /// <summary><c>serve</c>: the worker side of <see cref="StartVariant"/>; same protocol as cpython_parse.py serve.</summary>
    public static int Serve(Options options)
    {
        var corpus = Corpus.Load(options.Python, Corpus.Script, options.FilesList);
        GC.Collect();
        Console.WriteLine($"ready {corpus.Files.Count} {corpus.Bytes} {CurrentProcess(p => p.WorkingSet64)}");
        while (Console.ReadLine() is { } line)
        {
            switch (line.Trim())
            {
                case "run":
                    var pass = SingleThreaded(corpus.Files);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time {pass.Seconds:F9} {pass.Failures} {pass.Cpu:F9}"));
                    break;
                case "rss":
                    Console.WriteLine($"rss {CurrentProcess(p => p.PeakWorkingSet64)} {CurrentProcess(p => p.WorkingSet64)}");
                    break;
                case "":
                    break;
                default:
                    Console.WriteLine($"error unknown command {line}");
                    break;
            }
        }
        return 0;
    }

    /// <summary>One pass, one thread: exactly what a caller of the public API pays per file.</summary>
    private static Pass SingleThreaded(IReadOnlyList<SourceFile> files)
    {
        Settle();
        int failures = 0;
        var cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            if (PythonSyntax.Parse(file.Path, file.Bytes).HasErrors)
            {
                failures++;
            }
        }
        return new Pass(clock.Elapsed.TotalSeconds, failures, (ProcessCpu() - cpu).TotalSeconds);
    }

    /// <summary>One pass on every core, files handed out one at a time (the CLI uses Parallel.For too).</summary>
    private static Pass AllCores(IReadOnlyList<SourceFile> bySize)
    {
        Settle();
        int failures = 0;
        var cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(Partitioner.Create(bySize, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            file =>
            {
                if (PythonSyntax.Parse(file.Path, file.Bytes).HasErrors)
                {
                    Interlocked.Increment(ref failures);
                }
            });
        return new Pass(clock.Elapsed.TotalSeconds, failures, (ProcessCpu() - cpu).TotalSeconds);
    }

    /// <summary><c>parse --once</c>, run as a child: prints how long the runtime took to reach Main, the corpus load and one pass.</summary>
    private static int Once(Options options)
    {
        double toMain = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        var clock = Stopwatch.StartNew();
        var corpus = Corpus.Load(options.Python, Corpus.Script, options.FilesList);
        double load = clock.Elapsed.TotalSeconds;
        clock.Restart();
        int failures = 0;
        foreach (var file in corpus.Files)
        {
            if (PythonSyntax.Parse(file.Path, file.Bytes).HasErrors)
            {
                failures++;
            }
        }
        double pass = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"once {toMain:F6} {load:F6} {pass:F6} {failures}"));
        return 0;
    }

    private static (double Wall, double ToMain, double Load, double Pass) ColdDotnet(string verdictList)
    {
        var start = SelfStartInfo();
        start.ArgumentList.Add("parse");
        start.ArgumentList.Add("--once");
        start.ArgumentList.Add("--files");
        start.ArgumentList.Add(verdictList);
        var (wall, line) = TimeChild(start);
        var parts = line.Split(' ');
        return (wall, Parse(parts[1]), Parse(parts[2]), Parse(parts[3]));
    }

    private static (double Wall, double Load, double Pass) ColdPython(string python, string pathList)
    {
        var (wall, line) = TimeChild(PythonProcess.StartInfo(python, Corpus.Script, "once", "ast", pathList));
        var parts = line.Split(' ');
        return (wall, Parse(parts[1]), Parse(parts[2]));
    }

    private static (double Wall, string Line) TimeChild(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        double wall = clock.Elapsed.TotalSeconds;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("once ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"cold run failed ({process.ExitCode}): {output}{error.Result}");
        }
        return (wall, line);
    }

    /// <summary>This benchmark again, the way it was started (apphost, or `dotnet Switcheroo.Bench.dll`).</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ParseBench).Assembly.Location);
        }
        return start;
    }

    /// <summary>CPU time of this whole process (parsing threads, GC and JIT threads alike).</summary>
    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static long CurrentProcess(Func<Process, long> read)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return read(process);
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static void Log(string line) => Console.WriteLine(line);

    private static string Markdown(Options options, Corpus corpus, Result r)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        string F(double value, int digits) => value.ToString("N" + digits, CultureInfo.InvariantCulture);
        string Mb(long bytes) => F(bytes / 1e6, 0) + " MB";
        double mb = corpus.Megabytes;

        Line($"### Parse benchmark, {r.Started:yyyy-MM-dd HH:mm zzz}");
        Line();
        Line($"- Machine: {Machine.Cpu}, {Environment.ProcessorCount} cores (nproc), {Machine.Memory} RAM; {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.");
        Line($"- Load average (1/5/15 min): {r.LoadBefore} at start, {r.LoadParallel} before the parallel passes, {r.LoadAfter} at the end.");
        Line($"- .NET: {Machine.Runtime}; {Machine.GcAndJit}.");
        Line($"- CPython: {corpus.PythonVersion} (`{corpus.Python}`).");
        Line($"- Corpus: the {corpus.Files.Count} `.py` files of that python's standard library that its `compile()` accepts " +
             $"({corpus.Rejected} rejected files left out, site-/dist-packages excluded): {F(mb, 2)} MB, {corpus.Lines:N0} lines, held in memory as bytes. MB = 10^6 bytes.");
        Line($"- Warm figures: {options.Warmup} warm-up passes, then {options.Iterations} measured passes per parser, all single-threaded rows alternating pass by pass; " +
             $"throughput from the median pass. Per-pass times: Switcheroo {r.Switcheroo.List}" +
             string.Concat(r.Variants.Select(v => $"; {v.Variant.Name} {v.Samples.List}")) + (r.Ast is null ? string.Empty : $"; ast.parse {r.Ast.List}") + (r.Compile is null ? string.Empty : $"; compile {r.Compile.List}") + " s. " +
             $"CPU time per pass: Switcheroo {r.Switcheroo.CpuList}" + string.Concat(r.Variants.Select(v => $"; {v.Variant.Name} {v.Samples.CpuList}")) +
             (r.Ast is null ? string.Empty : $"; ast.parse {r.Ast.CpuList}") + (r.Compile is null ? string.Empty : $"; compile {r.Compile.CpuList}") + " s.");
        Line();
        Line("| Parser (warm) | threads | median s | min s | MB/s | lines/s | files/s | speed vs `ast.parse` | round by round (range) | CPU s | speed vs `ast.parse` by CPU time | cores busy |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double? reference = r.Ast?.Median;
        double? referenceCpu = r.Ast?.CpuMedian;
        void Row(string name, int threads, Samples s, bool paired = true)
        {
            double median = s.Median;
            string relative = reference is { } a ? F(a / median, 2) + "×" : "–";
            string relativeCpu = referenceCpu is { } c ? F(c / s.CpuMedian, 2) + "×" : "–";
            string byRound = paired && r.Ast is { } ast ? PairedRatio(ast, s) : "–";
            Line($"| {name} | {threads} | {F(median, 3)} | {F(s.Min, 3)} | {F(mb / median, 2)} | {F(corpus.Lines / median, 0)} | {F(corpus.Files.Count / median, 0)} | {relative} | {byRound} | {F(s.CpuMedian, 3)} | {relativeCpu} | {F(s.BusyCores, 2)} |");
        }
        Row("Switcheroo `PythonSyntax.Parse` (decode, lex, SLL/LL parse, checks), the MSBuild task's settings", 1, r.Switcheroo);
        foreach (var (variant, samples, _, _) in r.Variants)
        {
            Row($"Switcheroo, {variant.Label}", 1, samples);
        }
        if (r.Ast is not null)
        {
            Row("CPython `ast.parse` (decode, tokenize, PEG parse, AST objects)", 1, r.Ast);
        }
        if (r.Compile is not null)
        {
            Row("CPython `compile(…, 'exec')` (parse + symtable + bytecode; no AST objects)", 1, r.Compile);
        }
        if (r.Parallel.Seconds.Count > 0)
        {
            Row($"Switcheroo `PythonSyntax.Parse`, `Parallel.ForEach` over files", Environment.ProcessorCount, r.Parallel, paired: false);
        }
        Line();
        Line("Times are medians (and minimum) per pass over the whole corpus; MB/s, lines/s and files/s come from the median wall time. " +
             "\"speed vs `ast.parse`\" is ast.parse's median time over this row's: above 1× is faster than CPython. " +
             "\"round by round\" pairs each of this row's passes with the `ast.parse` pass of the same round (the order alternates round by round) and gives the median of those ratios and their range: a machine whose speed drifts moves both passes of a round alike, so this is the steadier figure when the two disagree. " +
             "\"CPU s\" is the median CPU time of the whole process per pass (every thread: parsing, GC, JIT), which other work on the machine disturbs much less than wall time; " +
             "for the single-threaded CPython rows it is close to wall time on a quiet machine. " +
             "\"cores busy\" is the mean number of cores the whole machine kept busy during this row's passes (/proc/stat): about 1.0 for a single-threaded row on a quiet machine; clearly more means other work competed. " +
             "The first Switcheroo row runs with the .NET defaults (workstation GC, concurrent), which are what the MSBuild task gets inside MSBuild's node (the task cannot choose them); " +
             "the other Switcheroo rows are the same code in a child process under other runtime settings (environment variables), measured in the same rounds, the `server-gc` row being the `switcheroo` CLI's own (it ships with server GC).");
        foreach (var (variant, _, _, _) in r.Variants)
        {
            Line();
            Line($"Switcheroo, {variant.Label}: {variant.Description}.");
        }
        Line();
        Line("| Cold | wall s | of which: start-up s | corpus load s | first pass s | first-pass MB/s |");
        Line("|---|---:|---:|---:|---:|---:|");
        if (r.ColdDotnet.Count > 0)
        {
            var best = r.ColdDotnet.OrderBy(c => c.Wall).First();
            Line($"| Switcheroo, fresh process (`parse --once`), best of {r.ColdDotnet.Count} | {F(best.Wall, 2)} | {F(best.ToMain, 2)} | {F(best.Load, 2)} | {F(best.Pass, 2)} | {F(mb / best.Pass, 2)} |");
        }
        Line($"| Switcheroo, first pass inside the benchmark process (JIT + empty ANTLR DFA cache) | – | – | – | {F(r.FirstPass, 2)} | {F(mb / r.FirstPass, 2)} |");
        if (r.SecondPass > 0)
        {
            Line($"| Switcheroo, second pass inside the benchmark process | – | – | – | {F(r.SecondPass, 2)} | {F(mb / r.SecondPass, 2)} |");
        }
        if (r.ColdPython.Count > 0)
        {
            var best = r.ColdPython.OrderBy(c => c.Wall).First();
            Line($"| CPython, fresh process (`cpython_parse.py once ast`), best of {r.ColdPython.Count} | {F(best.Wall, 2)} | {F(best.Wall - best.Load - best.Pass, 2)} | {F(best.Load, 2)} | {F(best.Pass, 2)} | {F(mb / best.Pass, 2)} |");
        }
        Line();
        Line("| Memory | after loading the corpus | peak | allocated per MB of source |");
        Line("|---|---:|---:|---:|");
        Line($"| Switcheroo (.NET process, single-threaded passes): working set, `PeakWorkingSet64` | {Mb(r.WorkingSetAfterLoad)} | {Mb(r.PeakSingle)} | {F(r.AllocatedPerPass / corpus.Bytes, 1)} MB (`GC.GetTotalAllocatedBytes`) |");
        if (r.PeakParallel > 0)
        {
            Line($"| Switcheroo, after the {Environment.ProcessorCount}-thread passes as well | – | {Mb(r.PeakParallel)} | – |");
        }
        foreach (var (variant, _, afterLoad, peak) in r.Variants)
        {
            Line($"| Switcheroo, {variant.Label}: working set, `PeakWorkingSet64` | {Mb(afterLoad)} | {Mb(peak)} | – |");
        }
        if (r.AstRss is { } astRss)
        {
            Line($"| CPython `ast.parse` process: RSS, `ru_maxrss` | {Mb(astRss.AfterLoad)} | {Mb(astRss.Peak)} | – |");
        }
        if (r.CompileRss is { } compileRss)
        {
            Line($"| CPython `compile` process: RSS, `ru_maxrss` | {Mb(compileRss.AfterLoad)} | {Mb(compileRss.Peak)} | – |");
        }
        Line();
        Line($"GC during a single-threaded Switcheroo pass: {F(r.GcPausePerPass, 3)} s paused " +
             $"({F(100 * r.GcPausePerPass / r.Switcheroo.Median, 1)} % of the pass), {r.Collections[0]} gen0 / {r.Collections[1]} gen1 / {r.Collections[2]} gen2 collections, " +
             $"{F(r.AllocatedPerPass / 1e9, 2)} GB allocated. The .NET working set includes the corpus as bytes; Switcheroo also decodes each file to a UTF-16 string while parsing it.");
        var noisy = new[] { r.Switcheroo, r.Ast, r.Compile, r.Parallel }.Concat(r.Variants.Select(v => v.Samples)).Where(s => s is { Seconds.Count: > 1 } && s.Spread > 1.10).ToList();
        if (noisy.Count > 0)
        {
            Line();
            Line($"Warning: passes varied by more than 10 % ({string.Join(", ", noisy.Select(s => $"{s!.Name} max/min {F(s.Spread, 2)}"))}); the machine was probably busy. Re-run for clean numbers.");
        }
        return md.ToString();
    }

    /// <summary>A full collection before a timed pass, so no pass pays for garbage of the one before.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
