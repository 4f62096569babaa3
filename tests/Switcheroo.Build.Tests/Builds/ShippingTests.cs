using System.IO.Compression;
using Switcheroo.Build.Tests.Support;

namespace Switcheroo.Build.Tests.Builds;

/// <summary>
/// Converted models are build outputs: <c>dotnet publish</c> and <c>dotnet pack</c> of a consumer
/// ship them under the documented folders, and <c>dotnet build -m</c> converts every project of a
/// solution.
/// </summary>
public sealed class ShippingTests
{
    [Fact]
    public void PublishAndPackShipTheConvertedFiles()
    {
        using var project = new TestProject(properties: "<PackageId>Consumer.Models</PackageId><Version>1.2.3</Version>");
        project.Write("models/mlp.torch.py", Sources.Mlp);
        project.Write("models/cnn/f.torch.py", Sources.Functions);

        BuildAssert.Succeeded(project.Run("publish", "-nologo", "-o", "published"));
        Assert.True(File.Exists(project.Path("published/switcheroo/models/mlp.py")));
        Assert.True(File.Exists(project.Path("published/switcheroo/models/cnn/switcheroo_runtime.py")));

        BuildAssert.Succeeded(project.Run("pack", "-nologo", "-o", "packages"));
        using var package = ZipFile.OpenRead(project.Path("packages/Consumer.Models.1.2.3.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("contentFiles/any/any/switcheroo/models/mlp.py", entries);
        Assert.Contains("contentFiles/any/any/switcheroo/models/cnn/f.py", entries);
        Assert.Contains("contentFiles/any/any/switcheroo/models/cnn/switcheroo_runtime.py", entries);
    }

    [Fact]
    public void CopyingCanBeTurnedOffAndTheFolderRenamed()
    {
        using var project = new TestProject(properties: "<SwitcherooTargetFolder>flax</SwitcherooTargetFolder>");
        project.Write("a.torch.py", Sources.Functions);
        BuildAssert.Succeeded(project.Build());
        Assert.True(File.Exists(project.Path("bin/Debug/net10.0/flax/a.py")));

        BuildAssert.Succeeded(project.Build("--no-incremental", "-p:SwitcherooCopyToOutputDirectory=false"));
        Assert.False(File.Exists(project.Path("bin/Debug/net10.0/flax/a.py")));
        Assert.True(File.Exists(project.Converted("a.torch.py")));
    }

    [Fact]
    public void AParallelSolutionBuildConvertsEveryProject()
    {
        using var app = new TestProject("app", items: """<ProjectReference Include="lib/lib.csproj" />""");
        app.Write("app.torch.py", Sources.Mlp);
        app.Write("lib/lib.csproj", File.ReadAllText(app.Path("app.csproj")).Replace("""<ProjectReference Include="lib/lib.csproj" />""", ""));
        app.Write("lib/lib.torch.py", Sources.Functions);
        // The library's sources belong to the library only.
        File.WriteAllText(app.Path("app.csproj"), File.ReadAllText(app.Path("app.csproj")).Replace("<ItemGroup>", """<ItemGroup><TorchSource Remove="lib/**" />"""));

        var build = app.Build("-m:2", "app.csproj");
        BuildAssert.Succeeded(build);
        Assert.True(File.Exists(app.Converted("app.torch.py")));
        Assert.True(File.Exists(app.Path("lib/obj/Debug/net10.0/switcheroo/lib.py")));
        Assert.False(File.Exists(app.Path("obj/Debug/net10.0/switcheroo/lib/lib.py")));
        // Content of a referenced project is copied along, as for any other content.
        Assert.True(File.Exists(app.Copied("lib.torch.py")));
    }

    [Fact]
    public void DesignTimeBuildsDoNotConvertUnlessAsked()
    {
        using var project = new TestProject();
        project.Write("a.torch.py", Sources.Functions);
        BuildAssert.Succeeded(project.Build("-p:DesignTimeBuild=true"));
        Assert.False(File.Exists(project.Converted("a.torch.py")));
        BuildAssert.Succeeded(project.Build("-p:DesignTimeBuild=true", "-p:SwitcherooConvertInDesignTimeBuild=true"));
        Assert.True(File.Exists(project.Converted("a.torch.py")));
    }
}
