using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// The value of an expression from the values of the names it reads: arithmetic, comparisons,
/// subscripts and slices of tensors are tensors, a tuple display is a tuple of its items'
/// values, a comprehension a sequence, <c>a if c else b</c> the join of both. Every
/// sub-expression is visited, so in the flow every name read is recorded.
/// </summary>
internal sealed partial class ExpressionValues(AnalysisContext context, IValueScope scope)
{
    private readonly Dictionary<Scope, Dictionary<string, Value>> _comprehensions = new(ReferenceEqualityComparer.Instance);

    public Value Of(IParseTree node)
    {
        var unwrapped = TargetNames.Unwrap(node);
        switch (unwrapped)
        {
            case PythonParser.NameAtomContext name:
                return Name(name);
            case ITerminalNode { Parent: PythonParser.NumberAtomContext } number:
                return IntLiteral(number) is not null ? Value.Int : Value.Unknown;
            case ITerminalNode { Symbol.Type: PythonLexer.NONE }:
                return Value.NoneObject;
            case PythonParser.ParenAtomContext paren:
                return Paren(paren);
            case PythonParser.ListAtomContext list:
                return list.comprehension() is { } listed
                    ? Comprehension(list, listed, () => Of(list.FirstItem()!))
                    : Value.Sequence(list.Items() is { Count: > 0 } items ? TupleOf(items).Iterate() : Value.None);
            case PythonParser.Dict_or_setContext set when (set.dict_tail()?.comprehension() ?? set.set_tail()?.comprehension()) is { } comprehension:
                Comprehension(set, comprehension, () =>
                {
                    VisitChildren(set, except: comprehension);
                    return Value.Unknown;
                });
                return Value.Unknown;
            case PythonParser.CallExprContext call:
                return Call(call);
            case PythonParser.AttributeExprContext attribute:
                return Attribute(attribute);
            case PythonParser.SubscriptExprContext subscript:
                return Subscript(subscript);
            case PythonParser.BinaryExprContext binary:
                return Arithmetic(binary.expr().Select(Of).ToList(), binary.op.Text is "+" or "-" or "*" or "//" or "%" or "<<" or ">>" or "&" or "|" or "^");
            case PythonParser.UnaryExprContext unary:
                return Arithmetic([Of(unary.expr())], integral: true);
            case PythonParser.PowerExprContext power:
                return Arithmetic(power.expr().Select(Of).ToList(), integral: false);
            case PythonParser.ComparisonContext comparison:
                var compared = comparison.expr().Select(Of).ToList();
                return comparison.comp_op().Length == 1 && comparison.comp_op(0).GetText() is "==" or "!=" or "<" or "<=" or ">" or ">="
                    ? Arithmetic(compared, integral: false) is { Kind: ValueKind.Tensor or ValueKind.None } elementwise ? elementwise : Value.Unknown
                    : Value.Unknown;
            case PythonParser.ConditionalContext conditional:
                var test = conditional.expression(1);
                Of(test);
                return scope.Under(test, true, () => Of(conditional.expression(0)))
                    .Join(scope.Under(test, false, () => Of(conditional.expression(2))));
            case PythonParser.Assignment_expressionContext walrus:
                var assigned = Of(walrus.expression());
                scope.Bind(null, walrus.name().GetText(), assigned);
                return assigned;
            case PythonParser.DisjunctionContext or PythonParser.ConjunctionContext:
                // 'a or b' is one of its operands; each is read where the ones before it were false (or: true, for 'and').
                var operands = ((ParserRuleContext)unwrapped).children.OfType<ParserRuleContext>().ToList();
                return Operands(operands, 0, outcome: unwrapped is PythonParser.ConjunctionContext);
            case PythonParser.Star_expressionsContext or PythonParser.Star_named_expressionsContext:
                return TupleOf(((ParserRuleContext)unwrapped).children.OfType<ParserRuleContext>());
            case PythonParser.LambdefContext:
                // Its body runs later, with whatever its free names hold then: not part of this flow.
                return Value.Unknown;
            case ParserRuleContext other:
                VisitChildren(other, except: null);
                return Value.Unknown;
            default:
                return Value.Unknown;
        }
    }

    private Value Name(PythonParser.NameAtomContext name)
    {
        var owner = context.OwnerOf(name);
        var value = owner is not null && _comprehensions.TryGetValue(owner, out var variables)
            ? variables.GetValueOrDefault(name.GetText(), Value.None)
            : context.IsImport(name) ? Value.Unknown : scope.Read(name, owner);
        if (scope.Flowing)
        {
            scope.Record(name, value);
        }
        return value;
    }

