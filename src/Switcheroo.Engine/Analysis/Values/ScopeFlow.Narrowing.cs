using Antlr4.Runtime.Tree;

namespace Switcheroo.Engine.Analysis.Values;

// Narrowing by tests (Narrowing): a branch, a loop body, the code after an assert, the operands of
// 'and', 'or' and 'a if c else b' see the names the test tells about as it tells.
internal sealed partial class ScopeFlow
{
    public Value Under(IParseTree condition, bool outcome, Func<Value> evaluate)
    {
        var narrowed = new List<(string Name, Value Before, Value After)>();
        foreach (var (name, after) in Narrowed(_state, condition, outcome))
        {
            narrowed.Add((name, _state[name], after));
            _state[name] = after;
        }
        var value = evaluate();
        foreach (var (name, before, after) in Enumerable.Reverse(narrowed))
        {
            // A walrus in the operand may have rebound the name: that binding stands.
            if (_state[name].Equals(after))
            {
                _state[name] = before;
            }
        }
        return value;
    }

    /// <summary>A copy of <paramref name="state"/> where <paramref name="condition"/> had <paramref name="outcome"/>.</summary>
    private FlowState Refined(FlowState state, IParseTree condition, bool outcome)
    {
        var refined = state.Clone();
        foreach (var (name, value) in Narrowed(state, condition, outcome))
        {
            refined[name] = value;
        }
        return refined;
    }

    /// <summary>The names of this scope the condition tests, with their narrowed values (only names the flow follows: not global, nonlocal or free).</summary>
    private IEnumerable<(string Name, Value Value)> Narrowed(FlowState state, IParseTree condition, bool outcome)
    {
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var (use, how) in Narrowing.Of(condition, outcome))
        {
            var name = use.GetText();
            if (_context.OwnerOf(use) == _scope && !_scope.IsGlobal(name) && !_scope.IsNonlocal(name))
            {
                values[name] = Narrowing.Apply(values.GetValueOrDefault(name, state[name]), how);
            }
        }
        return values.Select(pair => (pair.Key, pair.Value));
    }
}
