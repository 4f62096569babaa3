namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// The values of a scope's names at one program point, or no state at all after a
/// <c>return</c>, <c>raise</c>, <c>break</c> or <c>continue</c> (unreachable: joined away). An
/// attribute a test narrowed (<c>self.downsample is not None</c>) is held under <c>self.downsample</c>
/// (a dot is never in a name) while the narrowing holds: a join keeps it only where both states
/// hold it, since where it is absent the attribute is what its class's assignments make it.
/// </summary>
internal sealed class FlowState
{
    private readonly Dictionary<string, Value> _names;

    private FlowState(Dictionary<string, Value> names, bool reachable)
    {
        _names = names;
        Reachable = reachable;
    }

    public static FlowState Entry() => new(new(StringComparer.Ordinal), true);

    public static FlowState Unreachable() => new(new(StringComparer.Ordinal), false);

    public bool Reachable { get; }

    public Value this[string name]
    {
        get => _names.GetValueOrDefault(name, Value.None);
        set => _names[name] = value;
    }

    /// <summary>A narrowed attribute's value (<see cref="IsAttribute"/>), when this state holds one.</summary>
    public bool TryGet(string key, out Value value) => _names.TryGetValue(key, out value!);

    public void Remove(string key) => _names.Remove(key);

    /// <summary>Forgets the narrowed attributes whose key <paramref name="which"/> picks.</summary>
    public void ForgetAttributes(Func<string, bool> which)
    {
        foreach (var key in _names.Keys.Where(k => IsAttribute(k) && which(k)).ToList())
        {
            _names.Remove(key);
        }
    }

    public static bool IsAttribute(string key) => key.Contains('.');

    public FlowState Clone() => new(new Dictionary<string, Value>(_names, StringComparer.Ordinal), Reachable);

    public FlowState Join(FlowState other)
    {
        if (!other.Reachable)
        {
            return Clone();
        }
        if (!Reachable)
        {
            return other.Clone();
        }
        var joined = new Dictionary<string, Value>(_names, StringComparer.Ordinal);
        foreach (var (name, value) in other._names)
        {
            if (!IsAttribute(name) || _names.ContainsKey(name))
            {
                joined[name] = this[name].Join(value);
            }
        }
        foreach (var name in _names.Keys.Where(k => IsAttribute(k) && !other._names.ContainsKey(k)))
        {
            joined.Remove(name);
        }
        return new FlowState(joined, true);
    }

    /// <summary>This state with every value <paramref name="assigned"/> somewhere joined in (the state an exception handler may start from).</summary>
    public FlowState JoinAssigned(IReadOnlyDictionary<string, Value> assigned)
    {
        var joined = Clone();
        foreach (var (name, value) in assigned)
        {
            joined[name] = joined[name].Join(value);
        }
        return joined;
    }

    /// <summary>Names whose value still changes after many rounds of a loop become unknown, so the loop's fixpoint is reached.</summary>
    public FlowState Widen(FlowState next)
    {
        var widened = next.Clone();
        foreach (var (name, value) in next._names)
        {
            if (!value.Equals(this[name]))
            {
                widened[name] = Value.Unknown;
            }
        }
        return widened;
    }

    public bool SameAs(FlowState other) =>
        Reachable == other.Reachable && _names.Count == other._names.Count
        && _names.All(pair => other._names.TryGetValue(pair.Key, out var value) && value.Equals(pair.Value));
}
