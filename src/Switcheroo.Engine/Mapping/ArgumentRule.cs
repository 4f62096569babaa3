namespace Switcheroo.Engine.Mapping;

/// <summary>
/// How one source argument reaches the target: under a new keyword (<see cref="Keyword"/>), as the
/// target's positional argument <see cref="Position"/>, or dropped. Literal values can be
/// translated (<see cref="Values"/>, source literal text to target expression text), and a
/// <see cref="Default"/> is emitted when the call omits the argument and the target's own
/// default differs from torch's.
/// </summary>
public sealed record ArgumentRule(
    string Source,
    string? Keyword,
    int? Position,
    bool Drop,
    IReadOnlyDictionary<string, string> Values,
    string? Default)
{
    /// <summary>
    /// Other arguments this one converts beside only when each is omitted or one of the listed literals
    /// (<c>a: {only_with: {nonlinearity: ["'leaky_relu'"]}}</c>: kaiming's negative slope is torch's only for
    /// leaky_relu); another value of one of them reports the call. Empty: no condition.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> OnlyWith { get; init; } = NoConditions;

    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoConditions = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Why this argument cannot convert beside the others' values (<see cref="OnlyWith"/>; <paramref name="valueOf"/> gives an argument's text, null when omitted), or null.</summary>
    public string? Refused(Func<string, string?> valueOf)
    {
        foreach (var (other, allowed) in OnlyWith)
        {
            if (valueOf(other) is { } value && !allowed.Contains(value))
            {
                return $"'{Source}' is torch's only with {other} {string.Join(" or ", allowed)}, not {value}";
            }
        }
        return null;
    }

    public static ArgumentRule Rename(string source, string keyword) =>
        new(source, keyword, null, false, EmptyValues, null);

    internal static readonly IReadOnlyDictionary<string, string> EmptyValues = new Dictionary<string, string>();
}
