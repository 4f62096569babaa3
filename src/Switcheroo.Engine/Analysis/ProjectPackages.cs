namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The files converted together that lie in a package, by the dotted name an absolute import gives
/// them (<see cref="Session.PackageLayout.ModuleOf"/>): <c>torchvision.models.resnet</c> → module path
/// <c>resnet</c> when torchvision's model folder is converted. <see cref="AbsoluteImports"/> turns an
/// absolute import of one of them into the relative import of the converted file. Written with the
/// module index (<see cref="ProjectModules.Serialize"/>: one <c>=	dotted	module path</c> line each).
/// </summary>
public sealed class ProjectPackages
{
    private readonly Dictionary<string, string> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public static ProjectPackages Empty { get; } = new();

    /// <summary>The dotted names of the files (module path, source path); two files with one name are both left out.</summary>
    public static ProjectPackages Of(IEnumerable<(string ModulePath, string Path)> files) =>
        From(files.Select(f => (Session.PackageLayout.ModuleOf(f.Path, f.ModulePath), f.ModulePath))
            .Where(f => f.Item1 is not null).Select(f => (f.Item1!, f.ModulePath)));

    private static ProjectPackages From(IEnumerable<(string Dotted, string ModulePath)> modules)
    {
        var packages = new ProjectPackages();
        foreach (var group in modules.GroupBy(m => m.Dotted, StringComparer.Ordinal).Where(g => g.Count() == 1))
        {
            var (dotted, path) = group.Single();
            if (packages._names.TryAdd(path, dotted))
            {
                packages._paths[dotted] = path;
            }
        }
        return packages;
    }

    public int Count => _paths.Count;

    /// <summary>The module path of the file converted as <paramref name="dotted"/>; null when none is.</summary>
    public string? PathOf(string dotted) => _paths.GetValueOrDefault(dotted);

    /// <summary>The dotted name of the file converted as <paramref name="modulePath"/>; null when it lies in no package.</summary>
    public string? NameOf(string modulePath) => _names.GetValueOrDefault(modulePath);

    /// <summary>Identifies these names (for the caches, whose summaries depend on them).</summary>
    public string Key => _key ??= Values.FunctionCache.Hash(Lines());

    private string? _key;

    /// <summary><c>=	torchvision.models.resnet	resnet</c>, sorted.</summary>
    public IEnumerable<string> Lines() =>
        _paths.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"=\t{p.Key}\t{p.Value}");

    /// <summary>Reads <see cref="Lines"/>' fields (lines not of three fields are skipped).</summary>
    public static ProjectPackages Parse(IEnumerable<string[]> lines) =>
        From(lines.Where(f => f.Length == 3 && f[0] == "=").Select(f => (f[1], f[2])));
}
