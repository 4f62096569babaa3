namespace Switcheroo.Engine.Mapping;

/// <summary>How a torch parameter can be passed, as in Python's <c>inspect.Parameter.kind</c>.</summary>
public enum ParameterKind
{
    PositionalOrKeyword,
    KeywordOnly,
    VarPositional,
    VarKeyword,
}

/// <summary>
/// One parameter of a torch signature, as a map entry's <c>params</c> list declares it; with
/// torch's default (<c>bias=True</c>) when the entry gives it, so that an argument written equal to
/// it is left out where the template can leave it out (an optional segment).
/// </summary>
public sealed record SourceParameter(string Name, ParameterKind Kind, string? Default = null)
{
    /// <summary>Reads a <c>params</c> list: names (<c>name=default</c> with torch's default), <c>"*"</c> before keyword-only ones, <c>"*args"</c>, <c>"**kwargs"</c>.</summary>
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
                int equals = item.IndexOf('=');
                var name = equals < 0 ? item : item[..equals].Trim();
                var value = equals < 0 ? null : item[(equals + 1)..].Trim();
                result.Add(new SourceParameter(name, keywordOnly ? ParameterKind.KeywordOnly : ParameterKind.PositionalOrKeyword, value));
            }
        }
        return result;
    }
}
