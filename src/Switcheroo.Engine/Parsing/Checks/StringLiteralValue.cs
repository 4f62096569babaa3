using System.Globalization;
using System.Text;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The value a string or bytes literal token spells, escapes decoded; bytes come back as one char
/// per byte. <c>\N{...}</c> stays as written (its name upper-cased, as CPython matches names), since
/// .NET has no table of Unicode names. Undecodable escapes never get here: the lexer rejects them.
/// </summary>
internal static class StringLiteralValue
{
    public static string Of(string token)
    {
        int prefix = 0;
        bool raw = false, bytes = false;
        while (token[prefix] is not ('\'' or '"'))
        {
            raw |= token[prefix] is 'r' or 'R';
            bytes |= token[prefix] is 'b' or 'B';
            prefix++;
        }
        var quoted = token[prefix..];
        int quotes = quoted.Length >= 6 && quoted[1] == quoted[0] && quoted[2] == quoted[0] ? 3 : 1;
        var body = quoted[quotes..^quotes].Replace("\r\n", "\n").Replace('\r', '\n');
        return raw ? body : Decode(body, bytes);
    }

    private static string Decode(string body, bool bytes)
    {
        var value = new StringBuilder(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 >= body.Length)
            {
                value.Append(body[i]);
                continue;
            }
            char kind = body[++i];
            switch (kind)
            {
                case '\n': break;
                case '\\' or '\'' or '"': value.Append(kind); break;
                case 'a': value.Append('\a'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'v': value.Append('\v'); break;
                case >= '0' and <= '7':
                    int end = i;
                    while (end < body.Length && end < i + 3 && body[end] is >= '0' and <= '7')
                    {
                        end++;
                    }
                    value.Append((char)Convert.ToInt32(body[i..end], 8));
                    i = end - 1;
                    break;
                case 'x':
                    i = Hex(body, i, 2, value);
                    break;
                case 'u' when !bytes:
                    i = Hex(body, i, 4, value);
                    break;
                case 'U' when !bytes:
                    i = Hex(body, i, 8, value);
                    break;
                case 'N' when !bytes && body.IndexOf('}', i) is int close and > 0:
                    value.Append("\\N").Append(body[(i + 1)..(close + 1)].ToUpperInvariant());
                    i = close;
                    break;
                default:
                    value.Append('\\').Append(kind);
                    break;
            }
        }
        return value.ToString();
    }

    private static int Hex(string body, int at, int digits, StringBuilder value)
    {
        if (at + digits >= body.Length
            || !int.TryParse(body.AsSpan(at + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)
            || code > 0x10FFFF)
        {
            value.Append('\\').Append(body[at]);
            return at;
        }
        value.Append(char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code));
        return at + digits;
    }
}
