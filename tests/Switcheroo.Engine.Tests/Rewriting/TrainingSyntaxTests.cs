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
}
