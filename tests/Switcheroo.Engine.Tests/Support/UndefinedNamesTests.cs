namespace Switcheroo.Engine.Tests.Support;

public sealed class UndefinedNamesTests
{
    [Fact]
    public void FindsANameTheOutputReadsAndNothingBinds() =>
        Assert.Equal(["jnp (line 2)"], UndefinedNames.In("import jax\ny = jnp.zeros(3) + len([])\n", "import torch\ny = torch.zeros(3) + len([])\n"u8.ToArray()));

    [Fact]
    public void LeavesANameTheSourceReadsUnboundToo() =>
        Assert.Empty(UndefinedNames.In("def f():\n    return helper(1)\n", "def f():\n    return helper(1)\n"u8.ToArray()));

    [Fact]
    public void KnowsParametersComprehensionsAndClassBodies() =>
        Assert.Empty(UndefinedNames.In("class A:\n    n: int = 2\n    def f(self, x):\n        return [x * i for i in range(self.n)]\n", "x = 1\n"u8.ToArray()));
}
