using System.Diagnostics;
using System.Reflection;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Bench;

/// <summary>
/// Part of <c>split</c>: the compile-time checks (SyntaxChecks.Run) one by one, over one warm pass
/// of the corpus: the shared walk (ScopedTree), then every check in its stage's order, each with
/// its time and the bytes it allocates. The checks are internal to the engine and are reached by
/// reflection (SyntaxChecks.Stages), so the breakdown follows whatever checks the engine runs.
/// Every check runs on every file here where SyntaxChecks.Run would run it if no stage stopped early
/// (a check guarded by words, IWordGuardedCheck, only where the text has one): a measure of each
/// check's cost, not of SyntaxChecks.Run, which the main split times (and where the checks that
/// follow the shared walk, IWalkingCheck, share one replay of it per stage).
/// </summary>
internal static class CheckSplit
{
    private static readonly Assembly Engine = typeof(PythonSyntax).Assembly;

    public static void Run(Corpus corpus)
    {
        var checks = Checks();
        var shared = Engine.GetType("Switcheroo.Engine.Parsing.Checks.ScopedTree", throwOnError: true)!;
        var of = shared.GetMethod("Of", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        var release = shared.GetMethod("Release", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        var symbols = Engine.GetType("Switcheroo.Engine.Parsing.Checks.SymbolTable", throwOnError: true)!
            .GetMethod("Release", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        var reporterType = Engine.GetType("Switcheroo.Engine.Parsing.Checks.CheckReporter", throwOnError: true)!;
        var check = Engine.GetType("Switcheroo.Engine.Parsing.Checks.ISyntaxCheck", throwOnError: true)!.GetMethod("Check")!;
        var guarded = Engine.GetType("Switcheroo.Engine.Parsing.Checks.IWordGuardedCheck", throwOnError: true)!;
        var words = checks.Select(c => guarded.IsInstanceOfType(c) ? (string[])guarded.GetProperty("Words")!.GetValue(c)! : null).ToArray();

        var ticks = new long[checks.Count + 1];
        var bytes = new long[checks.Count + 1];
        foreach (var file in corpus.Files)
        {
            if (Parse(file) is not var (root, text))
            {
                continue;
            }
            var sink = new List<Diagnostic>();
            var reporter = Activator.CreateInstance(reporterType, file.Path, sink, false)!;
            long b = GC.GetAllocatedBytesForCurrentThread();
            long t = Stopwatch.GetTimestamp();
            of.Invoke(null, [root]);
            Add(0, ref t, ref b);
            for (int i = 0; i < checks.Count; i++)
            {
                if (words[i] is not { } guard || guard.Any(word => text.Contains(word, StringComparison.Ordinal)))
                {
                    check.Invoke(checks[i], [root, reporter]);
                }
                Add(i + 1, ref t, ref b);
            }
            release.Invoke(null, [root]);
            symbols.Invoke(null, [root]);
        }

        double total = ticks.Sum();
        Console.WriteLine();
        Console.WriteLine($"Compile-time checks one by one (one warm pass, every check on every file its word guard lets it, each alone; {Seconds((long)total):F3} s, {bytes.Sum() / 1e6:F1} MB allocated):");
        Console.WriteLine();
        Console.WriteLine("| Check | s | share | MB allocated |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (int i = 0; i < ticks.Length; i++)
        {
            string name = i == 0 ? "shared walk (ScopedTree: scopes, steps, node index)" : checks[i - 1].GetType().Name;
            Console.WriteLine($"| {name} | {Seconds(ticks[i]):F3} | {100 * ticks[i] / total:F1} % | {bytes[i] / 1e6:F1} |");
        }

        void Add(int slot, ref long t, ref long b)
        {
            long now = Stopwatch.GetTimestamp();
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            ticks[slot] += now - t;
            bytes[slot] += allocated - b;
            t = Stopwatch.GetTimestamp();
            b = GC.GetAllocatedBytesForCurrentThread();
        }
    }

    /// <summary>Every check of every stage, in the order SyntaxChecks runs them.</summary>
    private static List<object> Checks()
    {
        var syntaxChecks = Engine.GetType("Switcheroo.Engine.Parsing.SyntaxChecks", throwOnError: true)!;
        var stages = (Array)syntaxChecks.GetField("Stages", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var found = new List<object>();
        foreach (var stage in stages)
        {
            var checks = (Array)stage.GetType().GetProperty("Checks")!.GetValue(stage)!;
            found.AddRange(checks.Cast<object>());
        }
        return found;
    }

    private static (PythonParser.File_inputContext Root, string Text)? Parse(SourceFile file)
    {
        var source = SourceDecoder.Decode(file.Path, file.Bytes, new List<Diagnostic>())!;
        var lexer = new PythonLexer(SplitBench.CharStream(source.Text));
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        if (lexer.Error is not null)
        {
            return null;
        }
        var parser = new PythonParser(tokens);
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        try
        {
            return (parser.file_input(), source.Text);
        }
        catch (ParseCanceledException)
        {
            tokens.Seek(0);
            parser.Reset();
            parser.Interpreter.PredictionMode = PredictionMode.LL;
            parser.ErrorHandler = new DefaultErrorStrategy();
            return (parser.file_input(), source.Text);
        }
    }

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;
}
