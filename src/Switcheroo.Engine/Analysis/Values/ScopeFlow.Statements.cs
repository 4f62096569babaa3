using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

// Simple statements: assignments (plain, chained, annotated, augmented), return, raise, del, imports.
internal sealed partial class ScopeFlow
{
    private void Statements(IEnumerable<PythonParser.StatementContext> statements)
    {
        foreach (var statement in statements)
        {
            if (!_state.Reachable)
            {
                // Dead code: its reads are not recorded, so questions about them fall back to the summaries.
                return;
            }
            if (statement.Compound() is { } compound)
            {
                Compound(compound);
            }
            else
            {
                foreach (var simple in statement.simple_stmt())
                {
                    Simple(simple);
                }
            }
        }
    }

    private void Block(PythonParser.BlockContext block)
    {
        if (block.SimpleLine() is { } line)
        {
            foreach (var simple in line.simple_stmt())
            {
                Simple(simple);
            }
            return;
        }
        Statements(block.statement());
    }

    private void Simple(PythonParser.Simple_stmtContext simple)
    {
        if (!_state.Reachable)
        {
            return;
        }
        switch (simple)
        {
            case PythonParser.Expression_stmtContext expression:
                Expression(expression);
                break;
            case PythonParser.Return_stmtContext returned:
                _returns = _returns.Join(returned.star_expressions() is { } value ? _values.Of(value) : Value.Unknown);
                _state = FlowState.Unreachable();
                break;
            case PythonParser.Raise_stmtContext raised:
                _values.Of(raised);
                _state = FlowState.Unreachable();
                break;
            case PythonParser.Break_stmtContext when _loops.Count > 0:
                _loops.Peek().Breaks.Add(_state);
                _state = FlowState.Unreachable();
                break;
            case PythonParser.Continue_stmtContext when _loops.Count > 0:
                _loops.Peek().Continues.Add(_state);
                _state = FlowState.Unreachable();
                break;
            case PythonParser.Del_stmtContext deleted:
                foreach (var (leaf, _) in TargetValues.Leaves(deleted.target_list(), Value.Unknown))
                {
                    if (leaf is PythonParser.NameAtomContext name)
                    {
                        _state[name.GetText()] = Value.None;
                    }
                    else
                    {
                        _values.Of(leaf);
                    }
                    ForgetAttributes();
                }
                break;
            case PythonParser.Assert_stmtContext assertion:
                var test = assertion.expression(0);
                _values.Of(test);
                if (assertion.expression(1) is { } message)
                {
                    Under(test, false, () => _values.Of(message));
                }
                _state = Refined(_state, test, true);
                break;
            case PythonParser.Import_statementContext import:
                AssignUnknown(import.import_stmt());
                break;
            case PythonParser.Type_aliasContext alias:
                Assign(alias.name().GetText(), Value.Unknown);
                break;
            case PythonParser.Global_stmtContext or PythonParser.Nonlocal_stmtContext:
                break;
            case Antlr4.Runtime.ParserRuleContext other:
                _values.Of(other);
                break;
        }
    }

    private void Expression(PythonParser.Expression_stmtContext statement)
    {
        var target = statement.star_expressions();
        var values = statement.assigned_value();
        if (statement.augassign() is { } operation)
        {
            var current = _values.Of(target);
            var operand = _values.Of(values[0]);
            bool integral = operation.GetText() is not ("/=" or "@=" or "**=");
            var result = current.IsTensor || operand.IsTensor ? Value.Tensor
                : current.Kind == ValueKind.None || operand.Kind == ValueKind.None ? Value.None
                : integral && current.Kind == ValueKind.Int && operand.Kind == ValueKind.Int ? Value.Int
                : Value.Unknown;
            AssignTarget(target, result);
            return;
        }
        if (statement.annotation() is { } annotation)
        {
            if (values.Length == 1)
            {
                var assigned = _values.Of(values[0]);
                // The declared type, as for a parameter (x: List[Tensor] = [] holds tensors however it grows); else the value.
                AssignTarget(target, ParameterValues.Annotated(_context, annotation) ?? assigned);
            }
            return;
        }
        if (values.Length == 0)
        {
            _values.Of(target);
            return;
        }
        var value = _values.Of(values[^1]);
        AssignTarget(target, value);
        foreach (var chained in values.Take(values.Length - 1))
        {
            AssignTarget(chained, value);
        }
    }
}
