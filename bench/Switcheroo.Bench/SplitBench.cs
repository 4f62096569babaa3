using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Bench;

/// <summary>
/// <c>split</c>: where a warm <see cref="PythonSyntax.Parse(string, byte[])"/> spends its time. The
/// pipeline is re-run here piece by piece with the public generated <see cref="PythonLexer"/> and
/// <see cref="PythonParser"/>, the same steps in the same order as PythonSyntax (decode, lex, SLL
/// parse with bail-out, full-LL re-parse when SLL gives up, compile-time checks, token copy), each
/// under its own stopwatch; the per-call large-stack thread is timed apart. A pass of the real API
/// runs alongside, so the sum of the pieces can be checked against it. Then: the compile-time
/// checks one by one (<see cref="CheckSplit"/>), every SLL->LL
/// fallback (file, position, rule stack) and, unless --no-profile, ANTLR's per-decision
/// prediction profile over one pass.
/// </summary>
internal static class SplitBench
{
    private enum Phase { Decode, CharStream, Lex, SllParse, SllWasted, LlParse, Checks, TokenCopy, Thread, Count }

    private static readonly string[] PhaseNames =
    {
        "decode (PEP 263, bytes -> string)",
        "char stream (StringCharStream.For)",
        "lex (CommonTokenStream.Fill)",
        "SLL parse (files SLL accepts)",
        "SLL parse thrown away (files that fall back)",
        "full-LL re-parse (files that fall back)",
        "compile-time checks (SyntaxChecks.Run)",
        "token copy (SyntaxTree keeps an array)",
        "large-stack thread per call (LargeStack.Run)",
    };

    /// <summary>SyntaxChecks is internal to the engine; the bench binds to it by name to time it alone.</summary>
    private static readonly Func<PythonParser.File_inputContext, SourceText, IReadOnlyList<Diagnostic>> RunChecks = BindChecks();

    private sealed record Fallback(string Path, int Line, int Column, string Exception, string Token, string Rules, string SourceLine, bool LlAccepted, int TokenIndex, int Tokens);

    public static int Run(Options options)
    {
        Console.WriteLine($"Switcheroo parse split, {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}; load average {Machine.Load}");
        Console.WriteLine($"  {Machine.Runtime}; {Machine.GcAndJit}");
        var corpus = Corpus.Load(options.Python, Corpus.Script, options.FilesList);
        Console.WriteLine($"corpus: {corpus.Files.Count} files ({corpus.Megabytes:F2} MB, {corpus.Lines:N0} lines) accepted by {corpus.Python}");
        // One large-stack thread for the whole run, as every PythonSyntax.Parse call has one.
        return LargeStack.Run(() => Measure(options, corpus));
    }

