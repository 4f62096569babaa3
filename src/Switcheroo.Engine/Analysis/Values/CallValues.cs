using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// The values a call passes: positional, by keyword, and whether it spreads (<c>*args</c>, <c>**kw</c>),
/// which hides what reaches each parameter. <see cref="Bind"/> gives each parameter of the called
/// function what this call passes it (its default's value where the call leaves it out).
/// </summary>
internal sealed record CallValues(List<Value> Positional, Dictionary<string, Value> Keywords, bool Spread)
{
    public IEnumerable<(PythonParser.ParameterContext Parameter, Value Value)> Bind(PythonParser.Function_defContext function, bool skipSelf)
    {
        var parameters = (function.parameters()?.parameter() ?? []).Where(p => p.SLASH() is null).Skip(skipSelf ? 1 : 0).ToList();
        int next = 0;
        bool keywordOnly = false;
        foreach (var parameter in parameters)
        {
            Value value;
            if (parameter.STAR() is not null || parameter.DOUBLESTAR() is not null)
            {
                keywordOnly |= parameter.STAR() is not null;
                value = Value.Unknown;
            }
            else if (Spread)
            {
                value = Value.Unknown;
            }
            else if (!keywordOnly && next < Positional.Count)
            {
                value = Positional[next++];
            }
            else if (Keywords.TryGetValue(parameter.name().GetText(), out var keyword))
            {
                value = keyword;
            }
            else
            {
                value = parameter.expression() is not { } fallback ? Value.Unknown
                    : ExpressionValues.IntLiteral(fallback) is not null ? Value.Int
                    : ParameterValues.IsNone(fallback) ? Value.NoneObject
                    : Value.Unknown;
            }
            yield return (parameter, value);
        }
    }

    public bool Equals(CallValues? other) =>
        other is not null && Spread == other.Spread && Positional.SequenceEqual(other.Positional)
        && Keywords.Count == other.Keywords.Count && Keywords.All(k => other.Keywords.TryGetValue(k.Key, out var v) && v.Equals(k.Value));

    public override int GetHashCode() => HashCode.Combine(Spread, Positional.Count, Keywords.Count);
}
