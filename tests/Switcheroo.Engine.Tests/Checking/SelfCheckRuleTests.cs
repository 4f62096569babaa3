using Switcheroo.Engine.Checking;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Checking;

/// <summary>
/// Each self-check rule on Flax code: a snippet that breaks it (the hit and its output line) and
/// one that keeps it (no hit); reported code; an output that does not parse; SWR4002 through the pipeline.
/// </summary>
public sealed class SelfCheckRuleTests
{
    private const string Header = "import flax.linen as nn\nimport jax.numpy as jnp\nimport functools\nimport jax\n\n\n";

    private static IReadOnlyList<SelfCheckHit> Hits(string body) => SelfCheck.Run(Header + body, Converter.BuiltInMaps);

    /// <summary>The rule hits once, at the body's 1-based line <paramref name="line"/>.</summary>
    private static void Breaks(string rule, int line, string body)
    {
        var hits = Hits(body);
        Assert.True(hits.Count == 1, string.Join("\n", hits));
        Assert.Equal((rule, line + 6, false), (hits[0].Rule, hits[0].Line, hits[0].Reported));
    }

    private static void Keeps(string body) => Assert.Empty(Hits(body));

    [Fact]
    public void FieldAssignedInSetup()
    {
        Breaks("field-assigned-in-setup", 5, "class Net(nn.Module):\n    classes: int = 10\n\n    def setup(self):\n        self.classes = 5\n");
        Breaks("field-assigned-in-setup", 3, "class Net(nn.Module):\n    def setup(self):\n        self.name = 'net'\n");
        Breaks("field-assigned-in-setup", 6, "class Base(nn.Module):\n    width: int = 4\n\n\nclass Net(Base):\n    def setup(self): self.width = 5\n");
        Keeps("class Net(nn.Module):\n    classes: int = 10\n\n    def setup(self):\n        classes = self.classes\n        self.fc = nn.Dense(features=classes)\n");
        Keeps("class Plain:\n    classes: int = 10\n\n    def setup(self):\n        self.classes = 5\n");
    }

    [Fact]
    public void LinenOwnConstructor()
    {
        Breaks("linen-own-constructor", 7, "class Base(nn.Module):\n    width: int = 4\n\n\nclass Child(Base):\n\n    def __init__(self, width):\n        Base.__init__(self, width)\n        self.extra = nn.relu\n");
        Breaks("linen-own-constructor", 2, "class Net(nn.Module):\n    def __init__(self): pass\n");
        Keeps("class Plain:\n    def __init__(self):\n        self.x = 1\n");
        Keeps("class Net(nn.Module):\n    width: int = 4\n\n    def setup(self):\n        self.fc = nn.Dense(features=self.width)\n");
    }

    [Fact]
    public void NameAssignedTwiceInSetup()
    {
        Breaks("name-assigned-twice-in-setup", 4, "class Net(nn.Module):\n    def setup(self):\n        self.fc = nn.Dense(features=4)\n        self.fc = nn.Dense(features=8)\n");
        Breaks("name-assigned-twice-in-setup", 4, "class Net(nn.Module):\n    def setup(self):\n        for i in range(3):\n            self.fc = nn.Dense(features=i)\n");
        Keeps("class Net(nn.Module):\n    flag: bool = True\n\n    def setup(self):\n        if self.flag:\n            self.fc = nn.Dense(features=4)\n        else:\n            self.fc = nn.Dense(features=8)\n        self.scale = 1\n        self.scale = 2\n");
    }

    [Fact]
    public void AttributeSetOnASubmodule()
    {
        Breaks("submodule-attribute-set", 4, "class Net(nn.Module):\n    def setup(self):\n        self.conv = Block(features=4)\n        self.conv.stddev = 0.01\n");
        Breaks("submodule-attribute-set", 6, "class Net(nn.Module):\n    def setup(self):\n        self.conv = Block(features=4)\n\n    def __call__(self, x):\n        self.conv.last = x\n        return self.conv(x)\n");
        Keeps("class Net(nn.Module):\n    def setup(self):\n        self.conv = Block(features=4)\n        self.stats = make_stats()\n        self.stats.count = 0\n");
    }

    [Fact]
    public void EmptySequential()
    {
        Breaks("empty-sequential", 3, "class Net(nn.Module):\n    def setup(self):\n        self.body = nn.Sequential([])\n");
        Breaks("empty-sequential", 1, "head = nn.Sequential()\n");
        Keeps("class Net(nn.Module):\n    def setup(self):\n        self.body = nn.Sequential([nn.Dense(features=4)])\n");
    }

    [Fact]
    public void ListMutatedAfterSetupAssignedIt()
    {
        Breaks("frozen-list-mutated", 4, "class Net(nn.Module):\n    def setup(self):\n        self.layers = []\n        self.layers.append(nn.Dense(features=4))\n");
        Breaks("frozen-list-mutated", 4, "class Net(nn.Module):\n    def setup(self):\n        self.layers = [nn.Dense(features=4)]\n        self.layers += [nn.Dense(features=2)]\n");
        Breaks("frozen-list-mutated", 4, "class Net(nn.Module):\n    def setup(self):\n        self.blocks = {}\n        self.blocks['a'] = nn.Dense(features=2)\n");
        Keeps("class Net(nn.Module):\n    def setup(self):\n        layers = []\n        layers.append(nn.Dense(features=4))\n        self.layers = layers\n");
    }

