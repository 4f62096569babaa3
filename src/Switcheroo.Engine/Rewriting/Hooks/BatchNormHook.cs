using Switcheroo.Engine.Binding;
using System.Globalization;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>batch_norm</c>: <c>nn.BatchNorm1d/2d/3d</c> inside a converted module becomes the runtime's
/// torch-exact Linen BatchNorm (<c>switcheroo_runtime.BatchNorm</c>), following the module's train flag:
/// <code>
/// nn.BatchNorm2d(64)                     →  switcheroo_runtime.BatchNorm(use_running_average=not self.train)
/// nn.BatchNorm2d(64, momentum=0.01)      →  switcheroo_runtime.BatchNorm(use_running_average=not self.train, momentum=0.99)
/// nn.BatchNorm2d(64, eps=1e-3)           →  ... epsilon=1e-3)
/// nn.BatchNorm2d(64, affine=False)       →  ... use_scale=False, use_bias=False)
/// nn.BatchNorm2d(64, track_running_stats=False)  →  switcheroo_runtime.BatchNorm(use_running_average=False)
/// </code>
/// An init statement on its weight or bias other than torch's own (ones, zeros) becomes
/// <c>scale_init=</c>/<c>bias_init=</c> (<see cref="LayerInitializers"/>).
/// flax.linen.BatchNorm cannot give torch's numbers: it averages the biased batch variance into the
/// running variance where torch averages the unbiased one (eval-mode outputs then differ by up to
/// n / (n - 1)). The runtime's module does as torch does, declares Flax BatchNorm's variables
/// (<c>scale</c>, <c>bias</c>; <c>batch_stats</c> <c>mean</c>, <c>var</c>) and takes torch's defaults
/// (channels on axis 1, epsilon 1e-5), so only what the source gives is written. Its momentum is
/// Flax's, the running average's weight: one minus torch's. The running statistics live in the
/// <c>batch_stats</c> collection: training applies the model with <c>mutable=["batch_stats"]</c> at the top level and
/// keeps the returned statistics (docs/training.md). In a layer helper (a function only converted
/// constructors call, <see cref="Analysis.LayerHelpers"/>) the flag is the helper's <c>train</c> parameter.
/// Built in a free function whose every call is an argument of a module class with a train flag
/// (<c>VGG(make_layers(cfg), ...)</c>), it becomes the entry's <c>unbound_value</c>,
/// <c>switcheroo_runtime.TorchBatchNorm(v)</c>: torch's arguments as written, the same variables, and
/// the train flag of the nearest enclosing module with one (that module), read at apply time.
/// Caveats: <c>momentum=None</c> (a cumulative average) has no counterpart and is reported; so is a
/// BatchNorm anywhere else outside a converted module, which has no train flag to follow.
/// </summary>
public sealed class BatchNormHook : IHook
{
    public string Name => "batch_norm";

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call;
        var arguments = call is null ? null : CallArguments.Bind(call.arguments(), site.Entry.Parameters, out _);
        var train = call is null ? null : context.TrainFlag(call);
        if (call is not null && arguments is not null && train is null && site.Entry.AsUnboundValue is { } unbound && context.InPartOfTrainModule(call))
        {
            Unbound(site, call, arguments, unbound, context);
            return;
        }
        if (call is null || arguments is null || train is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference,
                $"{site.Entry.Torch} converts when it is built inside a converted nn.Module, in a function only its constructor calls, "
                + "or in a function whose every call is an argument of a module class with a train flag (it follows the module's train flag); kept as is");
            return;
        }
        var given = arguments.ToDictionary(a => a.Parameter, a => a, StringComparer.Ordinal);
        var text = (string name) => given.TryGetValue(name, out var a) ? context.Text(a.Value).Trim() : null;
        if (text("momentum") == "None")
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, "BatchNorm with momentum=None keeps a cumulative average, which flax.linen.BatchNorm cannot; kept as is");
            return;
        }
        if (LayerInitializers.Of(call, context, out var problem) is not { } initializers)
        {
            context.Report(DiagnosticCodes.InitNotConverted, call, $"{site.Entry.Torch}(...) not converted: {problem}");
            return;
        }
        var keywords = new List<PyKeyword>
        {
            new("use_running_average", text("track_running_stats") == "False" ? PyLiteral.Bool(false) : new PyUnary("not", Py.Named(train))),
        };
        // What equals the module's defaults (torch's) is left out.
        if (given.TryGetValue("momentum", out var momentum) && !IsNumber(momentum, 0.1m, context))
        {
            keywords.Add(new("momentum", Momentum(momentum, context)));
        }
        if (given.TryGetValue("eps", out var eps) && !IsNumber(eps, 0.00001m, context))
        {
            keywords.Add(new("epsilon", Py.Source(eps.Value)));
        }
        if (given.TryGetValue("affine", out var affine) && text("affine") != "True")
        {
            keywords.Add(new("use_scale", Py.Source(affine.Value)));
            keywords.Add(new("use_bias", Py.Source(affine.Value)));
        }
        if (given.TryGetValue("dtype", out var dtype))
        {
            keywords.Add(new("param_dtype", Py.Source(dtype.Value)));
        }
        keywords.AddRange(initializers.Select(i => new PyKeyword(i.Keyword, Py.OfText(i.Text))));
        var batchNorm = Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.BatchNorm")), [], keywords);
        context.Plan.Replace(call, PyPrinter.Print(batchNorm));
        foreach (var dropped in arguments.Where(a => a.Parameter is "num_features" or "device" or "track_running_stats"))
        {
            context.Plan.Discard(dropped.Node);
        }
        context.MarkConverted(site.Reference);
    }

    /// <summary>
    /// Built where no module's train flag is at hand, in a free function whose every call is an
    /// argument of a module class with a train flag (<c>VGG(make_layers(cfg), ...)</c>): the entry's <c>unbound_value</c>, a Linen class whose
    /// fields are torch's constructor arguments in torch's order, called with the arguments as written.
    /// Its <c>train</c> stays None, so at apply time it follows the nearest enclosing module with a
    /// <c>train</c> field, and fails loudly where none encloses it. It has no initializer arguments:
    /// an init statement that reaches it, and <c>momentum=None</c>, are reported.
    /// </summary>
    private static void Unbound(HookSite site, PythonParser.CallExprContext call, IReadOnlyList<BoundArgument> arguments, string unbound, ConversionContext context)
    {
        if (arguments.Any(a => a.Parameter == "momentum" && context.Text(a.Value).Trim() == "None"))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, "BatchNorm with momentum=None keeps a cumulative average, which flax.linen.BatchNorm cannot; kept as is");
            return;
        }
        if (LayerInitializers.Of(call, context, out var problem) is not { Count: 0 })
        {
            context.Report(DiagnosticCodes.InitNotConverted, call,
                $"{site.Entry.Torch}(...) not converted: built outside a module, it takes no initializer argument{(problem is null ? "" : $" ({problem})")}; kept as is");
            return;
        }
        context.Plan.Replace(site.Reference, context.Targets.Reference(unbound));
        context.MarkConverted(site.Reference);
    }

    private static bool IsNumber(BoundArgument argument, decimal number, ConversionContext context) =>
        decimal.TryParse(context.Text(argument.Value).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == number;

    /// <summary>One minus torch's momentum: computed for a literal, written as an expression otherwise.</summary>
    private static Py Momentum(BoundArgument momentum, ConversionContext context)
    {
        var text = context.Text(momentum.Value).Trim();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return new PyLiteral((1 - value).ToString(CultureInfo.InvariantCulture));
        }
        return new PyBinary(PyLiteral.Int(1), "-", Py.Source(momentum.Value));
    }
}
