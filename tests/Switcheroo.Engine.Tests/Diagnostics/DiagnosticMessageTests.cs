using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Tests.Diagnostics;

/// <summary>A diagnostic is one line wherever it is printed, so a log shows as many lines as MSBuild counts diagnostics.</summary>
public sealed class DiagnosticMessageTests
{
    [Theory]
    [InlineData("the class of '(nets\n        [0])' is not known", "the class of '(nets [0])' is not known")]
    [InlineData("a\r\n\tb\rc", "a b c")]
    [InlineData("one line", "one line")]
    public void MessagesAreFoldedToOneLine(string message, string expected)
    {
        var diagnostic = new Diagnostic(DiagnosticCodes.TrainModeUndecided, message, "net.torch.py", 3, 5);
        Assert.Equal(expected, diagnostic.Message);
        Assert.Equal($"net.torch.py(3,5): warning SWR3009: {expected}", diagnostic.ToString());
        Assert.Equal(expected, (diagnostic with { Message = message }).Message);
    }

    [Fact]
    public void MarkersAreAtMostOneHundredCharactersCutAtAWord()
    {
        Assert.Equal("# switcheroo: SWR3001 torch.fft.fft has no mapping; kept as is", Switcheroo.Engine.Rewriting.Reporter.Marker("SWR3001", "torch.fft.fft has no mapping; kept as is"));
        var message = "torch.sum(...) not converted: keyword argument 'out' is not in the mapped signature of jax.numpy.sum and has no rule";
        var marker = Switcheroo.Engine.Rewriting.Reporter.Marker("SWR3003", message);
        Assert.True(marker.Length <= 100, marker);
        Assert.Equal("# switcheroo: SWR3003 torch.sum(...) not converted: keyword argument 'out' is not in the mapped...", marker);
    }
}
