using Switcheroo.Cli;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// Input that never gets to the grammar or cannot finish it: a file that cannot be read (SWR0001)
/// and source nested too deeply to parse (SWR2008). Neither throws; each is one positioned diagnostic.
/// </summary>
public sealed class UnparsableInputTests
{
    [Fact]
    public void MissingFileIsUnreadable()
    {
        using var folder = new TemporaryFolder();
        var missing = Path.Combine(folder.Path, "gone.py");
        var tree = PythonSyntax.ParseFile(missing);
        Assert.Null(tree.Root);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal((DiagnosticCodes.FileUnreadable.Code, missing, 0, 0), (diagnostic.Code, diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.StartsWith("cannot read file: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal($"{missing}: error SWR0001: {diagnostic.Message}", diagnostic.ToString());
    }

    [Fact]
    public void DanglingLinkInAFolderIsUnreadableForCheckAndConvert()
    {
        using var folder = new TemporaryFolder();
        folder.Write("src/ok.py", "x = 1\n");
        var link = Path.Combine(folder.Path, "src", "dangling.py");
        File.CreateSymbolicLink(link, Path.Combine(folder.Path, "nowhere.py"));
        var source = Path.Combine(folder.Path, "src");

        using var checkOutput = new StringWriter();
        Assert.Equal(1, CommandLine.Run(new[] { "check", source }, checkOutput, TextWriter.Null));
        Assert.StartsWith($"{link}: error SWR0001: cannot read file: ", checkOutput.ToString(), StringComparison.Ordinal);

        using var convertOutput = new StringWriter();
        var output = Path.Combine(folder.Path, "out");
        Assert.Equal(1, CommandLine.Run(new[] { "convert", source, "--out", output }, convertOutput, TextWriter.Null));
        Assert.StartsWith($"{link}: error SWR0001: cannot read file: ", convertOutput.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "ok.py")));
    }

    [Fact]
    public void TooDeeplyNestedExpressionIsSwr2008()
    {
        var source = "x = " + new string('-', 20_000) + "1\n";
        var tree = PythonSyntax.Parse(SourceText.FromString(source, "deep.py"));
        Assert.Null(tree.Root);
        var diagnostic = Assert.Single(tree.Diagnostics);
        Assert.Equal((DiagnosticCodes.TooDeeplyNested.Code, "deep.py", 1), (diagnostic.Code, diagnostic.File, diagnostic.Line));
        Assert.Equal("too many nested expressions or statements to parse", diagnostic.Message);
    }

    [Fact]
    public void TooDeeplyNestedFileIsNotConverted()
    {
        var result = Converter.Convert("import torch\ny = torch.exp(" + new string('-', 20_000) + "1)\n");
        Assert.Null(result.Output);
        Assert.Equal("SWR2008", Assert.Single(result.Diagnostics).Code);
    }
}
