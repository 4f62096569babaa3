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
    public static ArgumentRule Rename(string source, string keyword) =>
        new(source, keyword, null, false, EmptyValues, null);

    internal static readonly IReadOnlyDictionary<string, string> EmptyValues = new Dictionary<string, string>();
}
