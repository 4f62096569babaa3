using Switcheroo.Engine.Mapping;

namespace Switcheroo.Engine.Tests.Mapping;

public sealed class PythonTextTests
{
    [Theory]
    [InlineData("\"bias\"", "bias")]
    [InlineData("'running_mean'", "running_mean")]
    [InlineData("'_x1'", "_x1")]
    [InlineData("'1x'", null)]
    [InlineData("'class'", null)]
    [InlineData("'a b'", null)]
    [InlineData("\"bias'", null)]
    [InlineData("f'bias'", null)]
    [InlineData("'ba\\\\s'", null)]
    [InlineData("''", null)]
    [InlineData("bias", null)]
    public void QuotedIdentifierIsTheIdentifierAPlainStringLiteralSpells(string literal, string? expected) =>
        Assert.Equal(expected, PythonText.QuotedIdentifier(literal));
}
