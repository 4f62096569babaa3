using System.Diagnostics;
using Switcheroo.Engine;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Engine.Session;

namespace Switcheroo.Cli;

/// <summary>
/// <c>switcheroo convert PATH... --out DIR [--map FILE]...</c>: converts each file
/// (<c>X.torch.py</c> or <c>X.py</c>, directories: every <c>*.py</c> below them, <c>bin/</c>, <c>obj/</c>
/// and hidden folders skipped) to <c>DIR/relative/path/X.py</c> through the engine's
/// <see cref="ConversionSession"/>, prints diagnostics in MSBuild's canonical form and
/// <c>N files, N converted, N warnings, N errors, T ms</c>. A file with an error is not written.
/// Beside every converted file that uses it goes the runtime module, <c>switcheroo_runtime.py</c>.
/// The session keeps its record of what it wrote in <c>DIR/.switcheroo-outputs</c>: a file in
/// <c>DIR</c> that Switcheroo did not write is never replaced (SWR0007). <c>DIR</c> may not be an
/// input folder or inside one (SWR0009).
/// </summary>
internal static class ConvertCommand
{
    /// <summary>The record of outputs the CLI wrote, kept in the output folder.</summary>
    public const string RecordName = ".switcheroo-outputs";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var clock = Stopwatch.StartNew();
        if (!TryParse(args, out var inputs, out var outDir, out var maps, out var usage))
        {
            error.WriteLine($"switcheroo convert: {usage}");
            return 2;
        }
        var problems = new List<Diagnostic>();
        var mapSet = MapCatalog.Load(MapCatalog.BuiltInFolder, maps, HookRegistry.BuiltIn.Signatures, problems);
        problems.AddRange(inputs.Where(i => Directory.Exists(i) && (OutputNaming.Same(i, outDir!) || OutputNaming.IsInside(i, outDir!)))
            .Select(i => Diagnostic.At(DiagnosticCodes.OutputIsInput, $"the output folder {outDir} is the input folder {i} or inside it; converting would read its own outputs back", outDir!, 0, 0)));
        var files = InputDiscovery.Expand(inputs, problems);
        var report = problems.Any(p => p.Severity == Severity.Error)
            ? new SessionReport(Array.Empty<FileOutcome>(), Array.Empty<Diagnostic>())
            : Convert(mapSet, files, outDir!);
        foreach (var diagnostic in problems.Concat(report.Diagnostics))
        {
            output.WriteLine(diagnostic);
        }
        int errors = report.Count(Severity.Error) + problems.Count(p => p.Severity == Severity.Error);
        int warnings = report.Count(Severity.Warning) + problems.Count(p => p.Severity == Severity.Warning);
        output.WriteLine($"{files.Count} files, {report.Files.Count(f => f.Written)} converted, {warnings} warnings, {errors} errors, {clock.ElapsedMilliseconds} ms");
        return errors > 0 ? 1 : 0;
    }

    private static SessionReport Convert(MapSet maps, IReadOnlyList<(string File, string Relative)> files, string outDir)
    {
        var inputs = files.Select(f =>
        {
            var relative = OutputNaming.RelativeOutput(f.Relative);
            return new SourceInput(f.File, Path.Combine(outDir, relative), OutputNaming.ModulePath(relative));
        }).ToList();
        var store = new OutputStore(outDir, OutputRecord.Load(Path.Combine(outDir, RecordName)));
        var session = new ConversionSession(new Pipeline(maps, HookRegistry.BuiltIn), store, new SessionOptions { WriteRuntimeModules = true });
        return session.Run(inputs);
    }

    private static bool TryParse(IReadOnlyList<string> args, out List<string> inputs, out string? outDir, out List<string> maps, out string usage)
    {
        inputs = new List<string>();
        maps = new List<string>();
        outDir = null;
        usage = string.Empty;
        bool options = true;
        for (int i = 0; i < args.Count; i++)
        {
            if (options && args[i] is "--out" or "--map" && i + 1 >= args.Count)
            {
                usage = $"{args[i]} needs a value";
                return false;
            }
            switch (options ? args[i] : string.Empty)
            {
                case "--out": outDir = args[++i]; break;
                case "--map": maps.Add(args[++i]); break;
                case "--": options = false; break;
                case var option when option.StartsWith('-') && option.Length > 1:
                    usage = $"unknown option '{option}' (a path that starts with '-' goes after '--')";
                    return false;
                default: inputs.Add(args[i]); break;
            }
        }
        usage = inputs.Count == 0 ? "give at least one file or directory" : outDir is null ? "--out DIR is required" : string.Empty;
        return usage.Length == 0;
    }
}
