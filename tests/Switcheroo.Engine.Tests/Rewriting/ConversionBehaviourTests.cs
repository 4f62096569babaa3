using System.Text;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// Short before/after conversions through the built-in maps that the golden cases do not cover:
/// argument rules one by one, and how imports are removed, kept, reused and added.
/// </summary>
public sealed class ConversionBehaviourTests
{
    [Theory]
    [InlineData("torch.sum(x, 1, True)", "jnp.sum(x, axis=1, keepdims=True)")]
    [InlineData("torch.sum(x, dim=1)", "jnp.sum(x, axis=1)")]
    [InlineData("torch.sum(input=x, dim=0)", "jnp.sum(x, axis=0)")]
    [InlineData("torch.clamp(x, 0, max=1)", "jnp.clip(x, min=0, max=1)")]
    [InlineData("torch.cat([x, x], 1)", "jnp.concatenate([x, x], axis=1)")]
    [InlineData("F.relu(x, inplace=True)", "jax.nn.relu(x)")]
    [InlineData("F.relu(x, True)", "jax.nn.relu(x)")]
    [InlineData("F.leaky_relu(x, 0.1, inplace=False)", "jax.nn.leaky_relu(x, negative_slope=0.1)")]
    [InlineData("F.gelu(x)", "jax.nn.gelu(x, approximate=False)")]
    [InlineData("F.gelu(x, approximate='tanh')", "jax.nn.gelu(x, approximate=True)")]
    [InlineData("F.gelu(x, approximate=\"none\")", "jax.nn.gelu(x, approximate=False)")]
    [InlineData("F.gelu(input=x)", "jax.nn.gelu(x, approximate=False)")]
    [InlineData("torch.sum(x,  # total\n        dim = 1)", "jnp.sum(x,  # total\n        axis = 1)")]
    public void ArgumentRulesApply(string torchCall, string expected)
    {
        var source = $"import torch\nimport torch.nn.functional as F\n\n\ndef f(x):\n    return {torchCall}\n";
        var result = Converter.Convert(source);
        Assert.Empty(result.Diagnostics);
        var output = result.Output!;
        Assert.Equal(expected, output[(output.IndexOf("    return ", StringComparison.Ordinal) + "    return ".Length)..].TrimEnd('\n'));
        Assert.DoesNotContain("torch", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PartiallyConvertedModuleKeepsItsImport()
    {
        var result = Converter.Convert("import torch\n\ny = torch.exp(x)\nz = torch.fft.fft(x)\n");
        Assert.Equal("SWR3001", Assert.Single(result.Diagnostics).Code);
        Assert.Equal(
            "import jax.numpy as jnp\nimport torch\n\ny = jnp.exp(x)\n# switcheroo: SWR3001 torch.fft.fft has no mapping; kept as is\nz = torch.fft.fft(x)\n",
            result.Output);
    }

    [Fact]
    public void ATensorMethodNameOnALayerIsNotTheTensorMethod()
    {
        const string source = """
            import torch
            import torch.nn as nn


            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(2, 2)

                def forward(self, x):
                    return self.fc(x)


            model = Net()
            layer = nn.Linear(2, 2)
            layer.float()
            model.fc.float()
            layer.view(2)
            y = torch.ones(2).float()

            """;
        var result = Converter.Convert(source);
        Assert.DoesNotContain("jnp.asarray(layer", result.Output);
        Assert.DoesNotContain("jnp.asarray(model.fc", result.Output);
        Assert.DoesNotContain("reshape(layer", result.Output);
        Assert.Contains("y = jnp.asarray(jnp.ones((2,)), dtype=jnp.float32)", result.Output);
        // Each is reported: the module's own method (torch.nn.Module.float is unsupported), or no method at all.
        Assert.Contains(result.Diagnostics, d => d.Line == 16 && d.Code == "SWR3002" && d.Message.Contains("torch.nn.Module.float"));
        Assert.Contains(result.Diagnostics, d => d.Line == 17 && d.Code == "SWR3002" && d.Message.Contains("torch.nn.Module.float"));
        Assert.Contains(result.Diagnostics, d => d.Line == 18 && d.Code == "SWR3001" && d.Message.Contains("is a module"));
    }

    [Fact]
    public void OnlyTheConvertedNamesOfAFromImportAreRemoved()
    {
        AssertConverts(
            "from torch import Tensor, fft\n\n\ndef f(x: Tensor):\n    return fft.fft(x)\n",
            "import jax\nfrom torch import fft\n\n\ndef f(x: jax.Array):\n    # switcheroo: SWR3001 torch.fft.fft has no mapping; kept as is\n    return fft.fft(x)\n");
    }

    [Fact]
    public void OtherModulesOfAnImportStatementStay()
    {
        AssertConverts(
            "import torch, os\n\nx = torch.exp(os.sep)\n",
            "import jax.numpy as jnp\nimport os\n\nx = jnp.exp(os.sep)\n");
    }

    [Fact]
    public void ImportEmptyingAFunctionBodyLeavesPass()
    {
        AssertConverts(
            "def setup():\n    import torch\n\n\ndef f(x):\n    if x:\n        import torch\n    return x\n",
            "def setup():\n    pass\n\n\ndef f(x):\n    if x:\n        pass\n    return x\n");
    }

    [Fact]
    public void ImportRemovedFromAnIndentedBlockKeepsTheIndentation()
    {
        AssertConverts(
            "def f(x):\n    import torch\n    y = torch.exp(x)\n    return y\n\n\ndef g(x):\n    if x:\n        x = 1\n    import torch\n    return torch.exp(x)\n",
            "import jax.numpy as jnp\ndef f(x):\n    y = jnp.exp(x)\n    return y\n\n\ndef g(x):\n    if x:\n        x = 1\n    return jnp.exp(x)\n");
    }

    [Fact]
    public void CommentOnARemovedImportLineSurvives()
    {
        AssertConverts(
            "import torch  # the framework\nimport os\n\nx = torch.exp(os.sep)\n\n\ndef f():\n    import torch  # lazily\n",
            "import jax.numpy as jnp\n# the framework\nimport os\n\nx = jnp.exp(os.sep)\n\n\ndef f():\n    pass\n    # lazily\n");
    }

    [Fact]
    public void ImportGoesAfterTheDocstringAndFutureImports()
    {
        AssertConverts(
            "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\nimport os\n\n\ndef f(x):\n    import torch\n    return torch.exp(x)\n",
            "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\nimport jax.numpy as jnp\nimport os\n\n\ndef f(x):\n    return jnp.exp(x)\n");
    }

    [Fact]
    public void ExistingTargetImportIsReused()
    {
        AssertConverts(
            "import jax.numpy as jnp\nimport torch\n\n\ndef f(x):\n    return torch.exp(x) + jnp.ones(3)\n",
            "import jax.numpy as jnp\n\n\ndef f(x):\n    return jnp.exp(x) + jnp.ones(3)\n");
    }

    [Fact]
    public void ExistingTargetImportUnderAnotherAliasIsReused()
    {
        AssertConverts(
            "import torch\nimport jax.numpy as np_\n\ny = torch.exp(x)\n",
            "import jax.numpy as np_\n\ny = np_.exp(x)\n");
    }

    [Fact]
    public void NameBoundByATorchImportAndOtherwiseIsReportedOnceAndLeftAlone()
    {
        const string source = "try:\n    import torch\nexcept ImportError:\n    torch = None\n\n\ndef f(x):\n    return torch.exp(x)\n";
        var result = Converter.Convert(source);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("SWR3004", 4, 5), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Equal(source.Replace("    torch = None", "    " + Switcheroo.Engine.Rewriting.Reporter.Marker("SWR3004", diagnostic.Message) + "\n    torch = None"), result.Output);
    }

    [Theory]
    [InlineData("# plain\r\nimport os\r\n\r\ndef f(x):\r\n\treturn os.sep  # tab\r\n")]
    [InlineData("\uFEFFx = 1\n")]
    [InlineData("import numpy as np\nx = np.sum(1)")]
    [InlineData("# -*- coding: latin-1 -*-\ns = 'caf\u00e9'\n")]
    [InlineData("")]
    public void FileWithoutTorchComesBackByteIdentical(string source)
    {
        var encoding = source.Contains("latin-1", StringComparison.Ordinal) ? Encoding.Latin1 : new UTF8Encoding(false);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(source)).ToArray();
        var result = Converter.Pipeline.Convert("plain.py", bytes);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(bytes, result.Encoding.GetBytes(result.Output!));
    }

    [Fact]
    public void CrlfFileKeepsCrlfInInsertedLines()
    {
        var result = Converter.Convert(
            "\"\"\"Doc.\"\"\"\r\n\r\n\r\ndef f(x):\r\n    import torch\r\n    return torch.exp(x), torch.fft.fft(x)\r\n\r\n\r\ndef g():\r\n    import torch  # gone\r\n");
        Assert.Equal(
            "\"\"\"Doc.\"\"\"\r\n\r\n\r\nimport jax.numpy as jnp\r\ndef f(x):\r\n    import torch\r\n"
            + "    # switcheroo: SWR3001 torch.fft.fft has no mapping; kept as is\r\n    return jnp.exp(x), torch.fft.fft(x)\r\n"
            + "\r\n\r\ndef g():\r\n    pass\r\n    # gone\r\n",
            result.Output);
    }

    private static void AssertConverts(string source, string expected)
    {
        var result = Converter.Convert(source);
        Assert.True(result.Output is not null, string.Join("\n", result.Diagnostics));
        Assert.Equal(expected, result.Output);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code != "SWR3001");
    }
}
