namespace Switcheroo.Build.Tests.Support;

/// <summary>
/// A temporary SDK project that uses Switcheroo the way the repository develops it: it imports
/// build/Switcheroo.Build.props and .targets directly, where a package reference would (the props
/// before the project body, the targets after the SDK's), and loads the task from
/// src/Switcheroo.Build's output folder. <see cref="Build"/> and friends run the real <c>dotnet</c> CLI on it.
/// </summary>
public sealed class TestProject : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public TestProject(string name = "consumer", string properties = "", string items = "")
    {
        Name = name;
        Write($"{name}.csproj", $"""
            <Project>
              <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
              <Import Project="{Repository.BuildFiles}/Switcheroo.Build.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <SwitcherooTaskAssembly>{Repository.TaskAssembly}</SwitcherooTaskAssembly>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
              <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
              <Import Project="{Repository.BuildFiles}/Switcheroo.Build.targets" />
            </Project>
            """);
    }

    public string Name { get; }

    public string Directory => _folder.Path;

    /// <summary>Where a source's converted file lands in obj/ (Debug), e.g. <c>models/net.torch.py</c> → <c>obj/Debug/net10.0/switcheroo/models/net.py</c>.</summary>
    public string Converted(string source) => Path("obj/Debug/net10.0/switcheroo/" + source.Replace(".torch.py", ".py"));

    /// <summary>Where the build copies it in bin/.</summary>
    public string Copied(string source) => Path("bin/Debug/net10.0/switcheroo/" + source.Replace(".torch.py", ".py"));

    public string Write(string relativePath, string text) => _folder.Write(relativePath, text);

    public string Path(string relativePath) => _folder.Combine(relativePath);

    public DotnetRun Build(params string[] arguments) => Dotnet.Run(Directory, new[] { "build", "-v:n", "-nologo" }.Concat(arguments).ToArray());

    public DotnetRun Run(params string[] arguments) => Dotnet.Run(Directory, arguments);

    /// <summary>Every *.py under obj/ and bin/.</summary>
    public IReadOnlyList<string> PythonOutputs() => new[] { "obj", "bin" }
        .Select(Path).Where(System.IO.Directory.Exists)
        .SelectMany(d => System.IO.Directory.EnumerateFiles(d, "*.py", SearchOption.AllDirectories))
        .Order(StringComparer.Ordinal).ToList();

    public void Dispose() => _folder.Dispose();
}
