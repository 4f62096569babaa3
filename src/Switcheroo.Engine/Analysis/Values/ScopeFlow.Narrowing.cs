using Antlr4.Runtime.Tree;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

// Narrowing by tests (Narrowing): a branch, a loop body, the code after an assert, the operands of
// 'and', 'or' and 'a if c else b' see the names the test tells about as it tells. An attribute of
// the method's self is narrowed the same way (key 'self.NAME' in the state) until something may
// assign it: an assignment or del of an attribute of that name, a rebinding of self, a call of a
// method of a class of the file or a call passed an instance of one (ForgetAttributes).
internal sealed partial class ScopeFlow
{
    public Value Under(IParseTree condition, bool outcome, Func<Value> evaluate)
    {
        var narrowed = new List<(string Name, Value? Before, Value After)>();
        foreach (var (name, after) in Narrowed(_state, condition, outcome))
        {
            narrowed.Add((name, _state.TryGet(name, out var before) || !FlowState.IsAttribute(name) ? _state[name] : null, after));
            _state[name] = after;
        }
        var value = evaluate();
        foreach (var (name, before, after) in Enumerable.Reverse(narrowed))
        {
            // A walrus in the operand may have rebound the name: that binding stands.
            if (_state.TryGet(name, out var now) && now.Equals(after))
            {
                if (before is null)
                {
                    _state.Remove(name);
                }
                else
                {
                    _state[name] = before;
                }
            }
        }
        return value;
    }

    public Value? NarrowedAttribute(PythonParser.AttributeExprContext attribute)
    {
        if (AttributeKey(_state, attribute) is not { } key || !_state.TryGet(key, out var value))
        {
            return null;
        }
        _records[attribute] = value;
        return value;
    }

    public void ForgetAttributes() => _state.ForgetAttributes(_ => true);

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

    /// <summary>
    /// The names of this scope the condition tests, with their narrowed values (only names the flow follows: not global,
    /// nonlocal or free), and the attributes of self it tests (<see cref="AttributeKey"/>).
    /// </summary>
    private IEnumerable<(string Name, Value Value)> Narrowed(FlowState state, IParseTree condition, bool outcome)
    {
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var (subject, how, test) in Narrowing.Of(condition, outcome))
        {
            string name;
            Value value;
            if (subject is PythonParser.AttributeExprContext attribute)
            {
                if (AttributeKey(state, attribute) is not { } key)
                {
                    continue;
                }
                name = key;
                value = values.TryGetValue(key, out var known) || state.TryGet(key, out known) ? known : In(state, () => _values.Of(attribute));
            }
            else
            {
                var use = (PythonParser.NameAtomContext)subject;
                name = use.GetText();
                if (_context.OwnerOf(use) != _scope || _scope.IsGlobal(name) || _scope.IsNonlocal(name))
                {
                    continue;
                }
                value = values.GetValueOrDefault(name, state[name]);
            }
            if (how != Narrowing.Refinement.IsInstance)
            {
                values[name] = Narrowing.Apply(value, how);
            }
            else if (value.Kind != ValueKind.None && InstanceValues.Of(_context, test!.Call, test.Types) is { } instance)
            {
                values[name] = instance;
            }
        }
        return values.Select(pair => (pair.Key, pair.Value));
    }

    /// <summary>An expression's value in <paramref name="state"/> (the state a test was read in, which a branch that returned has left).</summary>
    private Value In(FlowState state, Func<Value> evaluate)
    {
        var current = _state;
        _state = state;
        try
        {
            return evaluate();
        }
        finally
        {
            _state = current;
        }
    }

    /// <summary>
    /// <c>self.NAME</c> in a method, where <c>self</c> (its first parameter, by any name) still holds the instance
    /// of a class of the file in <paramref name="state"/>: its key there (<c>self.NAME</c>); null for any other attribute.
    /// </summary>
    private string? AttributeKey(FlowState state, PythonParser.AttributeExprContext attribute)
    {
        if (_scope.Node is not PythonParser.Function_defContext function || ProgramShape.ClassOf(function) is null
            || function.parameters()?.parameter() is not [var first, ..] || first.name() is not { } self
            || Binding.TargetNames.Unwrap(attribute.expr()) is not PythonParser.NameAtomContext receiver || receiver.GetText() != self.GetText()
            || _context.OwnerOf(receiver) != _scope || state[receiver.GetText()].Kind is not (ValueKind.Module or ValueKind.Instance))
        {
            return null;
        }
        return receiver.GetText() + "." + attribute.name().GetText();
    }
}
