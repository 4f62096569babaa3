using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Parsing;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// Where a random call gets its JAX key. torch draws from a hidden global generator; JAX needs an
/// explicit key, split so no key is used twice:
/// <list type="bullet">
/// <item>in a parameter initializer (<c>self.param("w", lambda key: ...)</c>) its own <c>key</c>;</item>
/// <item>elsewhere in a converted module, the module's RNG streams: <c>self.make_rng("params")</c> in
/// <c>setup</c>, <c>self.make_rng("noise")</c> in other methods (supplied at apply time);</item>
/// <item>in plain code after <c>torch.manual_seed(s)</c> — which became <c>key = jax.random.PRNGKey(s)</c> —
/// in the same scope: a fresh <c>key, subkey = jax.random.split(key)</c> before the statement
/// (<c>key, subkey, subkey2 = jax.random.split(key, 3)</c> for two random calls in it).</item>
/// </list>
/// Anything else has no key to draw from and is reported.
/// </summary>
internal sealed class RandomKeys(ConversionContext context)
{
    /// <summary>The key expression for a random call at <paramref name="site"/> as text, or null (with a reason) when there is none.</summary>
    public string? KeyFor(ParserRuleContext site, out string? problem) => Key(site, out problem) is { } key ? PyText.Of(key) : null;

    /// <summary>The key expression for a random call at <paramref name="site"/>, or null (with a reason) when there is none.</summary>
    public Py? Key(ParserRuleContext site, out string? problem)
    {
        problem = null;
        int token = site.Start.TokenIndex;
        if (context.Facts.RandomSources.InInitializer(token))
        {
            return Py.Named("key");
        }
        if (context.ModuleOf(site) is not null && SyntaxShapes.Enclosing<PythonParser.Function_defContext>(site) is { } method)
        {
            var stream = method.name().GetText() is "setup" or "__init__" ? "params" : "noise";
            return Py.CallOf(new PyAttribute(Py.Named("self"), "make_rng"), PyLiteral.String(stream));
        }
        var scope = ScopeOf(site);
        var seed = scope is null ? null : context.Facts.RandomSources.SeedIn(scope, token);
        if (seed is null)
        {
            problem = "torch draws from a global generator; in JAX the call needs a key: call torch.manual_seed(...) earlier in the same scope, or pass a key";
            return null;
        }
        // One split per statement, written once every random call in it has asked for its key.
        return Py.Named(context.Edits.SplitKeyBefore(SyntaxShapes.Enclosing<PythonParser.StatementContext>(site)!, seed));
    }

    /// <summary>
    /// <c>key, subkey = jax.random.split(key)</c>, <c>key, a, b = jax.random.split(key, 3)</c>: the
    /// key is split into itself and the <paramref name="subkeys"/> (no count for one subkey, JAX's default of two).
    /// </summary>
    public static PyAssign Split(Py split, string key, IReadOnlyList<string> subkeys) =>
        new(subkeys.Prepend(key).Select(Py.Named).ToList(),
            [subkeys.Count == 1 ? Py.CallOf(split, Py.Named(key)) : Py.CallOf(split, Py.Named(key), PyLiteral.Int(subkeys.Count + 1))]);

    /// <summary>The name of a statement's <paramref name="number"/>th subkey: <c>subkey</c>, <c>subkey2</c>, ...</summary>
    public static string Subkey(int number) => number == 1 ? "subkey" : $"subkey{number}";

    private Scope? ScopeOf(ParserRuleContext site)
    {
        var name = ParseTrees.Descendants<PythonParser.NameAtomContext>(site).FirstOrDefault();
        return name is null ? null : context.Model.ScopeOf(name);
    }

}
