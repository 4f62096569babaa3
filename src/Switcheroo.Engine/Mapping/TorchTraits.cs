namespace Switcheroo.Engine.Mapping;

/// <summary>
/// What a torch API does to the module that uses it, as a map entry declares it under <c>traits</c>
/// (docs/maps.md, "Traits"): the facts that decide a converted module's <c>train</c> field, the
/// variable collections applying it mutates and the RNG streams it draws from. The vocabulary is
/// closed because each value is a mechanism the engine implements (the training step threads
/// <c>batch_stats</c> and seeds the <c>dropout</c> and <c>noise</c> streams); which torch names
/// have which traits is data.
/// </summary>
[Flags]
public enum TorchTraits
{
    None = 0,

    /// <summary><c>train_dependent: true</c>: behaves differently in training and evaluation.</summary>
    TrainDependent = 1,

    /// <summary><c>collections: [batch_stats]</c>: updates running statistics when applied in training.</summary>
    BatchStats = 2,

    /// <summary><c>rng: [dropout]</c>: draws dropout masks from the <c>dropout</c> RNG stream.</summary>
    DropoutRng = 4,

    /// <summary><c>rng: [noise]</c>: draws random numbers from the <c>noise</c> RNG stream (outside a constructor).</summary>
    NoiseRng = 8,

    /// <summary>
    /// <c>stateless: true</c>: an object of the class holds no parameters or buffers (its torch
    /// <c>state_dict</c> is empty, its Flax form no variables), so no checkpoint key follows the
    /// attribute it is assigned to, and a converted class may rename that attribute.
    /// </summary>
    Stateless = 16,
}
