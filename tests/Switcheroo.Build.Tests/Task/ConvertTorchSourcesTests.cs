using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Switcheroo.Build.Tests.Support;
using Switcheroo.Engine;
using Switcheroo.Engine.Emitting;

namespace Switcheroo.Build.Tests.Task;

/// <summary>
/// The conversion task in-process, against a recording build engine: outputs, the full logging
/// overload (code, file, positions), files that fail, task-input errors, internal errors, the
/// summary line and the map cache.
/// </summary>
public sealed class ConvertTorchSourcesTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ConvertsEachSourceToItsOutputFileAndLogsASummary()
    {
        var task = Task(Source("models/mlp.torch.py", Sources.Mlp), Source("models/f.torch.py", Sources.Functions));
        Assert.True(task.Execute());
        Assert.Contains("class MLP(nn.Module):", File.ReadAllText(Output("models/mlp.torch.py")));
        Assert.Contains("jnp.exp(x)", File.ReadAllText(Output("models/f.torch.py")));
        Assert.Equal(2, task.ConvertedFiles.Length);
        var summary = Assert.Single(_engine.Messages, m => m.Message!.StartsWith("Switcheroo:", StringComparison.Ordinal));
        Assert.Matches(@"^Switcheroo: 2 files converted, 0 warnings \(\d+ ms\)$", summary.Message);
        Assert.Equal(MessageImportance.Normal, summary.Importance);
    }

    [Fact]
    public void WarningsCarryCodeFileAndFullSpan()
    {
        var source = Source("spectrum.torch.py", Sources.Unmapped);
        Assert.True(Task(source).Execute());
        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal(("SWR3001", "SWR3001", source.ItemSpec, 5, 12), (warning.Code, warning.HelpKeyword, warning.File, warning.LineNumber, warning.ColumnNumber));
        Assert.True(warning.EndLineNumber == 5 && warning.EndColumnNumber > 12);
        Assert.Null(warning.Subcategory);
        Assert.True(File.Exists(Output("spectrum.torch.py")));
    }

    [Fact]
    public void ASyntaxErrorFailsThatFileOnlyAndRemovesItsStaleOutput()
    {
        var good = Source("good.torch.py", Sources.Functions);
        var bad = Source("bad.torch.py", Sources.Functions);
        var stale = Output("bad.torch.py");
        Assert.True(Recorded(Task(good, bad)).Execute()); // converted before the file broke
        _folder.Write("bad.torch.py", Sources.SyntaxError);
        var task = Recorded(Task(good, bad));
        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Matches(@"^SWR2\d{3}$", error.Code);
        Assert.Equal(bad.ItemSpec, error.File);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(Output("good.torch.py")));
        Assert.Contains(_engine.Messages, m => m.Message!.StartsWith("Switcheroo: 1 file converted, 0 warnings, 1 error (", StringComparison.Ordinal));
    }

    [Fact]
    public void TreatWarningsAsErrorsReportsThemAsErrorsAndWritesNothing()
    {
        var task = Task(Source("spectrum.torch.py", Sources.Unmapped));
        task.TreatWarningsAsErrors = true;
        Assert.False(task.Execute());
        Assert.Equal("SWR3001", Assert.Single(_engine.Errors).Code);
        Assert.False(File.Exists(Output("spectrum.torch.py")));
    }

    [Fact]
    public void AWarningMSBuildPromotesLeavesNoOutput()
    {
        _engine.WarningsAsErrors.Add("SWR3001");
        Task(Source("spectrum.torch.py", Sources.Unmapped)).Execute();
        Assert.False(File.Exists(Output("spectrum.torch.py")));
    }

    [Fact]
    public void TwoSourcesWithOneOutputAreSwr0003AndNeitherIsWritten()
    {
        var first = Source("a.torch.py", Sources.Functions);
        var second = Source("other/a.torch.py", Sources.Functions);
        second.SetMetadata("OutputFile", first.GetMetadata("OutputFile"));
        Assert.False(Task(first, second).Execute());
        Assert.Equal(new[] { "SWR0003", "SWR0003" }, _engine.Errors.Select(e => e.Code));
        Assert.False(File.Exists(Output("a.torch.py")));
    }

    [Fact]
    public void AnOutputThatCannotBeWrittenIsSwr0004()
    {
        var source = Source("blocked.torch.py", Sources.Functions);
        Directory.CreateDirectory(Output("blocked.torch.py"));
        Assert.False(Task(source).Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("SWR0004", source.ItemSpec), (error.Code, error.File));
    }

    [Fact]
    public void ASourceWithoutOutputFileIsSwr0005()
    {
        var source = new TaskItem(_folder.Write("loose.torch.py", Sources.Functions));
        Assert.False(Task(source).Execute());
        Assert.Equal("SWR0005", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void AnUnexpectedExceptionIsSwr9001AtTheFileAndTheOthersStillConvert()
    {
        var good = Source("good.torch.py", Sources.Functions);
        var crashing = Source("crash.torch.py", Sources.Functions);
        var task = new ConvertTorchSources
        {
            BuildEngine = _engine,
            Sources = new ITaskItem[] { good, crashing },
            Converter = (pipeline, path, bytes) => path.EndsWith("crash.torch.py", StringComparison.Ordinal)
                ? throw new InvalidOperationException("boom")
                : pipeline.Convert(path, bytes),
        };
        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("SWR9001", crashing.ItemSpec), (error.Code, error.File));
        Assert.Contains("InvalidOperationException: boom", error.Message);
        Assert.True(File.Exists(Output("good.torch.py")));
    }

    [Fact]
    public void ABrokenUserMapFailsTheTaskAndConvertsNothing()
    {
        var source = Source("f.torch.py", Sources.Functions);
        var map = _folder.Write("maps/broken.yaml", "version: 1\nentries: [\n");
        Assert.False(WithMap(Task(source), map).Execute());
        Assert.Equal("SWR1001", Assert.Single(_engine.Errors).Code);
        Assert.False(File.Exists(Output("f.torch.py")));
    }

    [Fact]
    public void MapsLoadOncePerBuildAndAgainWhenAMapChanges()
    {
        var map = _folder.Write("maps/fft.yaml", Sources.FftMap);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(WithMap(Task(Source("spectrum.torch.py", Sources.Unmapped)), map).Execute());
        }
        Assert.Equal(1, _engine.RegisteredObjects);
        Assert.Contains("jnp.fft.fft(x)", File.ReadAllText(Output("spectrum.torch.py")));
        File.AppendAllText(map, "# edited\n");
        File.SetLastWriteTimeUtc(map, DateTime.UtcNow.AddSeconds(5));
        Assert.True(WithMap(Task(Source("spectrum.torch.py", Sources.Unmapped)), map).Execute());
        Assert.Equal(2, _engine.RegisteredObjects);
    }

    [Fact]
    public void AnUnchangedOutputIsNotRewrittenButItsStampIsTouched()
    {
        var source = Source("f.torch.py", Sources.Functions);
        var stamp = _folder.Combine("stamps/f.py.stamp");
        source.SetMetadata("StampFile", stamp);
        Assert.True(Task(source).Execute());
        var output = Output("f.torch.py");
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(output, written);
        File.SetLastWriteTimeUtc(stamp, written);
        Assert.True(Task(source).Execute());
        Assert.Equal(written, File.GetLastWriteTimeUtc(output));
        Assert.True(File.GetLastWriteTimeUtc(stamp) > written);

        _folder.Write("f.torch.py", Sources.SyntaxError);
        Assert.False(Task(source).Execute());
        Assert.False(File.Exists(stamp));
    }

    [Fact]
    public void ACancelledTaskFailsWithoutErrorsAndWritesNothing()
    {
        var task = Task(Source("f.torch.py", Sources.Functions));
        task.Cancel();
        Assert.False(task.Execute());
        Assert.Empty(_engine.Errors);
        Assert.False(File.Exists(Output("f.torch.py")));
    }

    [Fact]
    public void TheRuntimeModuleIsWrittenFromTheEngine()
    {
        var path = _folder.Combine("out/switcheroo_runtime.py");
        var task = new WriteRuntimeModules { BuildEngine = _engine, Files = new ITaskItem[] { new TaskItem(path) } };
        Assert.True(task.Execute());
        Assert.Equal(RuntimeModule.Text, File.ReadAllText(path));
        Assert.Contains("class KeyMapper", RuntimeModule.Text);
        Assert.Equal("switcheroo_runtime.py", RuntimeModule.FileName);
    }

    private ConvertTorchSources Task(params ITaskItem[] sources) => new() { BuildEngine = _engine, Sources = sources };

    private ConvertTorchSources Recorded(ConvertTorchSources task)
    {
        task.RecordFile = _folder.Combine("obj/switcheroo.written");
        task.OutputRoot = _folder.Combine("out");
        return task;
    }

    private static ConvertTorchSources WithMap(ConvertTorchSources task, string map)
    {
        task.Maps = new ITaskItem[] { new TaskItem(map) };
        return task;
    }

    [Fact]
    public void AnOutputOutsideTheOutputFolderIsSwr0008AndNothingIsWrittenThere()
    {
        var source = Source("models/net.torch.py", Sources.Functions);
        source.SetMetadata("OutputFile", _folder.Combine("out/x/../../../escaped.py"));
        Assert.False(Recorded(Task(source)).Execute());
        Assert.Equal(("SWR0008", source.ItemSpec), (Assert.Single(_engine.Errors).Code, Assert.Single(_engine.Errors).File));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_folder.Path)!, "escaped.py")));
    }

    [Fact]
    public void AFileSwitcherooDidNotWriteIsNeitherReplacedNorRemoved()
    {
        var net = Source("net.torch.py", Sources.Functions);
        var broken = Source("broken.torch.py", Sources.SyntaxError);
        _folder.Write(Output("net.torch.py"), "# by hand\n");
        _folder.Write(Output("broken.torch.py"), "# by hand too\n");
        Assert.False(Recorded(Task(net, broken)).Execute());
        Assert.Contains(_engine.Errors, e => e.Code == "SWR0007" && e.File == net.ItemSpec);
        Assert.Equal("# by hand\n", File.ReadAllText(Output("net.torch.py")));
        Assert.Equal("# by hand too\n", File.ReadAllText(Output("broken.torch.py")));
    }

    [Fact]
    public void StaleOutputsAreRemovedOnlyWhenSwitcherooWroteThem()
    {
        var record = _folder.Combine("obj/switcheroo.written");
        Assert.True(Recorded(Task(Source("gone.torch.py", Sources.Functions))).Execute());
        var handWritten = _folder.Write(Output("mine.torch.py"), "# by hand\n");
        var remover = new RemoveStaleOutputs { BuildEngine = _engine, RecordFile = record, Expected = Array.Empty<ITaskItem>() };
        Assert.True(remover.Execute());
        Assert.False(File.Exists(Output("gone.torch.py")));
        Assert.True(File.Exists(handWritten));
        Assert.Equal(string.Empty, File.ReadAllText(record));
    }

    private TaskItem Source(string relativePath, string text)
    {
        var item = new TaskItem(_folder.Write(relativePath, text));
        item.SetMetadata("OutputFile", Output(relativePath));
        return item;
    }

    private string Output(string relativeSource) => _folder.Combine(Path.Combine("out", relativeSource.Replace(".torch.py", ".py")));
}
