using Switcheroo.Engine.Rewriting;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Engine.Rewriting.Training;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// The syntax the training-side hooks build (checkpoints, schedulers, random keys): augmented
/// assignments, the text of built code, a key's split and a step's variables, and the statements
/// those hooks write in the file's own layout.
/// </summary>
public sealed class TrainingSyntaxTests
{
    private static Py N(string name) => Py.Named(name);

    [Fact]
    public void AugmentedAssignmentsTakeABinaryOperator()
    {
        Assert.Equal("steps += 1", PyText.Of(new PyAugmentedAssign(N("steps"), "+", PyLiteral.Int(1))));
        Assert.Equal("x //= a + b", PyText.Of(new PyAugmentedAssign(N("x"), "//", new PyBinary(N("a"), "+", N("b")))));
        Assert.Equal("w[0] **= (y := 2)", PyText.Of(new PyAugmentedAssign(new PySubscript(N("w"), PyLiteral.Int(0)), "**", new PySource([(TextPart)"y := 2"], PyPrecedence.Walrus))));
        Assert.Throws<ArgumentException>(() => PyText.Of(new PyAugmentedAssign(N("x"), "and", N("y"))));
        Assert.Throws<ArgumentException>(() => PyText.Of(new PyAugmentedAssign(N("x"), "<", N("y"))));
    }

    [Fact]
    public void TextIsOnlyForCodeWithoutSourceParts()
    {
        Assert.Equal("self.make_rng(\"noise\")", PyText.Of(Py.CallOf(new PyAttribute(N("self"), "make_rng"), PyLiteral.String("noise"))));
        Assert.Throws<ArgumentException>(() => PyText.Of(Py.CallOf(N("f"), new PySource([new TextPart.Source(1, 2)], PyPrecedence.Atom))));
    }

    [Fact]
    public void AKeyIsSplitIntoItselfAndItsSubkeys()
    {
        Assert.Equal("key, subkey = jax.random.split(key)", PyText.Of(RandomKeys.Split(N("jax.random.split"), "key", [RandomKeys.Subkey(1)])));
        Assert.Equal("key2, subkey, subkey2 = jr.split(key2, 3)",
            PyText.Of(RandomKeys.Split(N("jr.split"), "key2", [RandomKeys.Subkey(1), RandomKeys.Subkey(2)])));
    }

    [Fact]
    public void AStepsVariablesAreADictAndUnpackFromOne()
    {
        var variables = new TrainedVariables([("params", "params2"), ("batch_stats", "batch_stats")], new PySubscript(N("opt_state"), PyLiteral.Int(1)));
        Assert.Equal("{\"params\": params2, \"batch_stats\": batch_stats}", variables.ToString());
        Assert.Equal("params2, batch_stats = loaded[\"params\"], loaded[\"batch_stats\"]", PyText.Of(variables.Unpack("loaded")));
        Assert.Equal("opt_state[1].hyperparams", PyText.Of(new PyAttribute(variables.OptimizerState, "hyperparams")));
    }

    private const string Model = "import torch\nimport torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
        + "        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\n";

    [Fact]
    public void ALoadAfterTrainingNotStrictKeepsTheTrainedValues()
    {
        var source = Model + "def f(loader, path):\n    torch.manual_seed(0)\n    model = Net()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
            + "    for x, y in loader:\n        opt.zero_grad()\n        loss = ((model(x) - y) ** 2).mean()\n        loss.backward()\n        opt.step()\n"
            + "    model.load_state_dict(torch.load(path), strict=False)\n    return model(x)\n";
        var result = Converter.Convert(source);
        Assert.Empty(result.Diagnostics);
        Assert.Contains("    loaded = switcheroo_runtime.KeyMapper.from_torch(\n        switcheroo_runtime.load_checkpoint(path), {\"params\": params}, strict=False\n    )\n"
            + "    params = loaded[\"params\"]\n    return model.apply({\"params\": params}, x)\n", result.Output!, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementsWrittenInPlaceFollowTheFilesIndentationAndNewline()
    {
        var source = (Model + "def f(loader):\n    torch.manual_seed(0)\n    model = Net()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
            + "    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3)\n    for epoch in range(5):\n"
            + "        for x, y in loader:\n            optimizer.zero_grad()\n            loss = ((model(x) - y) ** 2).mean()\n"
            + "            loss.backward()\n            optimizer.step()\n        scheduler.step()\n").Replace("    ", "\t").Replace("\n", "\r\n");
        var result = Converter.Convert(source);
        Assert.Empty(result.Diagnostics);
        Assert.Contains("\tscheduler_steps = 0\r\n", result.Output!, StringComparison.Ordinal);
        Assert.Contains("\t\tscheduler_steps += 1\r\n\t\topt_state.hyperparams[\"learning_rate\"] = scheduler(scheduler_steps)\r\n", result.Output!, StringComparison.Ordinal);
    }
}
