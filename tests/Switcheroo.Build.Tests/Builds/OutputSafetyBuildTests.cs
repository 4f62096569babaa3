using Switcheroo.Build.Tests.Support;

namespace Switcheroo.Build.Tests.Builds;

/// <summary>
/// Real <c>dotnet build</c> runs that must not lose a user's file or take a whole build down:
/// outputs beside the sources never replace or remove hand-written files (SWR0007); an output
/// deleted from <c>obj/</c> is converted again; a <c>Link</c> that climbs out of the output folder
/// writes nothing there (SWR0008); a file that breaks the parser fails alone, named, while the
/// others convert.
/// </summary>
public sealed class OutputSafetyBuildTests
{
    [Fact]
    public void OutputsBesideTheSourcesNeverReplaceOrRemoveHandWrittenFiles()
    {
        using var project = new TestProject(properties: "<SwitcherooOutputPath>$(MSBuildProjectDirectory)/</SwitcherooOutputPath>");
        project.Write("models/net.torch.py", Sources.Functions);
        project.Write("models/net.py", "# written by hand\n");
        project.Write("models/broken.torch.py", Sources.SyntaxError);
        project.Write("models/broken.py", "# also written by hand\n");
        project.Write("models/fine.torch.py", Sources.Mlp);

        var build = project.Build();
        BuildAssert.Failed(build);
        Assert.Contains("error SWR0007", build.Output);
        Assert.Equal("# written by hand\n", File.ReadAllText(project.Path("models/net.py")));
        Assert.Equal("# also written by hand\n", File.ReadAllText(project.Path("models/broken.py")));
        Assert.Contains("class MLP(nn.Module):", File.ReadAllText(project.Path("models/fine.py")));

        // Once the hand-written file is moved away, the output is Switcheroo's to write and remove.
        File.Delete(project.Path("models/net.py"));
        File.Delete(project.Path("models/broken.torch.py"));
        BuildAssert.Succeeded(project.Build());
        Assert.Contains("jnp.exp(x)", File.ReadAllText(project.Path("models/net.py")));
        Assert.Equal("# also written by hand\n", File.ReadAllText(project.Path("models/broken.py")));
        File.Delete(project.Path("models/net.torch.py"));
        BuildAssert.Succeeded(project.Build());
        Assert.False(File.Exists(project.Path("models/net.py")));
        Assert.True(File.Exists(project.Path("models/fine.py")));
    }

    [Fact]
    public void AnOutputDeletedFromObjIsConvertedAgain()
    {
        using var project = new TestProject();
        project.Write("models/cnn.torch.py", Sources.Mlp);
        project.Write("models/f.torch.py", Sources.Functions);
        BuildAssert.Succeeded(project.Build());

        File.Delete(project.Converted("models/cnn.torch.py"));
        var rebuilt = project.Build();
        BuildAssert.Succeeded(rebuilt);
        Assert.True(File.Exists(project.Converted("models/cnn.torch.py")));
        Assert.True(File.Exists(project.Copied("models/cnn.torch.py")));
    }

    [Fact]
    public void ALinkThatClimbsOutOfTheOutputFolderWritesNothingThereAndABadFileFailsAlone()
    {
        using var project = new TestProject(items: """
            <TorchSource Update="models/escaped.torch.py" Link="x/../../../../../../escaped.torch.py" />
            """);
        project.Write("models/escaped.torch.py", Sources.Functions);
        project.Write("models/bad.torch.py", "import torch.nn as nn\n\n\nclass A(nn.Module):\n    def f(self):\n        f(a* =1)\n");
        project.Write("models/good.torch.py", Sources.Mlp);

        var build = project.Build();
        BuildAssert.Failed(build);
        Assert.Contains(build.Lines, l => l.Contains("escaped.torch.py", StringComparison.Ordinal) && l.Contains("error SWR0008", StringComparison.Ordinal));
        Assert.Contains(build.Lines, l => l.Contains("bad.torch.py", StringComparison.Ordinal) && l.Contains(": error SWR", StringComparison.Ordinal));
        Assert.DoesNotContain(build.Lines, l => l.Contains("Switcheroo.Build.targets", StringComparison.Ordinal) && l.Contains("error SWR9001", StringComparison.Ordinal));
        Assert.True(File.Exists(project.Converted("models/good.torch.py")));
        for (var folder = project.Directory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            Assert.False(File.Exists(Path.Combine(folder, "escaped.py")), folder);
        }
    }
}