    private static int Measure(Options options, Corpus corpus)
    {
        var files = corpus.Files;
        var totals = new List<long[]>();
        var allocations = new List<long[]>();
        var api = new Samples("PythonSyntax.Parse");
        List<Fallback>? fallbacks = null;
        var smallThreads = new Samples("default-stack threads");
        for (int pass = 0; pass < options.Warmup + options.Iterations; pass++)
        {
            bool measured = pass >= options.Warmup;
            var ticks = new long[(int)Phase.Count];
            var bytes = new long[(int)Phase.Count];
            var found = new List<Fallback>();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var (piecesSeconds, busy) = Machine.Metered(() =>
            {
                long start = Stopwatch.GetTimestamp();
                foreach (var file in files)
                {
                    ParseInPieces(file, ticks, found, bytes);
                }
                return Stopwatch.GetElapsedTime(start).TotalSeconds;
            });

            long threadStart = Stopwatch.GetTimestamp();
            foreach (var _ in files)
            {
                LargeStack.Run(() => 0);
            }
            ticks[(int)Phase.Thread] = Stopwatch.GetTimestamp() - threadStart;

            // For comparison (not part of the sum): the same number of threads with the default stack size.
            long smallStart = Stopwatch.GetTimestamp();
            foreach (var _ in files)
            {
                var thread = new Thread(() => { });
                thread.Start();
                thread.Join();
            }
            if (measured)
            {
                smallThreads.Add(Seconds(Stopwatch.GetTimestamp() - smallStart));
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            long apiStart = Stopwatch.GetTimestamp();
            int rejected = 0;
            foreach (var file in files)
            {
                if (PythonSyntax.Parse(file.Path, file.Bytes).HasErrors)
                {
                    rejected++;
                }
            }
            double apiSeconds = Stopwatch.GetElapsedTime(apiStart).TotalSeconds;
            Console.WriteLine($"{(measured ? "pass" : "warm-up")} {pass + 1}: pieces {piecesSeconds:F3} s ({busy:F2} cores busy) (+ threads {Seconds(ticks[(int)Phase.Thread]):F3} s), " +
                              $"PythonSyntax.Parse {apiSeconds:F3} s ({rejected} rejected), {found.Count} SLL->LL fallbacks; load {Machine.Load}");
            if (measured)
            {
                totals.Add(ticks);
                allocations.Add(bytes);
                api.Add(apiSeconds);
                fallbacks ??= found;
            }
        }

        Report(corpus, totals, allocations, api, fallbacks!);
        RejectedFiles(corpus);
        Console.WriteLine($"(For comparison: {corpus.Files.Count} threads with the default stack size, started and joined one by one: {smallThreads.Median:F3} s per pass.)");
        TreeExperiment(corpus);
        CheckSplit.Run(corpus);
        if (!options.NoProfile)
        {
            Profile(corpus);
        }
        return 0;
    }

    /// <summary>
    /// PythonSyntax.ParseOnThisThread, step by step, with a stopwatch per step and the bytes each
    /// step allocates (a count the machine's load does not change, unlike the times).
    /// </summary>
    private static void ParseInPieces(SourceFile file, long[] ticks, List<Fallback> fallbacks, long[]? bytes = null)
    {
        long b0 = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        var diagnostics = new List<Diagnostic>();
        var source = SourceDecoder.Decode(file.Path, file.Bytes, diagnostics)
            ?? throw new InvalidDataException($"{file.Path}: cannot decode");
        long t1 = Stopwatch.GetTimestamp();
        var chars = CharStream(source.Text);
        long t2 = Stopwatch.GetTimestamp();
        var lexer = new PythonLexer(chars);
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        long t3 = Stopwatch.GetTimestamp();
        long b3 = GC.GetAllocatedBytesForCurrentThread();
        ticks[(int)Phase.Decode] += t1 - t0;
        ticks[(int)Phase.CharStream] += t2 - t1;
        ticks[(int)Phase.Lex] += t3 - t2;
        if (lexer.Error is not null)
        {
            return;
        }

        var parser = new PythonParser(tokens);
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        PythonParser.File_inputContext root;
        long t4;
        try
        {
            root = parser.file_input();
            t4 = Stopwatch.GetTimestamp();
            ticks[(int)Phase.SllParse] += t4 - t3;
        }
        catch (ParseCanceledException canceled)
        {
            long tFail = Stopwatch.GetTimestamp();
            ticks[(int)Phase.SllWasted] += tFail - t3;
            tokens.Seek(0);
            parser.Reset();
            parser.Interpreter.PredictionMode = PredictionMode.LL;
            parser.ErrorHandler = new DefaultErrorStrategy();
            var errors = new CountingListener();
            parser.AddErrorListener(errors);
            root = parser.file_input();
            t4 = Stopwatch.GetTimestamp();
            ticks[(int)Phase.LlParse] += t4 - tFail;
            fallbacks.Add(Describe(file, source.Text, parser, tokens, canceled, errors.Count == 0));
        }
        long b4 = GC.GetAllocatedBytesForCurrentThread();
        RunChecks(root, source);
        long t5 = Stopwatch.GetTimestamp();
        long b5 = GC.GetAllocatedBytesForCurrentThread();
        _ = tokens.GetTokens().ToArray();
        long t6 = Stopwatch.GetTimestamp();
        ticks[(int)Phase.Checks] += t5 - t4;
        ticks[(int)Phase.TokenCopy] += t6 - t5;
        if (bytes is not null)
        {
            // Decode, char stream and lex together under Lex; both parses under SllParse.
            bytes[(int)Phase.Lex] += b3 - b0;
            bytes[(int)Phase.SllParse] += b4 - b3;
            bytes[(int)Phase.Checks] += b5 - b4;
            bytes[(int)Phase.TokenCopy] += GC.GetAllocatedBytesForCurrentThread() - b5;
        }
    }

    private static Fallback Describe(SourceFile file, string text, PythonParser parser, CommonTokenStream tokens, ParseCanceledException canceled, bool llAccepted)
    {
        var cause = canceled.InnerException as RecognitionException;
        var offending = cause?.OffendingToken;
        var rules = new List<string>();
        for (RuleContext? context = cause?.Context; context is not null && rules.Count < 6; context = context.Parent)
        {
            rules.Add(parser.RuleNames[context.RuleIndex]);
        }
        int line = offending?.Line ?? 0;
        string sourceLine = line > 0 ? text.Split('\n').ElementAtOrDefault(line - 1)?.Trim() ?? string.Empty : string.Empty;
        if (sourceLine.Length > 90)
        {
            sourceLine = sourceLine[..90] + "…";
        }
        return new Fallback(file.Path, line, (offending?.Column ?? -1) + 1, cause?.GetType().Name ?? canceled.InnerException?.GetType().Name ?? "?",
            offending?.Type == TokenConstants.EOF ? "<EOF>" : offending?.Text ?? "?", string.Join(" < ", rules), sourceLine, llAccepted,
            offending?.TokenIndex ?? -1, tokens.Size);
    }

    private static void Report(Corpus corpus, List<long[]> totals, List<long[]> allocations, Samples api, List<Fallback> fallbacks)
    {
        double mb = corpus.Megabytes;
        var medians = Enumerable.Range(0, (int)Phase.Count - 0).Select(p => Median(totals.Select(t => Seconds(t[p])))).ToArray();
        double sum = medians.Take((int)Phase.Count).Sum();
        Console.WriteLine();
        Console.WriteLine($"Split of a warm single-threaded pass (median of {totals.Count} passes; PythonSyntax.Parse itself: median {api.Median:F3} s, {mb / api.Median:F2} MB/s; sum of pieces {sum:F3} s):");
        Console.WriteLine();
        Console.WriteLine("| Phase | s per pass | share | MB/s if it were alone |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (int p = 0; p < (int)Phase.Count; p++)
        {
            Console.WriteLine($"| {PhaseNames[p]} | {medians[p]:F3} | {100 * medians[p] / sum:F1} % | {(medians[p] > 0 ? (mb / medians[p]).ToString("F1", CultureInfo.InvariantCulture) : "–")} |");
        }
        Console.WriteLine($"| **sum** | **{sum:F3}** | 100 % | {mb / sum:F2} |");
        var first = allocations[0];
        Console.WriteLine();
        Console.WriteLine($"Allocated per pass (GC.GetAllocatedBytesForCurrentThread, first measured pass): decode+lex {first[(int)Phase.Lex] / 1e6:F1} MB, " +
                          $"parse (SLL and LL) {first[(int)Phase.SllParse] / 1e6:F1} MB, compile-time checks {first[(int)Phase.Checks] / 1e6:F1} MB, " +
                          $"token copy {first[(int)Phase.TokenCopy] / 1e6:F1} MB; total {first.Sum() / 1e6:F1} MB.");

        Console.WriteLine();
        var fallbackFiles = fallbacks.Select(f => f.Path).Distinct().Count();
        long fallbackBytes = corpus.Files.Where(f => fallbacks.Any(b => b.Path == f.Path)).Sum(f => (long)f.Bytes.Length);
        Console.WriteLine($"SLL->LL fallbacks: {fallbackFiles} of {corpus.Files.Count} files ({100.0 * fallbackFiles / corpus.Files.Count:F1} %), " +
                          $"{fallbackBytes / 1e6:F2} MB of {mb:F2} MB ({100.0 * fallbackBytes / corpus.Bytes:F1} %); full LL then accepted {fallbacks.Count(f => f.LlAccepted)} of them.");
        if (fallbacks.Count > 0)
        {
            Console.WriteLine($"Where SLL gave up, by rule stack (innermost first) at the offending token:");
            foreach (var group in fallbacks.GroupBy(f => f.Rules).OrderByDescending(g => g.Count()))
            {
                Console.WriteLine($"  {group.Count(),4}  {group.Key}   e.g. {Short(group.First())}");
            }
            Console.WriteLine("Every fallback:");
            foreach (var f in fallbacks.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {Short(f)}  [{f.Exception} at '{f.Token}', token {f.TokenIndex} of {f.Tokens}, rules {f.Rules}]{(f.LlAccepted ? string.Empty : " LL REJECTED")}");
                Console.WriteLine($"        {f.SourceLine}");
            }
        }
    }

    /// <summary>
    /// How much of the SLL parse is building the tree: each file is lexed once, then parsed as
    /// PythonSyntax does and again with <c>BuildParseTree = false</c> (contexts are still created, but
    /// children lists and terminal nodes are not), alternating which goes first. Not a product
    /// option (Switcheroo needs the tree), a measure of what a leaner tree could save.
    /// </summary>
    private static void TreeExperiment(Corpus corpus)
    {
        var seconds = new double[2];
        long allocated0 = 0, allocated1 = 0;
        for (int i = 0; i < corpus.Files.Count; i++)
        {
            var file = corpus.Files[i];
            if (Lex(file) is not { } tokens)
            {
                continue;
            }
            for (int k = 0; k < 2; k++)
            {
                int variant = (i + k) % 2;
                tokens.Seek(0);
                long before = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                var parser = new PythonParser(tokens) { BuildParseTree = variant == 0 };
                parser.RemoveErrorListeners();
                parser.Interpreter.PredictionMode = PredictionMode.SLL;
                parser.ErrorHandler = new BailErrorStrategy();
                try
                {
                    parser.file_input();
                }
                catch (ParseCanceledException)
                {
                    // Counted in the main split; both variants fail alike.
                }
                seconds[variant] += Seconds(Stopwatch.GetTimestamp() - start);
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                if (variant == 0)
                {
                    allocated0 += bytes;
                }
                else
                {
                    allocated1 += bytes;
                }
            }
        }
        Console.WriteLine();
        Console.WriteLine($"Tree experiment (one warm pass, files lexed once and parsed twice): SLL parse with the tree {seconds[0]:F3} s, {allocated0 / 1e9:F2} GB allocated; " +
                          $"with BuildParseTree=false {seconds[1]:F3} s, {allocated1 / 1e9:F2} GB; the tree's children lists and terminal nodes cost {100 * (1 - seconds[1] / seconds[0]):F0} % of the parse time " +
                          $"(GC included) and {100 * (1 - (double)allocated1 / allocated0):F0} % of its allocations.");
    }

    /// <summary>The files CPython rejects are not in the timings, but they are where SLL is meant to give up: check that it does.</summary>
    private static void RejectedFiles(Corpus corpus)
    {
        var found = new List<Fallback>();
        var ticks = new long[(int)Phase.Count];
        int lexical = 0, deep = 0;
        foreach (var path in corpus.RejectedPaths)
        {
            var bytes = File.ReadAllBytes(path);
            if (SourceDecoder.Decode(path, bytes, new List<Diagnostic>()) is null)
            {
                lexical++;
                continue;
            }
            int before = found.Count;
            long lexBefore = ticks[(int)Phase.SllParse] + ticks[(int)Phase.SllWasted];
            try
            {
                ParseInPieces(new SourceFile(path, bytes, Corpus.CountLines(bytes)), ticks, found);
            }
            catch (NestingTooDeepException)
            {
                deep++;
                continue;
            }
            if (found.Count == before && ticks[(int)Phase.SllParse] + ticks[(int)Phase.SllWasted] == lexBefore)
            {
                lexical++;
            }
        }
        Console.WriteLine($"Files CPython rejects ({corpus.Rejected}, not timed): {found.Count} go SLL -> full LL, as designed (the LL pass finds the error CPython reports); " +
                          $"{lexical} stop earlier, at decoding or lexing; {deep} nest too deeply; {corpus.Rejected - found.Count - lexical - deep} pass SLL (rejected later by the checks).");
    }

    private static string Short(Fallback f) => $"{RelativeToStdlib(f.Path)}({f.Line},{f.Column})";

    private static string RelativeToStdlib(string path)
    {
        int at = path.IndexOf("/lib/python", StringComparison.Ordinal);
        if (at < 0)
        {
            return path;
        }
        int slash = path.IndexOf('/', at + "/lib/python".Length);
        return slash < 0 ? path : path[(slash + 1)..];
    }

    /// <summary>
    /// One warm pass with ANTLR's ProfilingATNSimulator (SLL first, LL re-parse on fallback, as in
    /// PythonSyntax), summed over files per decision. Its clock is DateTime.Now, which is coarse and
    /// itself costly, so the counts (invocations, lookahead depth, DFA misses) are what to read.
    /// Also sizes: tokens per channel, parse-tree nodes.
    /// </summary>
    private static void Profile(Corpus corpus)
    {
        PythonParser? any = null;
        var sums = new Dictionary<int, DecisionSum>();
        long allTokens = 0, defaultTokens = 0, ruleNodes = 0, terminalNodes = 0, fileCount = 0;
        var nodesByRule = new long[PythonParser.ruleNames.Length];
        var chainByRule = new long[PythonParser.ruleNames.Length];
        int maxDepth = 0, reparsed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var file in corpus.Files)
        {
            if (Lex(file) is not { } tokens)
            {
                continue;
            }
            fileCount++;
            allTokens += tokens.Size;
            defaultTokens += tokens.GetTokens().Count(t => t.Channel == TokenConstants.DefaultChannel);
            var parser = new PythonParser(tokens);
            any = parser;
            parser.RemoveErrorListeners();
            parser.Profile = true;
            parser.Interpreter.PredictionMode = PredictionMode.SLL;
            parser.ErrorHandler = new BailErrorStrategy();
            IParseTree root;
            try
            {
                root = parser.file_input();
            }
            catch (ParseCanceledException)
            {
                reparsed++;
                tokens.Seek(0);
                parser.Reset();
                parser.Interpreter.PredictionMode = PredictionMode.LL;
                parser.ErrorHandler = new DefaultErrorStrategy();
                root = parser.file_input();
            }
            foreach (var info in parser.ParseInfo.getDecisionInfo())
            {
                if (info.invocations == 0)
                {
                    continue;
                }
                if (!sums.TryGetValue(info.decision, out var sum))
                {
                    sums[info.decision] = sum = new DecisionSum(info.decision);
                }
                sum.Add(info, tokens);
            }
            var (rules, terminals, depth) = TreeSize(root, nodesByRule, chainByRule);
            ruleNodes += rules;
            terminalNodes += terminals;
            maxDepth = Math.Max(maxDepth, depth);
        }
        if (any is null)
        {
            return;
        }
        var atn = any.Atn;
        string RuleOf(int decision) => any.RuleNames[atn.decisionToState[decision].ruleIndex];
        string KindOf(int decision) => atn.decisionToState[decision].GetType().Name.Replace("State", string.Empty, StringComparison.Ordinal);
        long invocations = sums.Values.Sum(s => s.Invocations);
        long look = sums.Values.Sum(s => s.SllLook);
        Console.WriteLine();
        Console.WriteLine($"Prediction profile (one warm pass, {clock.Elapsed.TotalSeconds:F1} s with profiling on):");
        Console.WriteLine($"  tokens: {allTokens:N0} in all, {defaultTokens:N0} on the default channel ({100.0 * defaultTokens / allTokens:F0} %; the rest are hidden whitespace/comments/NL kept for losslessness), " +
                          $"{allTokens / corpus.Megabytes:N0} per MB");
        Console.WriteLine($"  parse tree: {ruleNodes:N0} rule nodes, {terminalNodes:N0} terminals; {(double)ruleNodes / defaultTokens:F2} rule nodes per parser-visible token; deepest {maxDepth} levels");
        Console.WriteLine($"  adaptivePredict calls: {invocations:N0} ({(double)invocations / defaultTokens:F2} per parser-visible token), SLL lookahead {look:N0} tokens in all " +
                          $"({(double)look / invocations:F2} per call); SLL DFA misses (ATN simulation) {sums.Values.Sum(s => s.SllAtn):N0}; " +
                          $"LL predictions {sums.Values.Sum(s => s.LlFallback):N0} (in {reparsed} full-LL re-parses), LL lookahead {sums.Values.Sum(s => s.LlLook):N0}");
        Console.WriteLine($"  decisions used: {sums.Count} of {atn.NumberOfDecisions}");
        long chains = chainByRule.Sum();
        Console.WriteLine();
        Console.WriteLine($"  Parse-tree nodes by rule; pass-through = exactly one child, itself a rule node ({chains:N0} of {ruleNodes:N0} rule nodes, {100.0 * chains / ruleNodes:F0} %):");
        Console.WriteLine("  | rule | nodes | per parser-visible token | pass-through | share of all rule nodes |");
        Console.WriteLine("  |---|---:|---:|---:|---:|");
        foreach (int r in Enumerable.Range(0, nodesByRule.Length).OrderByDescending(r => nodesByRule[r]).Take(20))
        {
            Console.WriteLine($"  | {PythonParser.ruleNames[r]} | {nodesByRule[r]:N0} | {(double)nodesByRule[r] / defaultTokens:F2} | {100.0 * chainByRule[r] / Math.Max(1, nodesByRule[r]):F0} % | {100.0 * nodesByRule[r] / ruleNodes:F1} % |");
        }
        void Top(string title, Func<DecisionSum, double> key, int count)
        {
            Console.WriteLine();
            if (!sums.Values.Any(s => key(s) > 0))
            {
                Console.WriteLine($"  Decisions by {title}: none.");
                return;
            }
            Console.WriteLine($"  Top decisions by {title}:");
            Console.WriteLine("  | decision | rule | kind | calls | SLL look total | avg | max | DFA misses | LL calls | LL look | time (100 ns ticks, DateTime-based) | longest SLL lookahead example |");
            Console.WriteLine("  |---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var s in sums.Values.OrderByDescending(key).Take(count).Where(s => key(s) > 0))
            {
                Console.WriteLine($"  | {s.Decision} | {RuleOf(s.Decision)} | {KindOf(s.Decision)} | {s.Invocations:N0} | {s.SllLook:N0} | {(double)s.SllLook / s.Invocations:F2} | {s.SllMax} | {s.SllAtn:N0} | {s.LlFallback:N0} | {s.LlLook:N0} | {s.Time:N0} | `{s.MaxExample}` |");
            }
        }
        Top("total SLL lookahead (tokens examined while predicting)", s => s.SllLook, 20);
        Top("maximum SLL lookahead", s => s.SllMax, 10);
        Top("full-LL predictions (LL mode, fallback files only)", s => s.LlFallback, 10);
        Top("SLL DFA misses while warm", s => s.SllAtn, 10);
        Console.WriteLine();
        Console.WriteLine("  By rule (sum over the rule's decisions):");
        Console.WriteLine("  | rule | calls | SLL look total | avg per call | share of all lookahead |");
        Console.WriteLine("  |---|---:|---:|---:|---:|");
        foreach (var rule in sums.Values.GroupBy(s => RuleOf(s.Decision)).OrderByDescending(g => g.Sum(s => s.SllLook)).Take(20))
        {
            long calls = rule.Sum(s => s.Invocations), ruleLook = rule.Sum(s => s.SllLook);
            Console.WriteLine($"  | {rule.Key} | {calls:N0} | {ruleLook:N0} | {(double)ruleLook / calls:F2} | {100.0 * ruleLook / look:F1} % |");
        }
    }

    private sealed class DecisionSum(int decision)
    {
        public int Decision { get; } = decision;
        public long Invocations { get; private set; }
        public long SllLook { get; private set; }
        public long SllMax { get; private set; }
        public long SllAtn { get; private set; }
        public long LlFallback { get; private set; }
        public long LlLook { get; private set; }
        public long Time { get; private set; }
        public string MaxExample { get; private set; } = string.Empty;

        public void Add(DecisionInfo info, CommonTokenStream tokens)
        {
            Invocations += info.invocations;
            SllLook += info.SLL_TotalLook;
            SllAtn += info.SLL_ATNTransitions;
            LlFallback += info.LL_Fallback;
            LlLook += info.LL_TotalLook;
            Time += info.timeInPrediction;
            if (info.SLL_MaxLook > SllMax)
            {
                SllMax = info.SLL_MaxLook;
                if (info.SLL_MaxLookEvent is { } e)
                {
                    var text = tokens.GetText(Interval.Of(e.startIndex, e.stopIndex)).ReplaceLineEndings("⏎");
                    MaxExample = (text.Length > 60 ? text[..60] + "…" : text).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
                }
            }
        }
    }

    /// <summary>Counts nodes; per rule, all its nodes and the pass-through ones (exactly one child, itself a rule node).</summary>
    private static (long Rules, long Terminals, int Depth) TreeSize(IParseTree root, long[] nodesByRule, long[] chainByRule)
    {
        long rules = 0, terminals = 0;
        int deepest = 0;
        var stack = new Stack<(IParseTree Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            deepest = Math.Max(deepest, depth);
            if (node is ITerminalNode)
            {
                terminals++;
                continue;
            }
            rules++;
            int ruleIndex = ((RuleContext)node).RuleIndex;
            nodesByRule[ruleIndex]++;
            if (node.ChildCount == 1 && node.GetChild(0) is RuleContext)
            {
                chainByRule[ruleIndex]++;
            }
            for (int i = 0; i < node.ChildCount; i++)
            {
                stack.Push((node.GetChild(i), depth + 1));
            }
        }
        return (rules, terminals, deepest);
    }

    /// <summary>The lexer's input as PythonSyntax makes it (StringCharStream.For, internal to the engine).</summary>
    internal static readonly Func<string, ICharStream> CharStream = typeof(PythonSyntax).Assembly
        .GetType("Switcheroo.Engine.Parsing.StringCharStream", throwOnError: true)!
        .GetMethod("For", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!
        .CreateDelegate<Func<string, ICharStream>>();

    private static Func<PythonParser.File_inputContext, SourceText, IReadOnlyList<Diagnostic>> BindChecks()
    {
        var type = typeof(PythonSyntax).Assembly.GetType("Switcheroo.Engine.Parsing.SyntaxChecks", throwOnError: true)!;
        var method = type.GetMethod("Run", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException("SyntaxChecks.Run");
        // Run(root, source, parserError) returns the diagnostics and the file's scopes (an internal type).
        return (root, source) => (IReadOnlyList<Diagnostic>)((System.Runtime.CompilerServices.ITuple)method.Invoke(null, [root, source, null])!)[0]!;
    }

    private sealed class CountingListener : BaseErrorListener
    {
        public int Count { get; private set; }

        public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e) => Count++;
    }

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The file's tokens, or null when it does not lex (such files are left out of the split).</summary>
    private static CommonTokenStream? Lex(SourceFile file)
    {
        var source = SourceDecoder.Decode(file.Path, file.Bytes, new List<Diagnostic>())!;
        var lexer = new PythonLexer(CharStream(source.Text));
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        return lexer.Error is null ? tokens : null;
    }
}
