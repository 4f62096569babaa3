using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>manual_seed</c>: seeding torch's global generator becomes an explicit JAX key that the random
/// calls after it, in the same scope, split from (<see cref="RandomKeys"/>).
/// <code>
/// torch.manual_seed(0)       →  key = jax.random.PRNGKey(0)
/// x = torch.randn(4, 3)      →  key, subkey = jax.random.split(key)
///                               x = jax.random.normal(subkey, (4, 3))
/// </code>
/// The key is named <c>key</c>, or <c>rng_key</c> when <c>key</c> is taken. Caveats: only a
/// statement of its own converts; the same seed gives different numbers than torch's generator.
/// </summary>
public sealed class ManualSeedHook : IHook
{
    public string Name => "manual_seed";

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call;
        var arguments = CallArguments.Of(call?.arguments());
        if (call is null || arguments.Count != 1 || !InPlaceHook.IsWholeStatement(call))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference, "torch.manual_seed converts as a statement of its own with one seed; kept as is");
            return;
        }
        var use = ParseTrees.Descendants<PythonParser.NameAtomContext>(site.Reference).First();
        var scope = context.Model.ScopeOf(use);
        var name = scope.Lookup("key") is null ? "key" : "rng_key";
        context.Plan.Replace(call, $"{name} = {context.Targets.Reference("jax.random.PRNGKey")}(", TextPart.Of(arguments[0]), ")");
        context.MarkConverted(site.Reference);
        context.RandomKeys.AddSeed(scope, call.Stop.TokenIndex, name);
    }
}
