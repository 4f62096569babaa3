using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// The facts that cross function boundaries, each the join of everything that flowed into it so
/// far: what a name of a scope is ever bound to (its summary, read from inner functions), what
/// a closed function's parameter receives from its call sites, what a function returns, what a
/// class's methods assign to <c>self.NAME</c>. They only grow; a pass over the file that grows
/// none of them is the fixpoint. Each fact carries the time it last changed, and the facts a scope's
/// flow read are collected while it runs (<see cref="Reading"/>), so a pass can skip a scope none
/// of whose facts changed since it last ran (<see cref="ChangedSince"/>): it would read the same
/// values and join nothing new.
/// </summary>
internal sealed class ProgramFacts
{
    private readonly Dictionary<object, Value> _values = new();
    private readonly Dictionary<object, int> _changedAt = new();
    private HashSet<object>? _reads;

    /// <summary>A count of the changes so far: a fact changed after a time when its change count is greater.</summary>
    public int Time { get; private set; }

    /// <summary>Whether a join since the last <see cref="StartPass"/> changed a fact.</summary>
    public bool Changed { get; private set; }

    /// <summary>When set, a fact that would change goes straight to unknown, so the passes end.</summary>
    public bool Widening { get; set; }

    public void StartPass() => Changed = false;

    public Value Summary(Scope scope, string name) => Get(new SummaryKey(scope, name));

    public void JoinSummary(Scope scope, string name, Value value) => Join(new SummaryKey(scope, name), value);

    public Value Parameter(PythonParser.ParameterContext parameter) => Get(parameter);

    public void JoinParameter(PythonParser.ParameterContext parameter, Value value) => Join(parameter, value);

    public Value Returns(PythonParser.Function_defContext function) => Get(function);

    public void JoinReturns(PythonParser.Function_defContext function, Value value) => Join(function, value);

    public Value Attribute(PythonParser.Class_defContext cls, string name) => Get(new AttributeKey(cls, name));

    public void JoinAttribute(PythonParser.Class_defContext cls, string name, Value value) => Join(new AttributeKey(cls, name), value);

    /// <summary>Collects into <paramref name="reads"/> every fact read from now on (null: stops collecting).</summary>
    public void Reading(HashSet<object>? reads) => _reads = reads;

    /// <summary>Whether one of <paramref name="keys"/> changed after <paramref name="time"/>.</summary>
    public bool ChangedSince(HashSet<object> keys, int time)
    {
        foreach (var key in keys)
        {
            if (_changedAt.TryGetValue(key, out var at) && at > time)
            {
                return true;
            }
        }
        return false;
    }

    private Value Get(object key)
    {
        _reads?.Add(key);
        return _values.GetValueOrDefault(key, Value.None);
    }

    private void Join(object key, Value value)
    {
        // A join reads the fact only to grow it: what the joining scope computes does not depend on it.
        var old = _values.GetValueOrDefault(key, Value.None);
        var joined = old.Join(value);
        if (!joined.Equals(old))
        {
            _values[key] = Widening ? Value.Unknown : joined;
            _changedAt[key] = ++Time;
            Changed = true;
        }
    }

    private sealed record SummaryKey(Scope Scope, string Name);

    private sealed record AttributeKey(PythonParser.Class_defContext Class, string Name);
}
