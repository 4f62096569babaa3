namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// What a <c>jax.Array</c> answers as an attribute (jax's <c>_array_methods</c>, <c>_array_properties</c>
/// and <c>ArrayImpl</c>): a torch tensor method of another name is not there. Left out on purpose:
/// <c>size</c> (an int on a JAX array, so <c>x.size()</c> fails) and <c>view</c> (only
/// <c>view(dtype)</c>, never torch's <c>view(*shape)</c>), whose torch calls fail on any receiver.
/// </summary>
internal static class JaxArrayMembers
{
    /// <summary>Torch's calling form of these fails on a JAX array whatever the arguments.</summary>
    public static readonly IReadOnlySet<string> CalledAsTorch = new HashSet<string>(StringComparer.Ordinal) { "size", "view" };

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "all", "any", "argmax", "argmin", "argpartition", "argsort", "astype", "at", "block_until_ready", "choose",
        "clip", "compress", "conj", "conjugate", "copy", "copy_to_host_async", "cumprod", "cumsum", "delete", "device",
        "devices", "diagonal", "dot", "dtype", "flat", "flatten", "imag", "is_deleted", "is_fully_addressable",
        "is_fully_replicated", "item", "itemsize", "max", "mean", "min", "nbytes", "ndim", "nonzero", "prod", "ptp",
        "ravel", "real", "repeat", "reshape", "round", "searchsorted", "shape", "sharding", "sort", "squeeze", "std",
        "sum", "swapaxes", "take", "to_device", "tobytes", "tolist", "trace", "transpose", "var", "T", "mT",
        "addressable_data", "addressable_shards", "global_shards", "on_device_size_in_bytes", "unsafe_buffer_pointer",
    };
}