    /// <summary>The join of <paramref name="operands"/> from <paramref name="first"/>, each read where the ones before it had <paramref name="outcome"/>.</summary>
    private Value Operands(IReadOnlyList<ParserRuleContext> operands, int first, bool outcome)
    {
        var value = Of(operands[first]);
        return first + 1 == operands.Count ? value
            : value.Join(scope.Under(operands[first], outcome, () => Operands(operands, first + 1, outcome)));
    }

    /// <summary>A tuple of the items' values; a starred item (<c>(*a, b)</c>) makes it a sequence of unknown length.</summary>
    private Value TupleOf(IEnumerable<IParseTree> items)
    {
        var values = new List<Value>();
        bool starred = false;
        foreach (var item in items)
        {
            if (TargetNames.Unwrap(item) is ParserRuleContext spread && spread is PythonParser.Star_named_expressionContext or PythonParser.Star_expressionContext
                && spread.GetChild(0) is ITerminalNode { Symbol.Text: "*" })
            {
                starred = true;
                values.Add(Of(spread.GetRuleContext<PythonParser.ExprContext>(0)).Iterate());
                continue;
            }
            values.Add(Of(item));
        }
        return starred ? Value.Sequence(values.Aggregate(Value.None, (a, b) => a.Join(b))) : Value.Tuple(values);
    }

    private Value Paren(PythonParser.ParenAtomContext paren)
    {
        if (paren.comprehension() is { } comprehension)
        {
            return Comprehension(paren, comprehension, () => Of(paren.FirstItem()!));
        }
        if (paren.FirstItem() is not { } first)
        {
            VisitChildren(paren, except: null);
            return paren.yield_expr() is null ? Value.Tuple([]) : Value.Unknown;
        }
        if (paren.COMMA() is null)
        {
            return Of(first);
        }
        return TupleOf(paren.Items());
    }

    private Value Subscript(PythonParser.SubscriptExprContext subscript)
    {
        var receiver = Of(subscript.expr());
        var slices = subscript.slices().slice();
        VisitChildren(subscript.slices(), except: null);
        if (slices.Length != 1 && receiver.Kind != ValueKind.Tensor)
        {
            return receiver.Kind == ValueKind.None ? Value.None : Value.Unknown;
        }
        bool isSlice = slices.Any(s => s.COLON().Length > 0);
        int? index = slices.Length == 1 && slices[0].NamedExpression() is { } only ? IntLiteral(only) : null;
        return receiver.Index(index, isSlice);
    }

    /// <summary>Arithmetic on a tensor is a tensor; on ints (with an integral operator), an int.</summary>
    private static Value Arithmetic(IReadOnlyList<Value> operands, bool integral)
    {
        if (operands.Any(o => o.IsTensor))
        {
            return Value.Tensor;
        }
        if (operands.Any(o => o.Kind == ValueKind.None))
        {
            return Value.None;
        }
        return integral && operands.All(o => o.Kind == ValueKind.Int) ? Value.Int : Value.Unknown;
    }

    /// <summary>A comprehension: its first iterable is read outside, its variables bound in its own scope for each item.</summary>
    private Value Comprehension(ParserRuleContext owner, PythonParser.ComprehensionContext comprehension, Func<Value> element)
    {
        var clauses = comprehension.comp_for();
        var first = Of(clauses[0].expression(0));
        var own = context.Model.ScopeOpenedBy(owner);
        var variables = new Dictionary<string, Value>(StringComparer.Ordinal);
        if (own is not null)
        {
            _comprehensions[own] = variables;
        }
        for (int i = 0; i < clauses.Length; i++)
        {
            var iterable = i == 0 ? first : Of(clauses[i].expression(0));
            foreach (var (target, value) in TargetValues.Leaves(clauses[i].target_list(), iterable.Iterate()))
            {
                if (target is PythonParser.NameAtomContext name)
                {
                    variables[name.GetText()] = value;
                    if (own is not null)
                    {
                        scope.Bind(own, name.GetText(), value);
                    }
                }
                Of(target);
            }
            foreach (var condition in clauses[i].expression().Skip(1))
            {
                Of(condition);
            }
        }
        var item = element();
        if (own is not null)
        {
            _comprehensions.Remove(own);
        }
        return Value.Sequence(item);
    }

    private void VisitChildren(ParserRuleContext node, IParseTree? except)
    {
        foreach (var child in node.children?.OfType<ParserRuleContext>() ?? [])
        {
            if (child != except)
            {
                Of(child);
            }
        }
    }

    /// <summary>The value of an int literal (<c>3</c>, <c>-1</c>), or null.</summary>
    public static int? IntLiteral(IParseTree node)
    {
        var unwrapped = TargetNames.Unwrap(node);
        if (unwrapped is PythonParser.UnaryExprContext negative && negative.op.Text == "-")
        {
            return -IntLiteral(negative.expr());
        }
        return unwrapped is ITerminalNode { Parent: PythonParser.NumberAtomContext } number
            && int.TryParse(number.GetText().Replace("_", ""), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }
}
