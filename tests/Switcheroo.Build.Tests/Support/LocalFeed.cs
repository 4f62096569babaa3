namespace Switcheroo.Build.Tests.Support;

/// <summary>
/// A project of the repository packed into a folder feed of its own, under a unique version (so no
/// cached copy of an earlier pack answers), with a nuget.config that names that folder as the only
/// package source.
/// </summary>
public sealed record LocalFeed(string Folder, string Version, string Config)
{
    public static LocalFeed Pack(TemporaryFolder work, string project, string configPath = "nuget.config")
    {
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var feed = work.Combine("feed");
        BuildAssert.Succeeded(Dotnet.Run(Repository.Root, "pack", project, "-nologo", "--no-build", "-c", Repository.Configuration,
            "-o", feed, $"-p:Version={version}", $"-p:NuspecOutputPath={work.Combine("nuspec")}/"));
        var config = work.Write(configPath, $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        return new LocalFeed(feed, version, config);
    }
}
