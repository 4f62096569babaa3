namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// Emits references to target APIs (<c>jax.numpy.sum</c>) before the import aliases are known:
/// each reference is a placeholder naming its module (the longest module a map's <c>imports</c>
/// declares that prefixes the name); <see cref="Emitting.ImportEditor"/> picks the aliases (canonical ones, unless a surviving name clashes) and substitutes them at the end.
/// </summary>
public sealed class TargetReferences(Mapping.ImportTable imports)
{
    internal const char Open = '\uE000';
    internal const char Close = '\uE001';

    private readonly SortedSet<string> _modules = new(StringComparer.Ordinal);

    /// <summary>The modules referenced so far (to import).</summary>
    public IReadOnlyCollection<string> Modules => _modules;

    /// <summary>The text to emit for a qualified target name, e.g. <c>jax.numpy.sum</c> → placeholder(jax.numpy) + <c>.sum</c>.</summary>
    /// <exception cref="ArgumentException">No map imports its module (map loading reports such targets, SWR1010).</exception>
    public string Reference(string qualifiedName)
    {
        var module = imports.ModuleOf(qualifiedName)
            ?? throw new ArgumentException($"'{qualifiedName}' is not in a module any map declares an import for", nameof(qualifiedName));
        _modules.Add(module);
        return $"{Open}{module}{Close}{qualifiedName[module.Length..]}";
    }

    /// <summary>True when a map declares how to import the module of this target name.</summary>
    public bool IsEmittable(string qualifiedName) => imports.ModuleOf(qualifiedName) is not null;

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
