using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Cli;

/// <summary>Expands command-line paths: a file stands for itself, a directory for every <c>*.py</c> below it, in a stable order.</summary>
internal static class SourceFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, ICollection<Diagnostic> problems)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var below = Directory.EnumerateFiles(path, "*.py", SearchOption.AllDirectories).ToList();
                below.Sort(StringComparer.Ordinal);
                files.AddRange(below);
            }
            else
            {
                problems.Add(Diagnostic.At(DiagnosticCodes.NoInputs, $"no such file or directory: {path}", path, 0, 0));
            }
        }
        return files;
    }
}
