using System.Reflection;

namespace Switcheroo.Build.Tests.Support;

/// <summary>The repository (the folder with Switcheroo.sln) and the build this test assembly belongs to.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration the tests (and so src/Switcheroo.Build) were built in.</summary>
    public static string Configuration { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SwitcherooConfiguration").Value!;

    /// <summary>The task's output folder: Switcheroo.Build.dll, the engine, its dependencies, <c>mappings/</c>.</summary>
    public static string TaskFolder => Path.Combine(Root, "src", "Switcheroo.Build", "bin", Configuration, "net10.0");

    public static string TaskAssembly => Path.Combine(TaskFolder, "Switcheroo.Build.dll");

    public static string BuildFiles => Path.Combine(Root, "build");

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
