using System.Text;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// The syntax of a hook template (docs/maps.md, "Hooks"), checked once when the maps load:
/// balanced braces, <c>{name}</c> and <c>{name:form}</c> placeholders naming a parameter and a
/// known form, <c>{@train}</c>/<c>{@module}</c>/<c>{@key}</c>, and <c>{?...}</c> segments. It also
/// fills every placeholder with a sample name, with each combination of optional segments, so the
/// text can be checked as Python before any file is converted.
/// </summary>
internal sealed class TemplateSyntax
{
    /// <summary>The forms <c>{name:form}</c> may use (Rewriting/Forms/SizeForms and Rewriting/Hooks/TemplateExpander implement them).</summary>
    public static readonly IReadOnlyList<string> Forms = ["tuple1", "tuple2", "tuple3", "pad1", "pad2", "pad3", "axes", "item0", "item1", "present"];

    public static readonly IReadOnlyList<string> ModuleValues = ["train", "module", "key"];

    /// <summary>Beyond this many optional arguments only "all given" and "none given" are tried.</summary>
    private const int MaxOptionalArguments = 6;

    private const string Sample = "_v";

    internal abstract record Part;

    internal sealed record Literal(string Text) : Part;

    /// <summary>
    /// A placeholder: <see cref="Name"/> and its <see cref="Form"/>, or <see cref="Value"/> for
    /// <c>{@...}</c> values, which are always there; <c>{name:present}</c> renders nothing
    /// (<see cref="Renders"/> false). <see cref="Index"/> numbers the placeholders in text order.
    /// </summary>
    internal sealed record Placeholder(string? Name, string? Form, string? Value, int Index) : Part
    {
        public bool Renders => Form != "present";
    }

    internal sealed record Optional(IReadOnlyList<Part> Parts) : Part;

    private readonly IReadOnlyList<Part> _parts;

    private TemplateSyntax(IReadOnlyList<Part> parts) => _parts = parts;

    /// <summary>The template as parsed: literal text, placeholders and optional segments.</summary>
    internal IReadOnlyList<Part> Parts => _parts;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TemplateSyntax> Parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// A template the maps already checked (TextChecks), parsed once per process for expansion.
    /// </summary>
    /// <exception cref="FormatException">The text is not a well-formed template.</exception>
    internal static TemplateSyntax Of(string template) => Parsed.GetOrAdd(template, text =>
        Parse(text, _ => true, out var problem) ?? throw new FormatException($"{problem}: {text}"));

    /// <summary>
    /// The text with placeholder <c>i</c> written as the name <c>_v{i}</c>, once for each
    /// combination of kept and dropped optional segments (beyond six segments: all kept, none
    /// kept, and each dropped alone): the Python trees of the template, in which each
    /// placeholder's place is found.
    /// </summary>
    internal IEnumerable<string> IndexedFillings()
    {
        int count = CountOptionals(_parts);
        var masks = count <= MaxOptionalArguments
            ? Enumerable.Range(0, 1 << count).Select(m => (Func<int, bool>)(i => (m & (1 << i)) != 0))
            : new Func<int, bool>[] { _ => true, _ => false }.Concat(Enumerable.Range(0, count).Select(d => (Func<int, bool>)(i => i != d)));
        foreach (var keep in masks)
        {
            var text = new StringBuilder();
            int next = 0;
            void Write(IReadOnlyList<Part> parts)
            {
                foreach (var part in parts)
                {
                    switch (part)
                    {
                        case Literal literal:
                            text.Append(literal.Text);
                            break;
                        case Placeholder { Renders: true } placeholder:
                            text.Append(IndexedName(placeholder.Index));
                            break;
                        case Optional optional:
                            int index = next++;
                            int skipped = CountOptionals(optional.Parts);
                            if (keep(index))
                            {
                                Write(optional.Parts);
                            }
                            else
                            {
                                next += skipped;
                            }
                            break;
                    }
                }
            }
            Write(_parts);
            yield return text.ToString();
        }
    }

    private static int CountOptionals(IReadOnlyList<Part> parts) =>
        parts.OfType<Optional>().Sum(o => 1 + CountOptionals(o.Parts));

    internal static string IndexedName(int index) => $"_v{index}";

    /// <summary>Parses a template; <paramref name="problem"/> says what is wrong when the result is null.</summary>
    public static TemplateSyntax? Parse(string template, Func<string, bool> isName, out string? problem)
    {
        int i = 0;
        var counter = new int[1];
        var parts = ParseParts(template, ref i, isName, counter, out problem);
        if (problem is null && i < template.Length)
        {
            problem = $"unbalanced braces: '}}' at offset {i} closes nothing";
        }
        return problem is null ? new TemplateSyntax(parts) : null;
    }

