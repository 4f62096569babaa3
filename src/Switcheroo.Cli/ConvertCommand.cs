using Switcheroo.Engine.Binding;
using System.Diagnostics;
using Switcheroo.Engine;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Cli;

/// <summary>
/// <c>switcheroo convert PATH... --out DIR [--map FILE]...</c>: converts each file
/// (<c>X.torch.py</c> or <c>X.py</c>, directories: every <c>*.py</c> below them) to
/// <c>DIR/relative/path/X.py</c>, prints diagnostics in MSBuild's canonical form and
/// <c>N files, N converted, N warnings, N errors, T ms</c>. A file with an error is not written.
/// Beside every converted file that uses it goes the runtime module, <c>switcheroo_runtime.py</c>.
/// </summary>
internal static class ConvertCommand
{
    private static readonly object RuntimeLock = new();

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
        var files = SourceFiles.ExpandWithRoots(inputs, problems);
        var pipeline = new Pipeline(mapSet, HookRegistry.BuiltIn);
        var results = new ConversionResult[files.Count];
        bool mapsBroken = problems.Any(p => p.Severity == Severity.Error);
        // First the module classes of all files (a file may import another's), then each file.
        var project = Pipeline.Index(files.Select(f => (ModulePath(f.Relative), f.File)));
        Parallel.For(0, mapsBroken ? 0 : files.Count, i => results[i] = ConvertOne(pipeline, files[i], outDir!, project));
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }
        var done = results.Where(r => r is not null).ToList();
        foreach (var diagnostic in done.SelectMany(r => r.Diagnostics))
        {
            output.WriteLine(diagnostic);
        }
        int errors = done.Sum(r => r.Count(Severity.Error)) + problems.Count(p => p.Severity == Severity.Error);
        int warnings = done.Sum(r => r.Count(Severity.Warning)) + problems.Count(p => p.Severity == Severity.Warning);
        output.WriteLine($"{files.Count} files, {done.Count(r => r.Succeeded)} converted, {warnings} warnings, {errors} errors, {clock.ElapsedMilliseconds} ms");
        return errors > 0 ? 1 : 0;
    }

    private static string ModulePath(string relative) => ProjectModules.ModulePathOf(OutputFile.NameFor(relative));

    private static ConversionResult ConvertOne(Pipeline pipeline, (string File, string Relative) input, string outDir, ProjectModules project)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(input.File);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var unreadable = Diagnostic.At(DiagnosticCodes.FileUnreadable, $"cannot read file: {e.Message}", input.File, 0, 0);
            return new ConversionResult(input.File, null, new[] { unreadable }, System.Text.Encoding.UTF8);
        }
        var result = pipeline.Convert(input.File, bytes, ModulePath(input.Relative), project);
        if (result.Output is not null)
        {
            var target = Path.Combine(outDir, OutputFile.NameFor(input.Relative));
            OutputFile.Write(target, result.Encoding.GetBytes(result.Output));
            if (result.Output.Contains("switcheroo_runtime", StringComparison.Ordinal))
            {
                // Converted code imports the runtime module from its own folder, as the MSBuild task arranges.
                lock (RuntimeLock)
                {
                    OutputFile.Write(Path.Combine(Path.GetDirectoryName(target)!, Switcheroo.Engine.Emitting.RuntimeModule.FileName),
                        System.Text.Encoding.UTF8.GetBytes(Switcheroo.Engine.Emitting.RuntimeModule.Text));
                }
            }
        }
        return result;
    }

    private static bool TryParse(IReadOnlyList<string> args, out List<string> inputs, out string? outDir, out List<string> maps, out string usage)
    {
        inputs = new List<string>();
        maps = new List<string>();
        outDir = null;
        usage = string.Empty;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] is "--out" or "--map" && i + 1 >= args.Count)
            {
                usage = $"{args[i]} needs a value";
                return false;
            }
            switch (args[i])
            {
                case "--out": outDir = args[++i]; break;
                case "--map": maps.Add(args[++i]); break;
                default: inputs.Add(args[i]); break;
            }
        }
        usage = inputs.Count == 0 ? "give at least one file or directory" : outDir is null ? "--out DIR is required" : string.Empty;
        return usage.Length == 0;
    }
}
