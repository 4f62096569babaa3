using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// An <c>nn.ModuleDict</c> entry read by attribute (the golden case <c>module_dict_attributes</c> shows
/// the conversion): a key the construction does not name is left as written and reported by the
/// self-check, never guessed.
/// </summary>
public sealed class DictAttributesTests
{
    private const string Source = "import torch\nfrom torch import nn\n\n\nclass Net(nn.Module):\n"
        + "    def __init__(self, names):\n        super().__init__()\n        self.blocks = nn.ModuleDict({\"fc\": nn.Linear(2, 2)})\n"
        + "        for name in names:\n            self.blocks[name] = nn.ReLU()\n\n"
        + "    def forward(self, x):\n        return self.blocks.act(self.blocks.fc(x))\n";

    [Fact]
    public void OnlyTheKeysTheConstructionNamesBecomeSubscripts()
    {
        var result = Converter.Convert(Source);
        Assert.Contains("        return self.blocks.act(self.blocks[\"fc\"](x))\n", result.Output, StringComparison.Ordinal);
        // the item assignment after setup froze the dict is reported too (frozen-list-mutated)
        Assert.All(result.Diagnostics, d => Assert.Equal("SWR4002", d.Code));
        Assert.Contains(result.Diagnostics, d => d.Line == 13 && d.Message.Contains("self.blocks.act", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("self.blocks.fc", StringComparison.Ordinal));
    }
}
