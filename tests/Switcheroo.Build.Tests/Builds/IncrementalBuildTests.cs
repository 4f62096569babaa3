using Switcheroo.Build.Tests.Support;

namespace Switcheroo.Build.Tests.Builds;

/// <summary>
/// One project through the life of a working copy, with real <c>dotnet build</c> runs: the first
/// build converts everything, a second build skips the target and writes nothing, a touched source
/// reconverts alone, a changed map reconverts all, a deleted source loses its outputs, and
/// <c>dotnet clean</c> removes every output.
/// </summary>
public sealed class IncrementalBuildTests
{
    private static readonly string[] Files = { "models/mlp.torch.py", "models/f.torch.py", "models/sub/spectrum.torch.py" };

    [Fact]
    public void BuildsConvertOnlyWhatChangedAndCleanRemovesEverything()
    {
        using var project = new TestProject(items: """<SwitcherooMap Include="maps/fft.yaml" />""");
        project.Write(Files[0], Sources.Mlp);
        project.Write(Files[1], Sources.Functions);
        project.Write(Files[2], Sources.Unmapped);
        project.Write("maps/fft.yaml", Sources.FftMap);

        var first = project.Build();
        BuildAssert.Succeeded(first);
        BuildAssert.Converted(first, 3);
        Assert.Contains("jnp.fft.fft(x)", File.ReadAllText(project.Converted(Files[2])));
        Assert.All(Files, f => Assert.True(File.Exists(project.Copied(f)), f));
        Assert.True(File.Exists(project.Copied("models/sub/switcheroo_runtime.py")));

        var stamps = Stamps(project);
        var second = project.Build();
        BuildAssert.Succeeded(second);
        BuildAssert.Skipped(second);
        Assert.Equal(stamps, Stamps(project));

        project.Write(Files[1], Sources.Functions.Replace("* 2", "* 3"));
        var touched = project.Build();
        BuildAssert.Converted(touched, 1);
        Assert.Contains("Building target \"_SwitcherooConvert\" partially", touched.Output);
        Assert.Contains("* 3", File.ReadAllText(project.Copied(Files[1])));
        Assert.Equal(stamps[project.Converted(Files[0])], File.GetLastWriteTimeUtc(project.Converted(Files[0])));

        File.AppendAllText(project.Path("maps/fft.yaml"), "# a comment\n");
        BuildAssert.Converted(project.Build(), 3);

        File.Delete(project.Path(Files[2]));
        BuildAssert.Succeeded(project.Build());
        Assert.False(File.Exists(project.Converted(Files[2])));
        Assert.False(File.Exists(project.Copied(Files[2])));
        Assert.True(File.Exists(project.Converted(Files[0])));

        BuildAssert.Succeeded(project.Run("clean", "-nologo"));
        Assert.Empty(project.PythonOutputs());
    }

    [Fact]
    public void APackageGetsOneRuntimeInItsTopFolderWhichItsFilesImportRelatively()
    {
        using var project = new TestProject();
        const string norm = "import torch.nn as nn\n\n\nclass Norm(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.bn = nn.BatchNorm1d(4)\n\n    def forward(self, x):\n        return self.bn(x)\n";
        project.Write("proj/__init__.torch.py", string.Empty);
        project.Write("proj/sub/__init__.torch.py", string.Empty);
        project.Write("proj/sub/norm.torch.py", norm);
        project.Write("models/mlp.torch.py", Sources.Mlp);

        var first = project.Build();
        BuildAssert.Succeeded(first);
        Assert.Contains("from .. import switcheroo_runtime\n", File.ReadAllText(project.Converted("proj/sub/norm.torch.py")));
        Assert.True(File.Exists(project.Copied("proj/switcheroo_runtime.py")));
        Assert.False(File.Exists(project.Converted("proj/sub/switcheroo_runtime.py")));
        Assert.True(File.Exists(project.Copied("models/switcheroo_runtime.py")));

        var second = project.Build();
        BuildAssert.Skipped(second);
        Assert.Contains("Skipping target \"_SwitcherooWriteRuntime\" because all output files are up-to-date", second.Output);
    }

    [Fact]
    public void AFileImportingAnothersModuleFollowsWhatThatModuleBecomes()
    {
        const string plain = "import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n";
        const string user = "from net import Net\n\n\ndef evaluate(x):\n    model = Net()\n    model.eval()\n    return model\n";
        using var project = new TestProject();
        project.Write("models/net.torch.py", plain);
        project.Write("models/run.torch.py", user);

        var first = project.Build();
        BuildAssert.Succeeded(first);
        Assert.Contains("SWR3008", first.Output); // Net has no training-dependent layers: eval() goes
        Assert.DoesNotContain("eval()", File.ReadAllText(project.Converted("models/run.torch.py")));

        // An edit that changes nothing importers need reconverts its own file only.
        project.Write("models/net.torch.py", plain.Replace("nn.Linear(4, 2)", "nn.Linear(4, 3)"));
        BuildAssert.Converted(project.Build(), 1);

        // A Dropout makes Net train-dependent: the importer is converted again, with the flag.
        project.Write("models/net.torch.py", plain.Replace("return self.fc(x)", "return nn.functional.dropout(self.fc(x))"));
        var changed = project.Build();
        BuildAssert.Converted(changed, 2);
        Assert.Contains("model = model.clone(train=False)", File.ReadAllText(project.Converted("models/run.torch.py")));
    }

    private static Dictionary<string, DateTime> Stamps(TestProject project) =>
        project.PythonOutputs().ToDictionary(p => p, File.GetLastWriteTimeUtc);
}
