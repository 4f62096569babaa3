using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Binding;

/// <summary>
/// The names a file reads and the scope each is read in, in the order <see cref="ScopeBuilder"/>
/// met them: two arrays of the exact size, filled from a list each thread reuses. Every parse
/// builds them and most are never asked (a parse without a conversion), so the map from a name to
/// its scope is made the first time one is asked. A dictionary grown name by name was about 50 MB
/// a pass over the stdlib, most of it the arrays it outgrew (docs/performance.md, "Parse, eighth round").
/// </summary>
internal sealed class NameUses
{
    private readonly NameAtomContext[] names;
    private readonly Scope[] scopes;
    private Dictionary<NameAtomContext, Scope>? byName;

    public NameUses(List<(NameAtomContext Name, Scope Scope)> uses)
    {
        names = new NameAtomContext[uses.Count];
        scopes = new Scope[uses.Count];
        for (int i = 0; i < names.Length; i++)
        {
            (names[i], scopes[i]) = uses[i];
        }
    }

    /// <summary>The names read, in the order of the walk.</summary>
    public IReadOnlyList<NameAtomContext> Names => names;

    /// <summary>The scope a name is read in; <see cref="KeyNotFoundException"/> for a node that is not a name read in this file.</summary>
    public Scope ScopeOf(NameAtomContext use)
    {
        var map = byName;
        if (map is null)
        {
            map = new Dictionary<NameAtomContext, Scope>(names.Length, ReferenceEqualityComparer.Instance);
            for (int i = 0; i < names.Length; i++)
            {
                map[names[i]] = scopes[i];
            }
            byName = map; // two threads asking at once each build the same map
        }
        return map[use];
    }
}
