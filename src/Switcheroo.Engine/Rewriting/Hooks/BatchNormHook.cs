using Switcheroo.Engine.Binding;
using System.Globalization;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>batch_norm</c>: <c>nn.BatchNorm1d/2d/3d</c> inside a converted module becomes Flax's BatchNorm
/// over the channel axis of torch's layout (axis 1), with torch's statistics rules:
/// <code>
/// nn.BatchNorm2d(64)                     →  nn.BatchNorm(use_running_average=not self.train, axis=1, momentum=0.9, epsilon=1e-05,
///                                                         use_fast_variance=False)
/// nn.BatchNorm2d(64, momentum=0.01)      →  ... momentum=0.99 ...
/// nn.BatchNorm2d(64, affine=False)       →  ... use_scale=False, use_bias=False
/// nn.BatchNorm2d(64, track_running_stats=False)  →  nn.BatchNorm(use_running_average=False, ...)
/// </code>
/// torch's momentum weighs the new batch, Flax's the running average, so Flax's is one minus
/// torch's; epsilon is written out; <c>use_fast_variance=False</c> computes the batch variance in two
/// passes, as torch does (Flax's default E[x²] - E[x]² loses digits when the mean is large). The running statistics live in the <c>batch_stats</c>
/// collection: training applies the model with <c>mutable=["batch_stats"]</c> at the top level and
/// keeps the returned statistics (docs/training.md). Caveats: <c>momentum=None</c> (a cumulative
/// average) has no Flax counterpart and is reported; so is a BatchNorm outside a converted module,
/// which has no train flag to follow. Flax updates the running variance with the biased batch
/// variance, torch with the unbiased one: smaller by a factor (n - 1) / n (docs/training.md).
/// </summary>
public sealed class BatchNormHook : IHook
{
    public string Name => "batch_norm";

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call;
        var arguments = call is null ? null : CallArguments.Bind(call.arguments(), site.Entry.Parameters, out _);
        if (call is null || arguments is null || context.ModuleOf(call) is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference,
                $"{site.Entry.Torch} converts when it is built inside a converted nn.Module (it follows the module's train flag); kept as is");
            return;
        }
        var given = arguments.ToDictionary(a => a.Parameter, a => a, StringComparer.Ordinal);
        var text = (string name) => given.TryGetValue(name, out var a) ? context.Text(a.Value).Trim() : null;
        if (text("momentum") == "None")
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, "BatchNorm with momentum=None keeps a cumulative average, which flax.linen.BatchNorm cannot; kept as is");
            return;
        }
        var parts = new List<TextPart>
        {
            context.Targets.Reference("flax.linen.BatchNorm") + "(use_running_average=",
            text("track_running_stats") == "False" ? "False" : "not self.train",
            ", axis=1, momentum=",
        };
        parts.AddRange(Momentum(given.GetValueOrDefault("momentum"), context));
        parts.Add(", epsilon=");
        parts.Add(given.TryGetValue("eps", out var eps) ? TextPart.Of(eps.Value) : "1e-05");
        parts.Add(", use_fast_variance=False");
        if (given.TryGetValue("affine", out var affine))
        {
            parts.AddRange(new[] { ", use_scale=", TextPart.Of(affine.Value), ", use_bias=", TextPart.Of(affine.Value) });
        }
        if (given.TryGetValue("dtype", out var dtype))
        {
            parts.AddRange(new[] { ", param_dtype=", TextPart.Of(dtype.Value) });
        }
        parts.Add(")");
        context.Plan.Replace(call, parts.ToArray());
        foreach (var dropped in arguments.Where(a => a.Parameter is "num_features" or "device" or "track_running_stats"))
        {
            context.Plan.Discard(dropped.Node);
        }
        context.MarkConverted(site.Reference);
    }

    /// <summary>One minus torch's momentum: computed for a literal, written as an expression otherwise.</summary>
    private static TextPart[] Momentum(BoundArgument? momentum, ConversionContext context)
    {
        if (momentum is null)
        {
            return new TextPart[] { "0.9" };
        }
        var text = context.Text(momentum.Value).Trim();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return new TextPart[] { (1 - value).ToString(CultureInfo.InvariantCulture) };
        }
        return new TextPart[] { "1 - (", TextPart.Of(momentum.Value), ")" };
    }
}
