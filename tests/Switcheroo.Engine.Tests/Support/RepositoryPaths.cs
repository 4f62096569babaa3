namespace Switcheroo.Engine.Tests.Support;

/// <summary>Locates the repository (the folder with Switcheroo.sln) and the shared/ folder beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Mappings => Path.Combine(Root, "mappings");

    public static string GoldenCases => Path.Combine(Root, "tests", "Switcheroo.Engine.Tests", "Golden", "Cases");

    /// <summary>The API catalogs (shared/api/*.json), beside the repository as on every machine and in CI.</summary>
    public static string ApiCatalog(string file) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "api", file));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Switcheroo.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (Switcheroo.sln) above " + AppContext.BaseDirectory);
    }
}
