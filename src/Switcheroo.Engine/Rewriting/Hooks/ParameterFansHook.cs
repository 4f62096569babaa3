using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>parameter_fans</c>: torch's function computing a tensor's fans, read only where a reset method
/// (<see cref="LayerInits"/>, <c>InitBranches.Resetting</c>) draws a bias in its weight's fan-in bound;
/// its entry's option <c>fan_in</c> writes the fan-in of a parameter kept in torch's layout, which
/// the bias's initializer reads.
/// <code>
/// fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)     self.bias = self.param("bias", param_init(
/// bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0                  torch_bias_init(torch_fan_in(self.weight.shape)), ...))
/// init.uniform_(self.bias, -bound, bound)
/// </code>
/// That method goes whole, and with it the call; every other call is reported, since torch's fans
/// of a weight are not those of the Flax kernel that holds it.
/// </summary>
public sealed class ParameterFansHook : IHook
{
    public string Name => InitBranches.FansHook;

    /// <summary><c>fan_in</c>: the fan-in of <c>{tensor}</c>, a parameter kept in torch's layout.</summary>
    public IReadOnlyList<Mapping.HookOption> Options { get; } = [new("fan_in", Mapping.OptionType.Template, Required: true)];

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context) =>
        context.Report(DiagnosticCodes.Unsupported, site.Call!,
            $"{site.Entry.Torch} is not converted: it converts only where a reset method the constructor calls reads it as 'fan_in, _ = ...(self.WEIGHT)' "
            + "for a bias drawn as uniform_(self.BIAS, -bound, bound), bound = 1 / math.sqrt(fan_in); "
            + "a Flax kernel holds a torch weight transposed, so compute the fans from the torch shape (dim 1 in, dim 0 out) by hand; kept as is");
}
