namespace Switcheroo.Engine.Session;

/// <summary>
/// The one naming rule of every front end: a source's output keeps its path relative to where it
/// was found and loses <c>.torch</c> (<c>models/net.torch.py</c> → <c>models/net.py</c>); its module
/// path is that output without <c>.py</c>, with <c>/</c> separators (<c>models/net</c>), as converted
/// files import each other. The MSBuild targets compute the same names during evaluation (a regex on
/// <c>Link</c>, see build/README.md); the task checks them against this rule's confinement.
/// </summary>
public static class OutputNaming
{
    public const string SourceSuffix = ".torch.py";

    /// <summary>The output's path relative to the output folder, for a source's relative path.</summary>
    public static string RelativeOutput(string relativeSource) =>
        relativeSource.EndsWith(SourceSuffix, StringComparison.Ordinal)
            ? relativeSource[..^SourceSuffix.Length] + ".py"
            : relativeSource;

    /// <summary>The module path of an output relative to the output folder: <c>models/net.py</c> → <c>models/net</c>.</summary>
    public static string ModulePath(string relativeOutput)
    {
        var path = relativeOutput.Replace('\\', '/');
        return path.EndsWith(".py", StringComparison.Ordinal) ? path[..^3] : path;
    }

    /// <summary>Whether a full path lies inside a folder (the folder itself excluded), after normalising both.</summary>
    public static bool IsInside(string folder, string path)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(root, PathComparison);
    }

    /// <summary>Whether two paths name the same file or folder, after normalising both.</summary>
    public static bool Same(string first, string second) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(first)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(second)), PathComparison);

    /// <summary>File names compare as the file system does: exactly on Linux, ignoring case on Windows and macOS.</summary>
    public static StringComparison PathComparison { get; } = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    public static StringComparer PathComparer { get; } = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
}
