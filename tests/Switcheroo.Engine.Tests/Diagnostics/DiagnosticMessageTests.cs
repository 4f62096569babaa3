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
}
