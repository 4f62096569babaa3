using Switcheroo.Engine.Mapping;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>Expands a <see cref="TemplateHook"/> template into text parts.</summary>
internal sealed class TemplateExpander(MapEntry entry, IReadOnlyDictionary<string, TextPart[]> values, ConversionContext context, Antlr4.Runtime.ParserRuleContext? site = null)
{
    private string? _problem;

    public List<TextPart>? Expand(string template, out string? problem)
    {
        var parts = Segment(template, optional: false);
        problem = _problem;
        return _problem is null ? parts : null;
    }

    /// <summary>Expands text; in an optional segment a missing argument drops the whole segment (returns null).</summary>
    private List<TextPart>? Segment(string template, bool optional)
    {
        var parts = new List<TextPart>();
        int i = 0;
        while (i < template.Length)
        {
            int open = template.IndexOf('{', i);
            if (open < 0)
            {
                parts.Add(context.Expression(template[i..]));
                break;
            }
            parts.Add(context.Expression(template[i..open]));
            int close = Matching(template, open);
            var inner = template[(open + 1)..close];
            if (inner.StartsWith('?'))
            {
                parts.AddRange(Segment(inner[1..], optional: true) ?? new List<TextPart>());
            }
            else if (Placeholder(inner) is { } value)
            {
                parts.AddRange(value);
            }
            else if (optional)
            {
                return null;
            }
            else
            {
                _problem ??= $"'{inner.Split(':')[0]}' is required";
            }
            i = close + 1;
        }
        return parts;
    }

    /// <summary>
    /// <c>{@train}</c> (the module's train flag) and <c>{@module}</c> (the module, for RNG streams)
    /// exist only inside a converted module class; <c>{@key}</c> is a JAX key for a random call
    /// (<see cref="RandomKeys"/>). Where there is none, the template cannot apply.
    /// </summary>
    private TextPart[]? ModuleValue(string name)
    {
        if (name == "key")
        {
            string? why = "no random key here";
            var key = site is null ? null : context.RandomKeys.KeyFor(site, out why);
            if (key is null)
            {
                _problem ??= why;
                return null;
            }
            return new TextPart[] { key };
        }
        if (site is null || context.ModuleOf(site) is null)
        {
            _problem ??= "it needs the train/eval state of a Flax module, and is not inside a converted nn.Module";
            return null;
        }
        return name switch
        {
            "train" => new TextPart[] { "self.train" },
            "module" => new TextPart[] { "self" },
            _ => throw new FormatException($"unknown template value '@{name}'"),
        };
    }

    private static int Matching(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            depth += text[i] == '{' ? 1 : text[i] == '}' ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }
        throw new FormatException($"unbalanced braces in template: {text}");
    }

    /// <summary>An argument's parts, reshaped by its form; null when the argument is absent and has no default.</summary>
    private TextPart[]? Placeholder(string inner)
    {
        if (inner.StartsWith('@'))
        {
            return ModuleValue(inner[1..]);
        }
        var pieces = inner.Split(':', 2);
        var name = pieces[0];
        TextPart[]? value = values.GetValueOrDefault(name);
        if (value is null && entry.Arguments.GetValueOrDefault(name)?.Default is { } fallback)
        {
            value = Segment(fallback, optional: false)?.ToArray();
        }
        if (value is null || pieces.Length == 1)
        {
            return value;
        }
        return pieces[1] switch
        {
            "present" => Array.Empty<TextPart>(),
            "item0" or "item1" => Item(value, pieces[1][^1] - '0'),
            _ => SizeForms.Apply(pieces[1], value, context),
        };
    }

    /// <summary>
    /// An element of a pair: the literal's own element for <c>(0.9, 0.999)</c>, else a subscript.
    /// (<c>{x:present}</c>, by contrast, renders nothing: it only makes an optional segment depend on <c>x</c>.)
    /// </summary>
    private TextPart[] Item(TextPart[] value, int index)
    {
        var text = value.Length == 1 && value[0] is TextPart.Source source
            ? string.Concat(Enumerable.Range(source.First, source.Last - source.First + 1).Select(i => context.Tree.Tokens[i].Text)).Trim()
            : null;
        if (text is not null && text.StartsWith('(') && text.EndsWith(')'))
        {
            var items = text[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (items.Length == 2 && !text[1..^1].Contains('('))
            {
                return new TextPart[] { items[index] };
            }
        }
        return value.Append($"[{index}]").ToArray();
    }
}
