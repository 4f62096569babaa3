namespace Switcheroo.Engine.Mapping;

/// <summary>
/// A layer entry's <c>base</c>: the runtime Linen classes a class deriving from the torch layer derives
/// from instead (<c>class Conv3DSimple(nn.Conv3d)</c>, <c>class LayerNorm2d(nn.LayerNorm)</c>; docs/maps.md,
/// "Classes deriving from layers").
/// </summary>
/// <param name="Setup">
/// the base of a subclass with a constructor of its own: no fields; its setup calls
/// <c>super().torch_layer(...)</c> with what the constructor gave <c>super().__init__(...)</c>
/// (<c>switcheroo_runtime.Conv3dBase</c>)
/// </param>
/// <param name="Fields">
/// the base of a subclass that keeps torch's constructor: torch's constructor arguments as fields
/// (<c>switcheroo_runtime.TorchConv3d</c>)
/// </param>
/// <param name="Attributes">
/// the attributes torch's layer sets (<c>weight</c>, <c>stride</c>, ...), which the base sets too, with
/// torch's values, except where the subclass has a field of the name (the subclass may then not read them)
/// </param>
/// <param name="Shadowed">
/// the attributes whose torch value the <see cref="Fields"/> class's field of the same name does not hold
/// (a convolution's <c>bias</c>: torch's parameter, the field the constructor's flag), which a subclass
/// keeping torch's constructor may then not read
/// </param>
public sealed record LayerBase(string Setup, string Fields, IReadOnlyList<string> Attributes, IReadOnlyList<string> Shadowed)
{
    /// <summary>The method of the <see cref="Setup"/> base that <c>super().__init__(...)</c> becomes.</summary>
    public const string Constructor = "torch_layer";
}
