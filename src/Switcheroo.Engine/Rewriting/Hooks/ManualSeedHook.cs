using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
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
        // The same rule found the seeds before rewriting (RandomSources), for the random calls after them.
        if (call is null || RandomSources.SeedName(call, context.Model) is not { } name)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference, "torch.manual_seed converts as a statement of its own with one seed; kept as is");
            return;
        }
        var key = Py.CallOf(Py.Named(context.Targets.Reference("jax.random.PRNGKey")), Py.Source(SyntaxShapes.Arguments(call)[0]));
        context.Plan.Replace(call, PyBlockPrinter.Print(PyAssign.Of(Py.Named(name), key)));
        context.MarkConverted(site.Reference);
    }
}
