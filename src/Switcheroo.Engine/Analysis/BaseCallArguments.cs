using System.Text.RegularExpressions;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// What a subclass's call of its base's constructor gives one of the base's fields: the child's own
/// argument of that name, unchanged (<see cref="Own"/>); a value fixed where the class is written
/// (<see cref="Value"/>: <c>mode='nearest'</c>, <c>num_chunks=4</c>); or nothing, so the base's default
/// (both null). With <see cref="Transform"/>, the child passes a local it computes from its own argument of
/// the field's name alone (<c>kernel_size_ = _single(kernel_size)</c>): the base's field holds
/// <see cref="Transform"/>, an expression of that argument, where torch's does.
/// </summary>
internal sealed record BaseArgument(FieldSignature Field, PythonParser.ParameterContext? Own, PythonParser.ExpressionContext? Value)
{
    /// <summary>The value of the local the child passes for the field, computed from its own argument of that name (<see cref="FieldTransform"/>).</summary>
    public PythonParser.ExpressionContext? Transform { get; init; }
}

/// <summary>
/// Matches the arguments of a subclass's base constructor call to the base's fields, as Python binds
/// them: positional ones in the order of the base's torch constructor (<see cref="FieldSignature.PositionalInTorch"/>), keywords by name, and a <c>**name</c> whose name the
/// constructor binds once to a dict display of string keys and reads only unpacked
/// (<c>factory_kwargs = {'device': device, 'dtype': dtype}</c>, torch's own layers) as its items.
/// Null, with a reason, when a field gets another argument of the child's, a value the child computes,
/// or nothing while it has no default.
/// </summary>
internal static partial class BaseCallArguments
{
    public static IReadOnlyList<BaseArgument>? Of(IReadOnlyList<PythonParser.ArgumentContext> arguments, IReadOnlyList<FieldSignature> inherited,
        IReadOnlyList<PythonParser.ParameterContext> parameters, PythonParser.Function_defContext init, SemanticModel model,
        Func<PythonParser.ExpressionContext, string?> fixedProblem, out string? problem)
    {
        problem = null;
        var positional = FieldSignature.PositionalInTorch(inherited);
        var given = new Dictionary<string, (PythonParser.ExpressionContext Value, string Written)>(StringComparer.Ordinal);
        int index = 0;
        foreach (var (name, value, written) in Items(arguments, init, model))
        {
            var field = name is null ? (index < positional.Count ? positional[index++].Name : null) : inherited.FirstOrDefault(f => f.Name == name)?.Name;
            if (value is null || field is null || !given.TryAdd(field, (value, written)))
            {
                problem = $"it passes '{written}' to the base's constructor, which "
                    + (value is null ? "unpacks values this analysis does not know" : field is null ? "is none of its fields" : "gives a field twice");
                return null;
            }
        }
        var named = parameters.Where(p => p.name() is not null && p.STAR() is null && p.DOUBLESTAR() is null).ToDictionary(p => p.name().GetText(), StringComparer.Ordinal);
        var result = new List<BaseArgument>();
        foreach (var field in inherited)
        {
            if (!given.TryGetValue(field.Name, out var argument))
            {
                if (field.Default is null || named.ContainsKey(field.Name))
                {
                    problem = named.ContainsKey(field.Name)
                        ? $"it takes '{field.Name}' but does not pass it on as the base's '{field.Name}', which its Flax field would be"
                        : $"it passes no '{field.Name}', which has no default";
                    return null;
                }
                result.Add(new BaseArgument(field, null, null));
                continue;
            }
            var own = SyntaxShapes.AtomOf(argument.Value) is PythonParser.NameAtomContext atom && named.TryGetValue(atom.GetText(), out var parameter) ? parameter : null;
            if (own is not null && own.name().GetText() == field.Name)
            {
                // torch's ConvTranspose2d: kernel_size = _pair(kernel_size) before super().__init__(..., kernel_size, ...).
                result.Add(Rebound(argument.Value, own, init, model) is { } rebound
                    ? new BaseArgument(field, own, null) { Transform = rebound }
                    : new BaseArgument(field, own, null));
                continue;
            }
            if (named.TryGetValue(field.Name, out var same) && Transformed(argument.Value, same, init, model) is { } transform)
            {
                result.Add(new BaseArgument(field, same, null) { Transform = transform });
                continue;
            }
            if (named.ContainsKey(field.Name) || own is not null || fixedProblem(argument.Value) is { } why)
            {
                problem = $"it passes '{argument.Written}' to the base's '{field.Name}', not its own argument of that name unchanged"
                    + (named.ContainsKey(field.Name) ? $", nor a local computed from that argument alone, assigned once before the call and read by the call alone"
                        : own is not null ? "" : $", nor a value a field default can hold ({fixedProblem(argument.Value)})");
                return null;
            }
            result.Add(new BaseArgument(field, null, argument.Value));
        }
        return result;
    }

