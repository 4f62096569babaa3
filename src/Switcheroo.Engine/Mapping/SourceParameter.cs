namespace Switcheroo.Engine.Mapping;

/// <summary>How a torch parameter can be passed, as in Python's <c>inspect.Parameter.kind</c>.</summary>
public enum ParameterKind
{
    PositionalOrKeyword,
    KeywordOnly,
    VarPositional,
    VarKeyword,
}

/// <summary>One parameter of a torch signature, as a map entry's <c>params</c> list declares it.</summary>
public sealed record SourceParameter(string Name, ParameterKind Kind)
{
    /// <summary>Reads a <c>params</c> list: names, <c>"*"</c> before keyword-only ones, <c>"*args"</c>, <c>"**kwargs"</c>.</summary>
    public static IReadOnlyList<SourceParameter> ParseList(IEnumerable<string> items)
    {
        var result = new List<SourceParameter>();
        bool keywordOnly = false;
        foreach (var item in items)
        {
            if (item == "*")
            {
                keywordOnly = true;
            }
            else if (item.StartsWith("**", StringComparison.Ordinal))
            {
                result.Add(new SourceParameter(item[2..], ParameterKind.VarKeyword));
            }
            else if (item.StartsWith('*'))
            {
                result.Add(new SourceParameter(item[1..], ParameterKind.VarPositional));
                keywordOnly = true;
            }
            else
            {
                result.Add(new SourceParameter(item, keywordOnly ? ParameterKind.KeywordOnly : ParameterKind.PositionalOrKeyword));
            }
        }
        return result;
    }
}
