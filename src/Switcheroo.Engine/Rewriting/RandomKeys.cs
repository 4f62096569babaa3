using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Parsing;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
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
    private readonly Dictionary<PythonParser.StatementContext, int> _split = new();

    /// <summary>The key expression for a random call at <paramref name="site"/>, or null (with a reason) when there is none.</summary>
    public string? KeyFor(ParserRuleContext site, out string? problem)
    {
        problem = null;
        int token = site.Start.TokenIndex;
        if (context.Facts.RandomSources.InInitializer(token))
        {
            return "key";
        }
        if (context.ModuleOf(site) is not null && SyntaxShapes.Enclosing<PythonParser.Function_defContext>(site) is { } method)
        {
            return method.name().GetText() is "setup" or "__init__" ? "self.make_rng(\"params\")" : "self.make_rng(\"noise\")";
        }
        var scope = ScopeOf(site);
        var seed = scope is null ? null : context.Facts.RandomSources.SeedIn(scope, token);
        if (seed is null)
        {
            problem = "torch draws from a global generator; in JAX the call needs a key: call torch.manual_seed(...) earlier in the same scope, or pass a key";
            return null;
        }
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(site)!;
        if (!_split.TryGetValue(statement, out var count))
        {
            // One split per statement, made once every random call in it has asked for its key.
            context.Edits.Defer(() => Split(statement, seed));
        }
        _split[statement] = count + 1;
        return count == 0 ? "subkey" : $"subkey{count + 1}";
    }

    /// <summary><c>key, subkey = jax.random.split(key)</c>, or with more subkeys for several random calls.</summary>
    private void Split(PythonParser.StatementContext statement, string key)
    {
        int count = _split[statement];
        var names = string.Join(", ", Enumerable.Range(1, count).Select(i => i == 1 ? "subkey" : $"subkey{i}"));
        var split = context.Targets.Reference("jax.random.split");
        var call = count == 1 ? $"{split}({key})" : $"{split}({key}, {count + 1})";
        context.Plan.InsertBefore(statement, $"{key}, {names} = {call}{context.Edits.Newline()}{context.Edits.Indentation(statement.Start)}");
    }

    private Scope? ScopeOf(ParserRuleContext site)
    {
        var name = ParseTrees.Descendants<PythonParser.NameAtomContext>(site).FirstOrDefault();
        return name is null ? null : context.Model.ScopeOf(name);
    }

}
