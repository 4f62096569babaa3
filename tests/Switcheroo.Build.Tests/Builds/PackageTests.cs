using System.IO.Compression;
using Switcheroo.Build.Tests.Support;

namespace Switcheroo.Build.Tests.Builds;

/// <summary>
/// Switcheroo.Build as users get it: packed (with a unique version, so no cached copy answers) into
/// a local folder feed, restored by a consumer whose only package source is that folder, into a
/// fresh packages folder, and built.
/// </summary>
public sealed class PackageTests
{
    [Fact]
    public void ThePackedTaskWorksFromALocalFeed()
    {
        using var work = new TemporaryFolder();
        var feed = LocalFeed.Pack(work, "src/Switcheroo.Build", "consumer/nuget.config");
        var version = feed.Version;

        using (var package = ZipFile.OpenRead(Path.Combine(feed.Folder, $"Switcheroo.Build.{version}.nupkg")))
        {
            var entries = package.Entries.Select(e => e.FullName).ToHashSet();
            var expected = new[]
            {
                "build/Switcheroo.Build.props", "build/Switcheroo.Build.targets", "build/README.md",
                "tasks/net10.0/Switcheroo.Build.dll", "tasks/net10.0/Switcheroo.Engine.dll", "tasks/net10.0/Switcheroo.Grammar.dll",
                "tasks/net10.0/Antlr4.Runtime.Standard.dll", "tasks/net10.0/YamlDotNet.dll", "tasks/net10.0/mappings/torch.yaml",
                "tasks/net10.0/switcheroo_verify.py",
            };
            Assert.All(expected, e => Assert.Contains(e, entries));
            Assert.DoesNotContain(entries, e => e.Contains("Microsoft.Build", StringComparison.Ordinal));
        }

        work.Write("consumer/consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RestorePackagesPath>{work.Combine("packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Switcheroo.Build" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        work.Write("consumer/models/mlp.torch.py", Sources.Mlp);

        var build = Dotnet.Run(work.Combine("consumer"), "build", "-nologo", "-v:n");
        BuildAssert.Succeeded(build);
        BuildAssert.Converted(build, 1);
        Assert.Contains("class MLP(nn.Module):", File.ReadAllText(work.Combine("consumer/obj/Debug/net10.0/switcheroo/models/mlp.py")));
        Assert.True(File.Exists(work.Combine("consumer/bin/Debug/net10.0/switcheroo/models/switcheroo_runtime.py")));
    }
}
