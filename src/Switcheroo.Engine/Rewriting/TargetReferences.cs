namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// Emits references to target APIs (<c>jax.numpy.sum</c>) before the import aliases are known:
/// each reference is a placeholder naming its module; <see cref="Emitting.ImportEditor"/> picks
/// the aliases (canonical ones, unless a surviving name clashes) and substitutes them at the end.
/// </summary>
public sealed class TargetReferences
{
    internal const char Open = '\uE000';
    internal const char Close = '\uE001';

    /// <summary>Modules imported under an alias; anything else under <c>jax.</c> is reached through <c>import jax</c>.</summary>
    private static readonly string[] AliasedModules = { "jax.numpy", "flax.linen", "optax", "numpy", "switcheroo_runtime", "functools", "typing", "jax" };

    private readonly SortedSet<string> _modules = new(StringComparer.Ordinal);

    /// <summary>The modules referenced so far (to import).</summary>
    public IReadOnlyCollection<string> Modules => _modules;

    /// <summary>The text to emit for a qualified target name, e.g. <c>jax.numpy.sum</c> → placeholder(jax.numpy) + <c>.sum</c>.</summary>
    public string Reference(string qualifiedName)
    {
        foreach (var module in AliasedModules)
        {
            if (qualifiedName == module)
            {
                _modules.Add(module);
                return $"{Open}{module}{Close}";
            }
            if (qualifiedName.StartsWith(module + ".", StringComparison.Ordinal))
            {
                _modules.Add(module);
                return $"{Open}{module}{Close}{qualifiedName[module.Length..]}";
            }
        }
        throw new ArgumentException($"'{qualifiedName}' is not in a module Switcheroo emits (jax, flax.linen, optax, numpy)", nameof(qualifiedName));
    }

    /// <summary>True when Switcheroo knows how to import the module of this target name.</summary>
    public static bool IsEmittable(string qualifiedName) =>
        AliasedModules.Any(m => qualifiedName == m || qualifiedName.StartsWith(m + ".", StringComparison.Ordinal));

    /// <summary>Replaces every placeholder with the alias chosen for its module.</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> aliases)
    {
        if (text.IndexOf(Open) < 0)
        {
            return text;
        }
        var builder = new System.Text.StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int open = text.IndexOf(Open, i);
            if (open < 0)
            {
                builder.Append(text, i, text.Length - i);
                break;
            }
            int close = text.IndexOf(Close, open);
            builder.Append(text, i, open - i).Append(aliases[text[(open + 1)..close]]);
            i = close + 1;
        }
        return builder.ToString();
    }
}
