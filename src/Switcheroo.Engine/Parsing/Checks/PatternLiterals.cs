using System.Globalization;
using System.Numerics;
using System.Text;
using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The value of a literal pattern, as far as CPython's duplicate-key check needs it: a key equal
/// for equal Python values (<c>1</c>, <c>1.0</c>, <c>True</c>; <c>'a'</c>, <c>"a"</c>, <c>'\x61'</c>)
/// and CPython's repr of the value for the message. f-strings have no value here (CPython rejects
/// them in patterns anyway), nor do numbers too large for a double; both come back null.
/// </summary>
internal static class PatternLiterals
{
    public static (string Key, string Repr)? Value(Literal_patternContext literal)
    {
        if (literal.NONE() is not null)
        {
            return ("None", "None");
        }
        if (literal.TRUE() is not null || literal.FALSE() is not null)
        {
            bool value = literal.TRUE() is not null;
            return ("i:" + (value ? "1" : "0"), value ? "True" : "False");
        }
        if (literal.strings() is { } strings)
        {
            return Text(strings);
        }
        return Number(literal);
    }

    private static (string, string)? Number(Literal_patternContext literal)
    {
        var signed = literal.signed_number();
        if (Parse(signed.NUMBER().GetText()) is not var (real, imaginary, integer))
        {
            return null;
        }
        if (signed.MINUS() is not null)
        {
            (real, imaginary, integer) = (-real, -imaginary, -integer);
        }
        if (literal.NUMBER() is { } second)
        {
            if (Parse(second.GetText()) is not var (_, part, _))
            {
                return null;
            }
            imaginary += literal.MINUS() is not null ? -part : part;
            integer = null;
        }
        if (imaginary != 0)
        {
            return ($"c:{Repr(real)},{Repr(imaginary)}", real == 0
                ? $"{Part(imaginary)}j"
                : $"({Part(real)}{(imaginary < 0 ? "-" : "+")}{Part(Math.Abs(imaginary))}j)");
        }
        if (integer is { } whole)
        {
            return ("i:" + whole.ToString(CultureInfo.InvariantCulture), whole.ToString(CultureInfo.InvariantCulture));
        }
        var key = double.IsFinite(real) && Math.Floor(real) == real ? "i:" + new BigInteger(real).ToString(CultureInfo.InvariantCulture) : "f:" + Repr(real);
        return (key, Repr(real));
    }

    /// <summary>A NUMBER token: its real part, imaginary part, and exact value when it is an integer.</summary>
    private static (double Real, double Imaginary, BigInteger? Integer)? Parse(string token)
    {
        var text = token.Replace("_", string.Empty).ToLowerInvariant();
        if (text.EndsWith('j'))
        {
            return double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var imaginary)
                ? (0, imaginary, null) : null;
        }
        BigInteger? integer = text.Length > 1 && text[0] == '0' && text[1] is 'x' or 'o' or 'b'
            ? Radix(text[2..], text[1] switch { 'x' => 16, 'o' => 8, _ => 2 })
            : text.All(char.IsAsciiDigit) ? BigInteger.Parse(text, CultureInfo.InvariantCulture) : null;
        if (integer is { } value)
        {
            return ((double)value, 0, value);
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? (real, 0, null) : null;
    }

    private static BigInteger Radix(string digits, int radix)
    {
        var value = BigInteger.Zero;
        foreach (char c in digits)
        {
            value = (value * radix) + Convert.ToInt32(c.ToString(), 16);
        }
        return value;
    }

    /// <summary>Python's repr of a float: shortest round trip, '.0' on whole numbers, exponents as 1e+16.</summary>
    private static string Repr(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E'))
        {
            return text.Replace("E", "e");
        }
        return double.IsFinite(value) && !text.Contains('.') ? text + ".0" : text;
    }

    /// <summary>A part of a complex number's repr: whole numbers without '.0' (<c>(1+2j)</c>).</summary>
    private static string Part(double value)
    {
        var text = Repr(value);
        return text.EndsWith(".0", StringComparison.Ordinal) ? text[..^2] : text;
    }

    private static (string, string)? Text(StringsContext strings)
    {
        var value = new StringBuilder();
        bool bytes = false;
        foreach (var part in strings.children)
        {
            if (part is not ITerminalNode literal)
            {
                return null;
            }
            bytes = StringLiterals.IsBytes(literal.Symbol);
            value.Append(StringLiteralValue.Of(literal.Symbol.Text));
        }
        var text = value.ToString();
        return ((bytes ? "b:" : "s:") + text, (bytes ? "b" : string.Empty) + Quote(text, bytes));
    }

    /// <summary>Python's repr of str or bytes contents, for the common characters.</summary>
    private static string Quote(string text, bool bytes)
    {
        char quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder().Append(quote);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ when c < 0x20 || c == 0x7f || (bytes && c > 0x7f) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return builder.Append(quote).ToString();
    }
}