    /// <summary>Parts up to an unmatched '}' or the end.</summary>
    private static List<Part> ParseParts(string text, ref int i, Func<string, bool> isName, int[] counter, out string? problem)
    {
        problem = null;
        var parts = new List<Part>();
        var literal = new StringBuilder();
        while (i < text.Length && text[i] != '}')
        {
            if (text[i] != '{')
            {
                literal.Append(text[i++]);
                continue;
            }
            parts.Add(new Literal(literal.ToString()));
            literal.Clear();
            int open = i++;
            var part = i < text.Length && text[i] == '?' ? OptionalPart(text, ref i, isName, counter, out problem) : PlaceholderPart(text, ref i, isName, counter, out problem);
            if (problem is not null)
            {
                return parts;
            }
            if (i >= text.Length)
            {
                problem = $"unbalanced braces: '{{' at offset {open} is never closed";
                return parts;
            }
            i++;
            parts.Add(part!);
        }
        parts.Add(new Literal(literal.ToString()));
        return parts;
    }

    private static Part? OptionalPart(string text, ref int i, Func<string, bool> isName, int[] counter, out string? problem)
    {
        i++;
        return new Optional(ParseParts(text, ref i, isName, counter, out problem));
    }

    private static Part? PlaceholderPart(string text, ref int i, Func<string, bool> isName, int[] counter, out string? problem)
    {
        problem = null;
        int close = text.IndexOfAny(['{', '}'], i);
        if (close < 0)
        {
            problem = $"unbalanced braces: '{{' at offset {i - 1} is never closed";
            return null;
        }
        if (text[close] == '{')
        {
            problem = $"unbalanced braces: '{{' inside the placeholder at offset {i - 1}";
            return null;
        }
        var inner = text[i..close];
        i = close;
        if (inner.StartsWith('@'))
        {
            problem = ModuleValues.Contains(inner[1..]) ? null
                : $"unknown template value '{{{inner}}}' (known: {string.Join(", ", ModuleValues.Select(v => "{@" + v + "}"))})";
            return new Placeholder(null, null, inner[1..], counter[0]++);
        }
        var pieces = inner.Split(':', 2);
        if (!isName(pieces[0]))
        {
            problem = $"'{{{inner}}}' names no parameter of this entry";
        }
        else if (pieces.Length == 2 && !Forms.Contains(pieces[1]))
        {
            problem = $"unknown size form '{pieces[1]}' in '{{{inner}}}' (known: {string.Join(", ", Forms)})";
        }
        return new Placeholder(pieces[0], pieces.Length == 2 ? pieces[1] : null, null, counter[0]++);
    }

    /// <summary>
    /// The text with every placeholder given a sample value, once for each combination of the
    /// optional arguments (an argument in <paramref name="alwaysGiven"/> is never absent).
    /// </summary>
    public IEnumerable<string> Samples(Func<string, bool> alwaysGiven)
    {
        var required = _parts.OfType<Placeholder>().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var optional = OptionalNames(_parts, inside: false)
            .Where(n => !alwaysGiven(n) && !required.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        var combinations = optional.Count <= MaxOptionalArguments
            ? Enumerable.Range(0, 1 << optional.Count)
            : [0, (1 << MaxOptionalArguments) - 1];
        foreach (var mask in combinations)
        {
            var absent = optional.Where((name, bit) => bit < MaxOptionalArguments ? (mask & (1 << bit)) == 0 : mask == 0).ToHashSet(StringComparer.Ordinal);
            var text = new StringBuilder();
            Fill(_parts, absent, text);
            yield return text.ToString();
        }
    }

    private static IEnumerable<string> OptionalNames(IReadOnlyList<Part> parts, bool inside) => parts.SelectMany(part => part switch
    {
        Placeholder { Name: { } name } when inside => [name],
        Optional optional => OptionalNames(optional.Parts, inside: true),
        _ => Enumerable.Empty<string>(),
    });

    /// <summary>Writes the parts; false when an optional segment must be dropped (one of its arguments absent).</summary>
    private static bool Fill(IReadOnlyList<Part> parts, HashSet<string> absent, StringBuilder text)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case Literal literal:
                    text.Append(literal.Text);
                    break;
                case Placeholder { Name: { } name } when absent.Contains(name):
                    return false;
                case Placeholder { Renders: true }:
                    text.Append(Sample);
                    break;
                case Optional optional:
                    var segment = new StringBuilder();
                    if (Fill(optional.Parts, absent, segment))
                    {
                        text.Append(segment);
                    }
                    break;
            }
        }
        return true;
    }
}
