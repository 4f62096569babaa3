using System.Text;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// A value as text, for the modules file the build's index writes (<see cref="ProjectFunctions.Lines"/>):
/// <c>T</c> tensor, <c>I</c> int, <c>N</c> None, <c>U</c> unknown, <c>B</c> no value, <c>{torch.optim.SGD}</c>
/// an object, <c>(T I)</c> a tuple, <c>[T]</c> a sequence, <c>?T</c> an optional value. Instances of a
/// file's classes do not cross files (<see cref="FunctionIndex"/> makes them unknown), so they have no text.
/// </summary>
internal static class ValueText
{
    public static string Write(Value value)
    {
        var text = new StringBuilder();
        Write(value, text);
        return text.ToString();
    }

    private static void Write(Value value, StringBuilder text)
    {
        switch (value.Kind)
        {
            case ValueKind.Tensor: text.Append('T'); break;
            case ValueKind.Int: text.Append('I'); break;
            case ValueKind.NoneObject: text.Append('N'); break;
            case ValueKind.None: text.Append('B'); break;
            case ValueKind.Object:
                text.Append('{').Append(value.Name).Append('}');
                if (value.Element is { } yields)
                {
                    text.Append('*');
                    Write(yields, text);
                }
                break;
            case ValueKind.Optional:
                text.Append('?');
                Write(value.Element!, text);
                break;
            case ValueKind.Sequence:
                text.Append('[');
                Write(value.Element!, text);
                text.Append(']');
                break;
            case ValueKind.Tuple:
                text.Append('(');
                for (int i = 0; i < value.Items.Count; i++)
                {
                    text.Append(i == 0 ? "" : " ");
                    Write(value.Items[i], text);
                }
                text.Append(')');
                break;
            default: text.Append('U'); break;
        }
    }

    /// <summary>Reads <see cref="Write"/>'s text; null when it is not one.</summary>
    public static Value? Read(string text)
    {
        int at = 0;
        var value = Read(text, ref at);
        return at == text.Length ? value : null;
    }

    private static Value? Read(string text, ref int at)
    {
        if (at >= text.Length)
        {
            return null;
        }
        switch (text[at++])
        {
            case 'T': return Value.Tensor;
            case 'I': return Value.Int;
            case 'N': return Value.NoneObject;
            case 'B': return Value.None;
            case 'U': return Value.Unknown;
            case '{':
                int end = text.IndexOf('}', at);
                if (end < 0)
                {
                    return null;
                }
                var name = text[at..end];
                at = end + 1;
                if (at < text.Length && text[at] == '*')
                {
                    at++;
                    return Read(text, ref at) is { } yields ? Value.Iterable(name, yields) : null;
                }
                return Value.Object(name);
            case '?':
                return Read(text, ref at) is { } some ? Value.Optional(some) : null;
            case '[':
                var element = Read(text, ref at);
                return element is not null && at < text.Length && text[at++] == ']' ? Value.Sequence(element) : null;
            case '(':
                var items = new List<Value>();
                while (at < text.Length && text[at] != ')')
                {
                    if (items.Count > 0 && text[at++] != ' ')
                    {
                        return null;
                    }
                    if (Read(text, ref at) is not { } item)
                    {
                        return null;
                    }
                    items.Add(item);
                }
                return at++ < text.Length ? Value.Tuple(items) : null;
            default:
                return null;
        }
    }
}