    /// <summary>
    /// The value of <c>name</c> when the argument is a local the constructor binds once, in a plain assignment of its
    /// own block before the base call and reads nowhere else, to a value that
    /// reads the constructor's argument <paramref name="parameter"/> and otherwise only names bound outside the
    /// constructor (<c>kernel_size_ = _single(kernel_size)</c>, <c>padding_ = padding if isinstance(padding, str) else
    /// _single(padding)</c>), without functions or comprehensions of its own: an expression of that one field.
    /// </summary>
    private static PythonParser.ExpressionContext? Transformed(PythonParser.ExpressionContext argument, PythonParser.ParameterContext parameter,
        PythonParser.Function_defContext init, SemanticModel model)
    {
        var scope = model.ScopeOpenedBy(init);
        if (SyntaxShapes.AtomOf(argument) is not PythonParser.NameAtomContext local || scope?.Lookup(local.GetText()) is not [{ Kind: BindingKind.Local } binding]
            || AssignedOnce(binding, local.GetText(), argument, init) is not ({ } assignment, { } value))
        {
            return null;
        }
        if (ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block()).Any(n => n.GetText() == local.GetText()
            && n.Start.TokenIndex >= assignment.assigned_value()[0].Start.TokenIndex && (n.Start.TokenIndex < argument.Start.TokenIndex || n.Stop.TokenIndex > argument.Stop.TokenIndex)))
        {
            // Read elsewhere too: its statement stays in setup, and its value cannot also be the property's.
            return null;
        }
        var reads = ParseTrees.Descendants<PythonParser.NameAtomContext>(value).ToList();
        return reads.Any(n => n.GetText() == parameter.name().GetText())
            && reads.All(n => n.GetText() == parameter.name().GetText() ? scope.Lookup(n.GetText()) is [{ Site: var site }] && site == parameter : scope.Lookup(n.GetText()) is null)
                ? value : null;
    }

    /// <summary>
    /// The plain assignment <c>NAME = value</c> that <paramref name="binding"/> is, a statement of the constructor's own
    /// block before <paramref name="argument"/>, with one value and no lambda or comprehension in it; else null.
    /// </summary>
    private static (PythonParser.Expression_stmtContext Assignment, PythonParser.ExpressionContext Value)? AssignedOnce(NameBinding binding, string name,
        PythonParser.ExpressionContext argument, PythonParser.Function_defContext init)
    {
        if (binding.Site is not PythonParser.Expression_stmtContext assignment || assignment.annotation() is not null
            || assignment.assigned_value() is not [{ } assigned] || assignment.star_expressions().GetText() != name
            || SyntaxShapes.Enclosing<PythonParser.StatementContext>(assignment)?.Parent != init.block()
            || assignment.Stop.TokenIndex >= argument.Start.TokenIndex
            || assigned.star_expressions() is not { } values || values.COMMA().Length > 0 || values.expression() is not [{ } value]
            || ParseTrees.Descendants<PythonParser.LambdefContext>(value).Any() || ParseTrees.Descendants<PythonParser.ComprehensionContext>(value).Any())
        {
            return null;
        }
        return (assignment, value);
    }

    /// <summary>
    /// The value the constructor gives its argument <paramref name="parameter"/> when it rebinds it once, in a plain
    /// assignment of its own block before the base call, to a value computed from the argument alone
    /// (<c>kernel_size = _pair(kernel_size)</c>, torch's <c>ConvTranspose2d</c>), and reads the name nowhere else but in
    /// that value and as the call's argument: then it passes the base that value, as a local of its own would
    /// (<see cref="Transformed"/>). Null otherwise (the argument is passed unchanged, or rebound otherwise).
    /// </summary>
    private static PythonParser.ExpressionContext? Rebound(PythonParser.ExpressionContext argument, PythonParser.ParameterContext parameter,
        PythonParser.Function_defContext init, SemanticModel model)
    {
        var scope = model.ScopeOpenedBy(init);
        var name = parameter.name().GetText();
        if (scope?.Lookup(name) is not { Count: 2 } bindings || bindings.FirstOrDefault(b => b.Site != parameter) is not { Kind: BindingKind.Local } binding
            || AssignedOnce(binding, name, argument, init) is not ({ } assignment, { } value))
        {
            return null;
        }
        bool Inside(ParserRuleContext node, ParserRuleContext outer) => node.Start.TokenIndex >= outer.Start.TokenIndex && node.Stop.TokenIndex <= outer.Stop.TokenIndex;
        var target = assignment.star_expressions();
        if (ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block()).Any(n => n.GetText() == name
            && !Inside(n, value) && !Inside(n, argument) && !Inside(n, target)))
        {
            // Read elsewhere too: before the assignment it is the argument, after it torch's value.
            return null;
        }
        var reads = ParseTrees.Descendants<PythonParser.NameAtomContext>(value).ToList();
        return reads.Any(n => n.GetText() == name) && reads.All(n => n.GetText() == name || scope.Lookup(n.GetText()) is null) ? value : null;
    }

    /// <summary>The call's arguments as (keyword or null for positional, value, text for messages); a <c>**name</c> of a known dict gives its items, any other unpacking a null value.</summary>
    private static IEnumerable<(string? Name, PythonParser.ExpressionContext? Value, string Written)> Items(IReadOnlyList<PythonParser.ArgumentContext> arguments,
        PythonParser.Function_defContext init, SemanticModel model)
    {
        foreach (var argument in arguments)
        {
            switch (argument)
            {
                case PythonParser.PositionalArgumentContext { } positional when positional.comprehension() is null && positional.NamedExpression() is PythonParser.ExpressionContext value:
                    yield return (null, value, positional.GetText());
                    break;
                case PythonParser.KeywordArgumentContext keyword:
                    yield return (keyword.name().GetText(), keyword.expression(), keyword.GetText());
                    break;
                case PythonParser.DoubleStarArgumentContext { } spread when KnownDict(spread, init, model) is { } items:
                    foreach (var item in items)
                    {
                        yield return item;
                    }
                    break;
                default:
                    yield return (null, null, argument.GetText());
                    break;
            }
        }
    }

    /// <summary>
    /// The items of <c>**name</c> when the constructor binds the name once, in a statement of its own block,
    /// to a dict display whose keys are identifiers in quotes, and reads it nowhere but unpacked
    /// (<c>**name</c>) in calls: then it stands for those keywords wherever it is unpacked.
    /// </summary>
    private static List<(string? Name, PythonParser.ExpressionContext? Value, string Written)>? KnownDict(PythonParser.DoubleStarArgumentContext spread,
        PythonParser.Function_defContext init, SemanticModel model)
    {
        if (SyntaxShapes.AtomOf(spread.expression()) is not PythonParser.NameAtomContext name
            || model.ScopeOpenedBy(init)?.Lookup(name.GetText()) is not [_]
            || ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block()).Where(n => n.GetText() == name.GetText()).ToList() is not { } uses)
        {
            return null;
        }
        PythonParser.Dict_or_setContext? display = null;
        foreach (var use in uses)
        {
            if (SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(use) is { } statement && statement.assigned_value() is [{ } value]
                && statement.star_expressions().GetText() == name.GetText() && use.Stop.TokenIndex < value.Start.TokenIndex
                && SyntaxShapes.Enclosing<PythonParser.StatementContext>(statement)?.Parent == init.block()
                && SyntaxShapes.AtomOf(value) is PythonParser.DictOrSetAtomContext { } dict && dict.dict_or_set() is { } content && display is null)
            {
                display = content;
                continue;
            }
            if (SyntaxShapes.Enclosing<PythonParser.DoubleStarArgumentContext>(use) is not { } unpacked || SyntaxShapes.AtomOf(unpacked.expression()) != use)
            {
                return null;
            }
        }
        return display is null ? null : Entries(display);
    }

    /// <summary>The entries of a dict display as keywords, or null when one is not <c>'identifier': value</c>.</summary>
    private static List<(string? Name, PythonParser.ExpressionContext? Value, string Written)>? Entries(PythonParser.Dict_or_setContext display)
    {
        if (display.NamedExpression() is not PythonParser.ExpressionContext firstKey || display.Value() is not { } firstValue || display.dict_tail() is not { } tail
            || tail.comprehension() is not null)
        {
            return null;
        }
        var pairs = new List<(PythonParser.ExpressionContext Key, PythonParser.ExpressionContext Value)> { (firstKey, firstValue) };
        foreach (var item in tail.dict_item())
        {
            if (item.expression() is not [{ } key, { } value])
            {
                return null;
            }
            pairs.Add((key, value));
        }
        var entries = new List<(string?, PythonParser.ExpressionContext?, string)>();
        foreach (var (key, value) in pairs)
        {
            if (SyntaxShapes.AtomOf(key) is not PythonParser.StringAtomContext text || QuotedIdentifier().Match(text.GetText()) is not { Success: true } match)
            {
                return null;
            }
            var keyword = match.Groups[1].Value;
            entries.Add((keyword, value, $"{keyword}={value.GetText()}"));
        }
        return entries;
    }

    [GeneratedRegex("^[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']$")]
    private static partial Regex QuotedIdentifier();
}
