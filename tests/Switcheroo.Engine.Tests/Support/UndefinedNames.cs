using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Support;

/// <summary>
/// Names a converted file reads that nothing binds: not in the file (import, assignment, def, parameter,
/// ...) nor among Python's builtins, and not already unbound in its source (torch code reading a name
/// only a star import or <c>globals()</c> provides stays as it was). A conversion that writes a name it
/// does not import (<c>jnp</c> without <c>import jax.numpy as jnp</c>) shows here, as Python would show it
/// only when the line runs.
/// </summary>
public static class UndefinedNames
{
    private static readonly Lazy<HashSet<string>> Builtins = new(() =>
        Python.Run("import builtins\nprint(' '.join(dir(builtins)))").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal));

    /// <summary>The unbound names of <paramref name="output"/> that <paramref name="source"/> does not read unbound too, each once, in order.</summary>
    public static IReadOnlyList<string> In(string output, byte[] source)
    {
        var before = Unbound(PythonSyntax.Parse("source.py", source)).Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        return Unbound(PythonSyntax.Parse(SourceText.FromString(output, "converted.py")))
            .Where(u => !before.Contains(u.Name))
            .DistinctBy(u => u.Name)
            .Select(u => $"{u.Name} (line {u.Line})")
            .ToList();
    }

    private static IEnumerable<(string Name, int Line)> Unbound(SyntaxTree tree)
    {
        if (tree.Root is null)
        {
            yield break;
        }
        var model = SemanticModel.Build(tree);
        foreach (var use in model.Uses)
        {
            var name = use.GetText();
            if (!Builtins.Value.Contains(name) && name != "__file__" && name != "__name__" && model.Resolve(use).Resolution == Resolution.Unbound)
            {
                yield return (name, use.Start.Line);
            }
        }
    }
}
