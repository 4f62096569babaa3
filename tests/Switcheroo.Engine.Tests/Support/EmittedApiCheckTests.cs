namespace Switcheroo.Engine.Tests.Support;

/// <summary>The check the golden cases rely on finds what it is meant to find.</summary>
public sealed class EmittedApiCheckTests
{
    [Fact]
    public void AcceptsTheTrainingStepsCalls() => Assert.Empty(EmittedApiCheck.Problems(
        "import functools\nimport jax\nimport optax\n" +
        "@functools.partial(jax.jit, static_argnums=0)\ndef f(m, p, x):\n" +
        "    return m.apply({'params': p}, x, mutable=['batch_stats'], rngs={'dropout': jax.random.PRNGKey(0)})\n" +
        "g = jax.value_and_grad(f, has_aux=True)\nt = optax.chain(optax.clip_by_global_norm(1.0))\n"));

    [Theory]
    [InlineData("flax.linen.Module.apply", "mutable")]
    [InlineData("flax.linen.Module.apply", "rngs")]
    [InlineData("flax.linen.Module.init", "rngs")]
    [InlineData("flax.linen.Module.clone", "parent")]
    public void TheModuleMethodsConvertedCodeCallsTakeTheseArguments(string method, string parameter) =>
        Assert.Contains(ApiCatalog.Targets.Parameters(method)!, p => p.Name == parameter);

    [Theory]
    [InlineData("import functools\nimport jax\nf = functools.partial(jax.jit, static_args=0)\n", "jax.jit has no keyword 'static_args'")]
    [InlineData("import jax\ng = jax.value_and_grad(len, aux=True)\n", "jax.value_and_grad has no keyword 'aux'")]
    [InlineData("import optax\nt = optax.adam(lr=0.1)\n", "optax.adam has no keyword 'lr'")]
    public void FindsKeywordsTheLibrariesDoNotHave(string code, string problem) =>
        Assert.Contains(problem, EmittedApiCheck.Problems(code));
}
