using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

// Compound statements: definitions, branches joined, loops to their fixpoint, with, try, match.
internal sealed partial class ScopeFlow
{
    private void Compound(Antlr4.Runtime.ParserRuleContext compound)
    {
        switch (compound)
        {
            case PythonParser.DecoratedContext decorated:
                foreach (var decorator in decorated.decorator())
                {
                    _values.Of(decorator.NamedExpression());
                }
                Definition(decorated.function_def(), decorated.class_def());
                break;
            case PythonParser.Function_defContext function:
                Definition(function, null);
                break;
            case PythonParser.Class_defContext cls:
                Definition(null, cls);
                break;
            case PythonParser.If_stmtContext branch:
                If(branch);
                break;
            case PythonParser.While_stmtContext loop:
                Loop(() => _values.Of(loop.NamedExpression()), exitFirst: false, loop.block(), loop.else_block(), loop.NamedExpression());
                break;
            case PythonParser.For_stmtContext loop:
                var items = _values.Of(loop.star_expressions()).Iterate();
                Loop(() => AssignTarget(loop.target_list(), items), exitFirst: true, loop.block(), loop.else_block());
                break;
            case PythonParser.With_stmtContext with:
                foreach (var item in with.with_item())
                {
                    _values.Of(item.expression());
                    if (item.star_target() is { } target)
                    {
                        AssignTarget(target, Value.Unknown);
                    }
                }
                Block(with.block());
                break;
            case PythonParser.Try_stmtContext attempt:
                Try(attempt);
                break;
            case PythonParser.Match_stmtContext match:
                Match(match);
                break;
        }
    }

    /// <summary>A def or class statement: defaults, annotations and bases are read here; the body is a scope of its own.</summary>
    private void Definition(PythonParser.Function_defContext? function, PythonParser.Class_defContext? cls)
    {
        if (function is not null)
        {
            foreach (var parameter in function.parameters()?.parameter() ?? [])
            {
                if (parameter.expression() is { } fallback)
                {
                    _values.Of(fallback);
                }
            }
            Assign(function.name().GetText(), Value.Unknown);
        }
        if (cls is not null)
        {
            if (cls.arguments() is { } bases)
            {
                _values.Of(bases);
            }
            Assign(cls.name().GetText(), Value.Unknown);
        }
    }

    private void If(PythonParser.If_stmtContext branch)
    {
        var exits = new List<FlowState>();
        var conditions = new List<(Antlr4.Runtime.ParserRuleContext Condition, PythonParser.BlockContext Block)> { (branch.NamedExpression(), branch.block()) };
        conditions.AddRange(branch.elif_block().Select(e => (e.NamedExpression(), e.block())));
        foreach (var (condition, block) in conditions)
        {
            _values.Of(condition);
            var otherwise = _state;
            _state = Refined(otherwise, condition, true);
            Block(block);
            exits.Add(_state);
            _state = Refined(otherwise, condition, false);
        }
        if (branch.else_block() is { } orElse)
        {
            Block(orElse.block());
        }
        _state = exits.Aggregate(_state, (a, b) => a.Join(b));
    }

    /// <summary>
    /// A loop: <paramref name="enter"/> (the condition, or binding the next item) and the body run
    /// from the loop head until the head stops changing; the loop leaves where the condition fails
    /// or the items run out (<paramref name="exitFirst"/>: before binding), through its else block,
    /// joined with every break. A while loop's <paramref name="condition"/> narrows the body (true) and the exit (false).
    /// </summary>
    private void Loop(Action enter, bool exitFirst, PythonParser.BlockContext body, PythonParser.Else_blockContext? orElse, Antlr4.Runtime.ParserRuleContext? condition = null)
    {
        var head = _state.Clone();
        for (int round = 0; ; round++)
        {
            var exits = new LoopExits();
            _loops.Push(exits);
            _state = head.Clone();
            var normal = exitFirst ? _state.Clone() : null;
            enter();
            if (condition is not null)
            {
                normal = Refined(_state, condition, false);
                _state = Refined(_state, condition, true);
            }
            normal ??= _state.Clone();
            Block(body);
            _loops.Pop();
            var next = exits.Continues.Aggregate(head.Join(_state), (a, b) => a.Join(b));
            if (round >= RoundsBeforeWidening)
            {
                next = head.Widen(next);
            }
            if (next.SameAs(head))
            {
                _state = normal;
                if (orElse is not null)
                {
                    Block(orElse.block());
                }
                _state = exits.Breaks.Aggregate(_state, (a, b) => a.Join(b));
                return;
            }
            head = next;
        }
    }

    /// <summary>
    /// A handler may start after any statement of the try block, so it starts from the entry state
    /// joined with every value the block assigns; finally from all of these.
    /// </summary>
    private void Try(PythonParser.Try_stmtContext attempt)
    {
        var entry = _state.Clone();
        var assigned = new Dictionary<string, Value>(StringComparer.Ordinal);
        _tries.Add(assigned);
        Block(attempt.block());
        _tries.Remove(assigned);
        var handlerEntry = entry.JoinAssigned(assigned);
        if (attempt.else_block() is { } orElse)
        {
            Block(orElse.block());
        }
        var exits = new List<FlowState> { _state };
        var handlers = attempt.except_block().Select(h => ((PythonParser.ExpressionContext?)h.expression(), (PythonParser.NameContext?)h.name(), h.block()))
            .Concat(attempt.except_star_block().Select(h => ((PythonParser.ExpressionContext?)h.expression(), (PythonParser.NameContext?)h.name(), h.block())));
        foreach (var (type, name, block) in handlers)
        {
            _state = handlerEntry.Clone();
            if (type is not null)
            {
                _values.Of(type);
            }
            if (name is not null)
            {
                Assign(name.GetText(), Value.Unknown);
            }
            Block(block);
            exits.Add(_state);
        }
        _state = exits.Aggregate(FlowState.Unreachable(), (a, b) => a.Join(b));
        if (attempt.finally_block() is { } cleanup)
        {
            _state = _state.Join(handlerEntry);
            Block(cleanup.block());
        }
    }

    private void Match(PythonParser.Match_stmtContext match)
    {
        _values.Of(match.subject_expr());
        var otherwise = _state;
        var exits = new List<FlowState> { otherwise };
        foreach (var @case in match.case_block())
        {
            _state = otherwise.Clone();
            AssignUnknown(@case.patterns());
            if (@case.guard() is { } guard)
            {
                _values.Of(guard.NamedExpression());
            }
            Block(@case.block());
            exits.Add(_state);
        }
        _state = exits.Aggregate(FlowState.Unreachable(), (a, b) => a.Join(b));
    }
}
