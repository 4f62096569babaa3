using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Session;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Session;

/// <summary>
/// The orchestration both front ends run, without either: per-file isolation of unexpected
/// exceptions, the record of outputs that decides what may be replaced or removed, atomic writes
/// that leave no temporary files, and the outcome order.
/// </summary>
public sealed class ConversionSessionTests : IDisposable
{
    private const string Torch = "import torch\n\n\ndef f(x):\n    return torch.exp(x)\n";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AnExceptionConvertingOneFileIsSwr9001ThereAndTheOthersAreWritten()
    {
        var inputs = new[] { Input("a.torch.py", Torch), Input("crash.torch.py", Torch), Input("c.torch.py", Torch) };
        var session = Session(OutputRecord.InMemory(), new SessionOptions
        {
            Converter = (pipeline, input, bytes, project) => input.Source.EndsWith("crash.torch.py", StringComparison.Ordinal)
                ? throw new InvalidOperationException("boom\nsecond line")
                : pipeline.Convert(input.Source, bytes, input.ModulePath, project),
        });
        var report = session.Run(inputs);
        Assert.Equal(inputs, report.Files.Select(f => f.Input));
        var failure = Assert.Single(report.Diagnostics);
        Assert.Equal((DiagnosticCodes.InternalError.Code, inputs[1].Source), (failure.Code, failure.File));
        Assert.Equal("internal error while converting this file: InvalidOperationException: boom second line", failure.Message);
        Assert.Equal(new[] { true, false, true }, report.Files.Select(f => f.Written));
        Assert.Empty(Directory.EnumerateFiles(Out, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void TheRecordDecidesWhatMayBeReplacedAndRemoved()
    {
        var recordFile = _folder.Combine("record");
        var input = Input("a.torch.py", Torch);
        Assert.True(Session(OutputRecord.Load(recordFile)).Run(new[] { input }).Files[0].Written);
        Assert.Equal(new[] { input.Output }, OutputRecord.Load(recordFile).Paths);

        // Someone else's file at the output of a source that now fails stays where it is.
        var other = Input("b.torch.py", "import torch\nx = torch.exp(\n");
        _folder.Write(other.Output, "# not ours\n");
        var report = Session(OutputRecord.Load(recordFile)).Run(new[] { input, other });
        Assert.Equal("# not ours\n", File.ReadAllText(other.Output));

        // Our own output of a source that now fails is removed, and forgotten.
        File.WriteAllText(input.Source, "import torch\nx = torch.exp(\n");
        Session(OutputRecord.Load(recordFile)).Run(new[] { input });
        Assert.False(File.Exists(input.Output));
        Assert.Empty(OutputRecord.Load(recordFile).Paths);
    }

    [Fact]
    public void AnIndexingFailureIsAWarningAtItsFile()
    {
        var diagnostic = InternalError.WhileIndexing(new NullReferenceException(), "net.torch.py");
        Assert.Equal((DiagnosticCodes.IndexFailed.Code, Severity.Warning, "net.torch.py"), (diagnostic.Code, diagnostic.Severity, diagnostic.File));
    }

    private ConversionSession Session(OutputRecord record, SessionOptions? options = null) =>
        new(Converter.Pipeline, new OutputStore(Out, record), options);

    private SourceInput Input(string name, string text) =>
        new(_folder.Write(Path.Combine("src", name), text), Path.Combine(Out, OutputNaming.RelativeOutput(name)), OutputNaming.ModulePath(OutputNaming.RelativeOutput(name)));

    private string Out => _folder.Combine("out");
}
