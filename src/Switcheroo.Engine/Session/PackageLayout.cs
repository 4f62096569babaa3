namespace Switcheroo.Engine.Session;

/// <summary>
/// The package a source file's relative imports start from, read from the folders around it on disk
/// as Python (and mypy) find it: a folder holding an <c>__init__.py</c> (or a converted
/// <c>__init__.torch.py</c>) is a package inside its parent. A file of torchvision's model folder is in
/// <c>torchvision.models</c>, so its <c>from ..ops.misc import MLP</c> is <c>torchvision.ops.misc.MLP</c>.
/// Null when the file's folder is no package (a relative import there cannot be resolved).
/// </summary>
public static class PackageLayout
{
    public static string? PackageOf(string path)
    {
        string? folder;
        try
        {
            folder = Path.GetDirectoryName(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
        var parts = new List<string>();
        while (folder is not null && IsPackage(folder))
        {
            var name = Path.GetFileName(folder);
            if (!Mapping.PythonText.IsIdentifier(name))
            {
                return null;
            }
            parts.Add(name);
            folder = Path.GetDirectoryName(folder);
        }
        parts.Reverse();
        return parts.Count == 0 ? null : string.Join('.', parts);
    }

    /// <summary>
    /// The dotted name a file converted as <paramref name="modulePath"/> has as a module of its package
    /// (<c>torchvision.models.resnet</c>; the package itself for an <c>__init__</c>), as an absolute import
    /// names it; null when its folder is no package.
    /// </summary>
    public static string? ModuleOf(string path, string modulePath)
    {
        var name = modulePath[(modulePath.LastIndexOf('/') + 1)..];
        return PackageOf(path) is not { } package || !Mapping.PythonText.IsIdentifier(name) ? null
            : name == "__init__" ? package
            : $"{package}.{name}";
    }

    /// <summary>
    /// How many folders up a converted file finds <c>switcheroo_runtime.py</c>, as the dots of its import:
    /// 0 for a file in no package (<c>import switcheroo_runtime</c>, the runtime beside it); else the
    /// depth of its top package among the outputs, whose folder holds the one runtime of that package
    /// (<c>from .. import switcheroo_runtime</c> in <c>proj/sub/net.py</c>). The top package is the
    /// outermost package folder whose output lies in the output root: the folders of
    /// <paramref name="modulePath"/> that are packages in the sources (with the same names), and the
    /// output root itself when the folder converted is a package (<c>switcheroo convert src/proj</c>).
    /// Never more than the file's package has parts: a relative import cannot climb above its top package.
    /// A file converted alone (no module path) is in no package.
    /// </summary>
    public static int RuntimeDepth(string path, string modulePath)
    {
        if (modulePath.Length == 0 || PackageOf(path) is not { } package)
        {
            return 0;
        }
        var parts = package.Split('.');
        var folders = modulePath.Split('/')[..^1];
        int depth = 0;
        while (depth < folders.Length && depth < parts.Length && folders[^(depth + 1)] == parts[^(depth + 1)])
        {
            depth++;
        }
        // Every folder of the output is a package: the output root's own source folder may be one too.
        return depth == folders.Length && depth < parts.Length ? depth + 1 : depth;
    }

    /// <summary>Where the runtime of the output of <paramref name="path"/> lies: its folder, or its top package's (<see cref="RuntimeDepth"/>).</summary>
    public static string RuntimeFolder(string path, string modulePath, string output)
    {
        int depth = RuntimeDepth(path, modulePath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        for (int i = 1; i < depth; i++)
        {
            folder = Path.GetDirectoryName(folder)!;
        }
        return folder;
    }

    private static bool IsPackage(string folder) =>
        File.Exists(Path.Combine(folder, "__init__.py")) || File.Exists(Path.Combine(folder, "__init__.torch.py"));
}
