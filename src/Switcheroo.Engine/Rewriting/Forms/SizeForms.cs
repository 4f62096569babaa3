using System.Text.RegularExpressions;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// torch accepts an int or a tuple for sizes (kernel, stride, padding); Flax wants tuples, and
/// padding as (low, high) pairs. Literals are rewritten directly; other expressions get an
/// expression that decides at run time, so the result is exact either way.
/// </summary>
internal static partial class SizeForms
{
    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex IntLiteral();

    [GeneratedRegex(@"^\((.*)\)$")]
    private static partial Regex TupleLiteral();

    /// <summary>Reshapes a value; literals are decided from their source text, anything else is wrapped (its own edits kept).</summary>
    public static TextPart[] Apply(string form, TextPart[] value, ConversionContext context)
    {
        var text = string.Concat(value.Select(p => p is TextPart.Literal l ? l.Text : SourceText((TextPart.Source)p, context))).Trim();
        int n = form.Length > 0 && char.IsDigit(form[^1]) ? form[^1] - '0' : 0;
        var literal = form switch
        {
            _ when form.StartsWith("tuple", StringComparison.Ordinal) => Tuple(text, n),
            _ when form.StartsWith("pad", StringComparison.Ordinal) => Padding(text, n),
            "axes" => IntLiteral().IsMatch(text) ? "-1" : null,
            _ => throw new FormatException($"unknown size form '{form}'"),
        };
        if (literal is not null)
        {
            return new TextPart[] { literal };
        }
        var decide = form switch
        {
            _ when form.StartsWith("tuple", StringComparison.Ordinal) =>
                $"(lambda k: {Repeat("k", n)} if isinstance(k, int) else tuple(k))(",
            _ when form.StartsWith("pad", StringComparison.Ordinal) =>
                $"(lambda p: {Repeat("(p, p)", n)} if isinstance(p, int) else tuple((q, q) for q in p))(",
            _ => "(lambda s: -1 if isinstance(s, int) else tuple(range(-len(s), 0)))(",
        };
        return new TextPart[] { decide }.Concat(value).Append(")").ToArray();
    }

    private static string SourceText(TextPart.Source source, ConversionContext context) =>
        string.Concat(Enumerable.Range(source.First, source.Last - source.First + 1).Select(i => context.Tree.Tokens[i].Text));

    private static string Repeat(string item, int n) =>
        "(" + string.Join(", ", Enumerable.Repeat(item, n)) + (n == 1 ? ",)" : ")");

    private static string? Tuple(string text, int n)
    {
        if (IntLiteral().IsMatch(text))
        {
            return Repeat(text, n);
        }
        return TupleLiteral().IsMatch(text) ? text : null;
    }

    private static string? Padding(string text, int n)
    {
        if (IntLiteral().IsMatch(text))
        {
            return Repeat($"({text}, {text})", n);
        }
        if (text is "'same'" or "\"same\"")
        {
            return "'SAME'";
        }
        if (text is "'valid'" or "\"valid\"")
        {
            return "'VALID'";
        }
        if (TupleLiteral().Match(text) is { Success: true } tuple)
        {
            var items = tuple.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return "(" + string.Join(", ", items.Select(p => $"({p}, {p})")) + (items.Length == 1 ? ",)" : ")");
        }
        return null;
    }
}
