using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Session;

/// <summary>
/// Finds the sources named on a command line: a file stands for itself, a folder for every
/// <c>*.py</c> below it in ordinal order, skipping build and tool folders (<c>bin/</c>, <c>obj/</c>,
/// and hidden ones such as <c>.git/</c> or <c>.venv/</c>), which hold generated copies, not sources.
/// A path that does not exist is SWR0002. Each file comes with its path relative to the argument
/// that named it (a file's is its own name), from which its output is named.
/// </summary>
public static class InputDiscovery
{
    private static readonly string[] SkippedFolders = { "bin", "obj", "__pycache__", "node_modules" };

    public static IReadOnlyList<(string File, string Relative)> Expand(IEnumerable<string> paths, ICollection<Diagnostic> problems)
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
                var below = new List<string>();
                Walk(path, below, problems);
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

    /// <summary>Whether a folder below an input is skipped by the walk.</summary>
    public static bool IsSkipped(string folderName) =>
        folderName.StartsWith('.') || SkippedFolders.Contains(folderName, StringComparer.Ordinal);

    private static void Walk(string folder, List<string> files, ICollection<Diagnostic> problems)
    {
        try
        {
            files.AddRange(Directory.EnumerateFiles(folder, "*.py"));
            foreach (var below in Directory.EnumerateDirectories(folder))
            {
                if (!IsSkipped(Path.GetFileName(below)) && !new DirectoryInfo(below).Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    Walk(below, files, problems);
                }
            }
        }
        catch (Exception e) when (AtomicFile.IsExpected(e))
        {
            problems.Add(Diagnostic.At(DiagnosticCodes.FileUnreadable, $"cannot read folder: {e.Message}", folder, 0, 0));
        }
    }
}
