namespace Switcheroo.Engine.Emitting;

/// <summary>
/// The canonical alias of each target module (<c>jnp</c>, <c>nn</c>, ...) with fallbacks for when
/// the canonical one is taken by a name that survives the conversion.
/// </summary>
internal static class ImportAliases
{
    /// <summary>In the order the import lines are written.</summary>
    public static readonly (string Module, string[] Aliases)[] Modules =
    {
        ("functools", new[] { "functools" }),
        ("typing", new[] { "typing" }),
        ("jax", new[] { "jax", "jax_" }),
        ("jax.numpy", new[] { "jnp", "jax_numpy" }),
        ("flax.linen", new[] { "nn", "linen", "flax_nn" }),
        ("optax", new[] { "optax", "optax_" }),
        ("numpy", new[] { "np", "numpy_" }),
        ("switcheroo_runtime", new[] { "switcheroo_runtime" }),
    };

    public static string ImportLine(string module, string alias) =>
        module == alias ? $"import {module}" : $"import {module} as {alias}";

    public static int Order(string module) => Array.FindIndex(Modules, m => m.Module == module);
}