    [Fact]
    public void AttributeOfADictOfSubmodules()
    {
        Breaks("frozen-dict-attribute", 6, "class Net(nn.Module):\n    def setup(self):\n        self.blocks = {'conv': nn.Dense(features=2)}\n\n    def __call__(self, x):\n        return self.blocks.conv(x)\n");
        Keeps("class Net(nn.Module):\n    def setup(self):\n        self.blocks = {'conv': nn.Dense(features=2)}\n\n    def __call__(self, x):\n        for name, block in self.blocks.items():\n            x = block(x)\n        return self.blocks['conv'](x)\n");
    }

    [Fact]
    public void ItemAssignmentIntoAnArray()
    {
        Breaks("array-item-assignment", 3, "def f(n):\n    x = jnp.zeros((n, 4))\n    x[0] = 1\n    return x\n");
        Breaks("array-item-assignment", 3, "def f(n):\n    x = jnp.ones(n)\n    x[1:] += 2\n    return x\n");
        Keeps("def f(n):\n    x = jnp.zeros((n, 4))\n    x = x.at[0].set(1)\n    y = [0, 0]\n    y[0] = 1\n    return x, y\n");
    }

    [Fact]
    public void TorchLeftOutsideMarkedCode()
    {
        Breaks("torch-leftover", 1, "x = jnp.zeros(3).cuda()\n");
        Breaks("torch-leftover", 2, "def f(x):\n    return x.view(-1, 4)\n");
        Breaks("torch-leftover", 2, "def f(x):\n    return x.size(1)\n");
        Breaks("torch-leftover", 3, "def f(n):\n    x = jnp.zeros(n)\n    return x.unsqueeze(0)\n");
        var torch = Hits("import torch\n\nx = torch.zeros(3)\n");
        Assert.Equal(["torch-leftover", "torch-leftover"], torch.Select(h => h.Rule));
        Keeps("def f(x, words):\n    return x.reshape(-1, 4), x.sum(axis=1), x.size, words.split(','), self.relu(x)\n");
        Keeps("def f(text):\n    return text.split(0)\n");
    }

    [Fact]
    public void MarkedTorchCodeIsReported()
    {
        var hits = Hits("import torch\n\n# switcheroo: SWR3001 torch.fft.fft has no mapping; kept as is\ny = torch.fft.fft(x)\n");
        Assert.Equal([true], hits.Select(h => h.Reported));
        var kept = Hits("import torch.nn\n\n\n# switcheroo: SWR3006 class Net is not converted to a Flax module: ...\nclass Net(torch.nn.Module):\n    def forward(self, x):\n        return x.view(-1)\n");
        Assert.All(kept, hit => Assert.True(hit.Reported, hit.ToString()));
        Assert.Equal(2, kept.Count);
    }

    [Fact]
    public void UnhashableStaticArgument()
    {
        Breaks("unhashable-static-argument", 2, "class MLP(nn.Module):\n    sizes: list = [64, 32]\n");
        const string Step = "@functools.partial(jax.jit, static_argnums=0)\ndef step(model, params, x):\n    return model.apply(params, x)\n\n\n";
        Breaks("unhashable-static-argument", 8, Step + "def run(params, x):\n    model = MLP([64, 32])\n    return step(model, params, x)\n");
        Breaks("unhashable-static-argument", 9, Step + "def run(params, x):\n    sizes = [64, 32]\n    model = MLP(sizes)\n    return step(model, params, x)\n");
        Keeps(Step + "def run(params, x):\n    model = MLP((64, 32))\n    return step(model, params, x)\n");
    }

    [Fact]
    public void AnOutputThatDoesNotParseIsAHit()
    {
        var hits = Hits("x = (1,\n");
        Assert.Equal([(SelfCheck.OutputDoesNotParse, false)], hits.Select(h => (h.Rule, h.Reported)));
    }

    [Fact]
    public void ThePipelineReportsAnUnreportedHitAsSWR4002AtItsSourceLine()
    {
        // A list created in a loop (maybe more than once) is outside the growing-list rewrite (Rewriting/Modules/GrowingLists).
        const string Source = "import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        for k in range(1):\n            self.scales = [k / 2]\n        self.scales.append(1.0)\n        self.fc = nn.Linear(4, 4)\n\n    def forward(self, x):\n        return self.fc(x) * self.scales[0]\n";
        var result = Converter.Convert(Source);
        var warning = Assert.Single(result.Diagnostics, d => d.Code == "SWR4002");
        Assert.Equal((Severity.Warning, 9, 9), (warning.Severity, warning.Line, warning.Column));
        Assert.Contains("frozen-list-mutated", warning.Message);
        Assert.Contains(result.SelfCheckHits, hit => hit.Rule == "frozen-list-mutated" && !hit.Reported);
    }

    [Fact]
    public void EveryRuleHasATestHere()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Switcheroo.Engine.Tests", "Checking", "SelfCheckRuleTests.cs"));
        Assert.All(SelfCheck.RuleNames.Where(r => r != SelfCheck.OutputDoesNotParse), rule => Assert.Contains($"\"{rule}\"", text));
    }
}
