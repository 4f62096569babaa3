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

    private static bool IsPackage(string folder) =>
        File.Exists(Path.Combine(folder, "__init__.py")) || File.Exists(Path.Combine(folder, "__init__.torch.py"));
}
