using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Cli;

/// <summary>Expands command-line paths: a file stands for itself, a directory for every <c>*.py</c> below it, in a stable order.</summary>
internal static class SourceFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, ICollection<Diagnostic> problems) =>
        ExpandWithRoots(paths, problems).Select(f => f.File).ToList();

    /// <summary>Each file with its path relative to the argument that named it (a file's is its own name).</summary>
    public static IReadOnlyList<(string File, string Relative)> ExpandWithRoots(IEnumerable<string> paths, ICollection<Diagnostic> problems)
    {
        var files = new List<(string File, string Relative)>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add((path, Path.GetFileName(path)));
            }
            else if (Directory.Exists(path))
            {
                var below = Directory.EnumerateFiles(path, "*.py", SearchOption.AllDirectories).ToList();
                below.Sort(StringComparer.Ordinal);
                files.AddRange(below.Select(f => (f, Path.GetRelativePath(path, f))));
            }
            else
            {
                problems.Add(Diagnostic.At(DiagnosticCodes.NoInputs, $"no such file or directory: {path}", path, 0, 0));
            }
        }
        return files;
    }
}
