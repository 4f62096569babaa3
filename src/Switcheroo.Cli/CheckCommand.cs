using System.Diagnostics;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Session;

namespace Switcheroo.Cli;

/// <summary>
/// <c>switcheroo check PATH...</c>: parses every file, prints each diagnostic in MSBuild's
/// canonical form, then <c>N files, N ok, N with errors, N lines, T ms</c>. Files are parsed in
/// parallel; output keeps the order of the file list.
/// </summary>
internal static class CheckCommand
{
    public static int Run(IReadOnlyList<string> paths, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var problems = new List<Diagnostic>();
        var files = InputDiscovery.Expand(paths, problems).Select(f => f.File).ToList();
        var results = new (IReadOnlyList<Diagnostic> Diagnostics, int Lines)[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var tree = PythonSyntax.ParseFile(files[i]);
            results[i] = (tree.Diagnostics, CountLines(tree.Source.Text));
        });
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }
        int withErrors = 0;
        long lines = 0;
        foreach (var (diagnostics, fileLines) in results)
        {
            lines += fileLines;
            foreach (var diagnostic in diagnostics)
            {
                output.WriteLine(diagnostic);
            }
            if (diagnostics.Any(d => d.Severity == Severity.Error))
            {
                withErrors++;
            }
        }
        output.WriteLine($"{files.Count} files, {files.Count - withErrors} ok, {withErrors} with errors, {lines} lines, {clock.ElapsedMilliseconds} ms");
        return withErrors > 0 || problems.Count > 0 ? 1 : 0;
    }

    private static int CountLines(string text)
    {
        int lines = text.AsSpan().Count('\n');
        return text.Length > 0 && text[^1] != '\n' ? lines + 1 : lines;
    }
}
