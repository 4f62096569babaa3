namespace Switcheroo.Engine.Mapping;

/// <summary>Where something was written: a map file and a 1-based line and column.</summary>
public readonly record struct MapLocation(string File, int Line, int Column);

/// <summary>A qualified target name an entry emits (its <c>target</c>, a target option) and where the map writes it.</summary>
public readonly record struct TargetUse(string Name, MapLocation Location);

/// <summary>
/// One entry of a semantic map: a torch qualified name bound to exactly one of a target API with
/// argument rules (<see cref="Target"/>), a hook by name (<see cref="Hook"/>), or a deliberate
/// refusal (<see cref="Unsupported"/>, with what to use <see cref="Instead"/>).
/// </summary>
public sealed record MapEntry
{
    public required string Torch { get; init; }

    public EntryKind Kind { get; init; } = EntryKind.Function;

    /// <summary>The torch signature, in order, so positional arguments can be named.</summary>
    public IReadOnlyList<SourceParameter> Parameters { get; init; } = Array.Empty<SourceParameter>();

    /// <summary>Qualified target name (<c>jax.numpy.sum</c>); emitted with the canonical import alias.</summary>
    public string? Target { get; init; }

    /// <summary>For methods: keep a method call on the receiver, renamed to this (<c>x.reshape(...)</c>).</summary>
    public string? TargetMethod { get; init; }

    /// <summary>Source parameter name → rule. A call passing an argument with no rule is reported, not guessed.</summary>
    public IReadOnlyDictionary<string, ArgumentRule> Arguments { get; init; } = new Dictionary<string, ArgumentRule>();

    /// <summary>Keyword arguments the target always gets (name → Python expression text).</summary>
    public IReadOnlyDictionary<string, string> Add { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Classes: a layer's settings torch code reads as attributes (<c>self.norm1.eps</c>), by the field of the
    /// converted layer that holds the same value (<c>eps: epsilon</c>; <c>num_heads: num_heads</c>). A read of
    /// another attribute is reported.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string? Hook { get; init; }

    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    public string? Unsupported { get; init; }

    public string? Instead { get; init; }

    /// <summary>True when this entry deliberately replaces an entry of an earlier layer.</summary>
    public bool Override { get; init; }

    /// <summary>Methods only: the name alone identifies a tensor method (e.g. <c>unsqueeze</c>), whatever the receiver.</summary>
    public bool AnyReceiver { get; init; }

    /// <summary>The call produces a tensor, so methods called on its result are tensor methods.</summary>
    public bool ReturnsTensor { get; init; }

    /// <summary>
    /// The call produces a tensor of storage of its own (<c>returns: new_tensor</c>: torch.empty, zeros, full),
    /// which no other value shares, so an in-place method called on the call at once changes nothing
    /// another name sees and converts as an expression.
    /// </summary>
    public bool ReturnsNewTensor { get; init; }

    /// <summary>The call produces a tuple of tensors (<c>x.split(2)</c>), so its items are tensors and it is not one.</summary>
    public bool ReturnsTensors { get; init; }

    /// <summary>Classes only (<c>yields: tensors</c>): iterating an instance yields batches, each a sequence of tensors (<c>DataLoader</c>).</summary>
    public bool YieldsTensors { get; init; }

    /// <summary>
    /// Types (<c>instances</c>): what a value annotated with this type (or, for a class, built by calling it) is:
    /// a tensor (<c>torch.Tensor</c>, <c>torch.FloatTensor</c>), a device (<c>torch.device</c>), a dtype (<c>torch.dtype</c>);
    /// for classes, a torch module (<c>torch.nn.Conv2d</c>) or a parameter (<c>torch.nn.Parameter</c>).
    /// </summary>
    public EntryInstances Instances { get; init; }

    /// <summary>A value annotated with this type is a tensor (<c>instances: tensor</c>).</summary>
    public bool InstancesAreTensors => Instances == EntryInstances.Tensor;

    /// <summary>Methods only: the call returns its receiver (<c>model.to(device)</c>, <c>model.eval()</c>), so it holds what the receiver holds.</summary>
    public bool ReturnsSelf { get; init; }

    /// <summary>What the torch API does to a module using it (<c>traits</c>): train/eval, statistics, RNG streams.</summary>
    public TorchTraits Traits { get; init; }

    /// <summary>
    /// Classes only (<c>holds</c>): the torch layer classes a composite layer builds inside it, in torch's
    /// order (<c>torchvision.ops.Conv2dNormActivation</c>: Conv2d, BatchNorm2d, ReLU), those its defaults
    /// build; its arguments may choose others. Empty for a layer that holds no other module.
    /// A <c>self.modules()</c> loop reaches these, which the converted code cannot name one by one.
    /// </summary>
    public IReadOnlyList<string> Holds { get; init; } = [];

    /// <summary>
    /// Classes only (<c>base</c>): the runtime Linen classes a class deriving from this layer derives from
    /// instead, or null when such a class stays torch code (SWR3006).
    /// </summary>
    public LayerBase? Base { get; init; }

    /// <summary>Which Flax initializer argument receives each torch parameter's initialisation (<c>init</c>), by parameter name.</summary>
    public IReadOnlyDictionary<string, InitRule> Init { get; init; } = new Dictionary<string, InitRule>();

    public string? Note { get; init; }

    /// <summary>
    /// Classes only: what the class is written as where it is used as a value, not called
    /// (<c>norm_layer = nn.BatchNorm2d</c>, <c>partial(nn.LayerNorm, eps=1e-6)</c>): a template with no
    /// argument placeholders (<c>{@train}</c> allowed) giving a function with the class's constructor
    /// signature that builds what the converted call builds (<c>switcheroo_runtime.batch_norm_layer({@train})</c>).
    /// </summary>
    public string? AsValue { get; init; }

    /// <summary>
    /// Classes whose <see cref="AsValue"/> follows the train flag: the qualified name written for the class
    /// used as a value where no module's flag is at hand (a model builder's <c>norm_layer=nn.BatchNorm2d</c>),
    /// a Linen class with the class's constructor arguments and a <c>train</c> field that the module building
    /// it gives (<c>switcheroo_runtime.with_train</c>) or that follows the module around it
    /// (<c>switcheroo_runtime.TorchBatchNorm</c>).
    /// </summary>
    public string? AsUnboundValue { get; init; }

    /// <summary>
    /// Classes only: the qualified target name written where the class is an annotation
    /// (<c>-&gt; nn.Sequential</c>, <c>self.stage: nn.Sequential</c>), for a class whose conversion is a
    /// Linen module (<c>flax.linen.Module</c>); never in an <c>isinstance</c> test, where it would match any module.
    /// </summary>
    public string? AsAnnotation { get; init; }

    public MapLocation Location { get; init; }

    /// <summary>The qualified target names this entry emits, each needing an import rule for its module.</summary>
    public IReadOnlyList<TargetUse> TargetUses { get; init; } = [];

    /// <summary>The short name the binder matches methods and attributes by (<c>view</c> for <c>torch.Tensor.view</c>).</summary>
    public string MemberName => Torch[(Torch.LastIndexOf('.') + 1)..];
}
