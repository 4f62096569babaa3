using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Forms;
using Switcheroo.Engine.Rewriting.Syntax;
using Part = Switcheroo.Engine.Mapping.TemplateSyntax.Part;
using Placeholder = Switcheroo.Engine.Mapping.TemplateSyntax.Placeholder;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// Expands a <see cref="TemplateHook"/> template into text parts, walking the template as parsed
/// (<see cref="TemplateSyntax"/>): each value is written where its placeholder stands in the
/// template's Python tree, parenthesised when it binds looser than that place allows
/// (<see cref="TemplateSlots"/>), and size forms are built as syntax (<see cref="SizeForms"/>),
/// so a filled template always parses and means what the template says.
/// </summary>
internal sealed class TemplateExpander(MapEntry entry, IReadOnlyDictionary<string, TextPart[]> values, ConversionContext context, Antlr4.Runtime.ParserRuleContext? site = null)
{
    private string? _problem;

    public List<TextPart>? Expand(string template, out string? problem)
    {
        var syntax = TemplateSyntax.Of(template);
        var parts = Segment(syntax.Parts, TemplateSlots.Of(template, syntax), optional: false);
        problem = _problem;
        return _problem is null ? parts : null;
    }

    /// <summary>
    /// True when the template writes a value twice that is computed (a call, an operation), so
    /// writing it twice would compute it twice: the entry's <c>fallback</c> template is used instead.
    /// </summary>
    public static bool RepeatsComputedValue(string template, MapEntry entry, IReadOnlyDictionary<string, TextPart[]> values, ConversionContext context)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        // an optional segment whose argument is neither given nor defaulted is not written (max_pool2d's ceil_mode_input)
        bool Written(string name) => values.ContainsKey(name) || entry.Arguments.GetValueOrDefault(name)?.Default is not null;
        IEnumerable<string> Names(IReadOnlyList<Part> parts) => parts.SelectMany(part => part switch
        {
            Placeholder { Name: { } name } => [name],
            TemplateSyntax.Optional inner => Names(inner.Parts),
            _ => Enumerable.Empty<string>(),
        });
        void Count(IReadOnlyList<Part> parts)
        {
            foreach (var part in parts)
            {
                if (part is Placeholder { Name: { } name, Renders: true })
                {
                    counts[name] = counts.GetValueOrDefault(name) + 1;
                }
                else if (part is TemplateSyntax.Optional optional && Names(optional.Parts).All(Written))
                {
                    Count(optional.Parts);
                }
            }
        }
        Count(TemplateSyntax.Of(template).Parts);
        return counts.Any(c => c.Value > 1 && values.TryGetValue(c.Key, out var value) && !PlainValue.Is(value, context));
    }

    /// <summary>Expands parts; in an optional segment a missing argument, or a form giving its neutral value, drops the whole segment (returns null).</summary>
    private List<TextPart>? Segment(IReadOnlyList<Part> template, IReadOnlyDictionary<int, int> slots, bool optional)
    {
        var parts = new List<TextPart>();
        foreach (var part in template)
        {
            switch (part)
            {
                case TemplateSyntax.Literal { Text.Length: > 0 } literal:
                    parts.Add(context.Expression(literal.Text));
                    break;
                case TemplateSyntax.Optional inner:
                    parts.AddRange(Segment(inner.Parts, slots, optional: true) ?? []);
                    break;
                case Placeholder placeholder:
                    var (node, neutral) = Placeholder(placeholder);
                    if (node is null && optional)
                    {
                        return null;
                    }
                    if (node is null)
                    {
                        _problem ??= placeholder.Value is null ? $"'{placeholder.Name}' is required" : null;
                        break;
                    }
                    if (neutral && optional)
                    {
                        return null;
                    }
                    parts.AddRange(PyPrinter.Print(node, slots.GetValueOrDefault(placeholder.Index, PyPrecedence.Any)));
                    break;
            }
        }
        return parts;
    }

    /// <summary>
    /// <c>{@train}</c> (the module's train flag; a layer helper's <c>train</c> parameter) and
    /// <c>{@module}</c> (the module, for RNG streams) exist only inside a converted module class; <c>{@key}</c> is a JAX key for a random call
    /// (<see cref="RandomKeys"/>). Where there is none, the template cannot apply.
    /// </summary>
    private Py? ModuleValue(string name)
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
            return new PySource([key], PyPrecedence.Primary);
        }
        if (name == "train" && site is not null && context.TrainFlag(site) is { } train)
        {
            return Py.Named(train);
        }
        if (site is null || context.ModuleWithSelf(site) is null)
        {
            _problem ??= name == "train"
                ? "it needs the train/eval state of a Flax module, and is not inside a converted nn.Module or a function only its constructor calls"
                : "it needs a Flax module's RNG streams, and is not inside a converted nn.Module: write the call in a method of the "
                    + "module class whose code calls this function (it then draws from that module's stream), or give the function "
                    + "that module and draw the random numbers from its module.make_rng(...)";
            return null;
        }
        return name switch
        {
            "module" => Py.Named("self"),
            _ => throw new FormatException($"unknown template value '@{name}'"),
        };
    }

    /// <summary>An argument's value as syntax, reshaped by its form; null when the argument is absent and has no default.</summary>
    private (Py? Node, bool Neutral) Placeholder(Placeholder placeholder)
    {
        if (placeholder.Value is { } moduleValue)
        {
            return (ModuleValue(moduleValue), false);
        }
        var name = placeholder.Name!;
        TextPart[]? value = values.GetValueOrDefault(name);
        if (value is null && entry.Arguments.GetValueOrDefault(name)?.Default is { } fallback)
        {
            var syntax = TemplateSyntax.Of(fallback);
            value = Segment(syntax.Parts, TemplateSlots.Of(fallback, syntax), optional: false)?.ToArray();
        }
        if (value is null)
        {
            return (null, false);
        }
        // an argument written equal to torch's default (params: [bias=True]) drops its optional segment,
        // whose absence the template gives torch's default meaning
        bool isDefault = IsTorchDefault(entry, name, value, context);
        switch (placeholder.Form)
        {
            case null:
                return (SourceValue.Of(value, context).Node, isDefault);
            case "present":
                return (new PySource([], PyPrecedence.Atom), isDefault);
            case "item0" or "item1":
                return (Item(value, placeholder.Form[^1] - '0'), false);
            default:
                var result = SizeForms.Apply(placeholder.Form, value, context);
                return (result.Node, result.Neutral || isDefault);
        }
    }

    /// <summary>The value is a literal equal to the default the entry's <c>params</c> give torch's parameter.</summary>
    internal static bool IsTorchDefault(MapEntry entry, string name, TextPart[] value, ConversionContext context)
    {
        if (entry.Parameters.FirstOrDefault(p => p.Name == name)?.Default is not { } torchDefault || value.Length != 1 || value[0] is not TextPart.Source source)
        {
            return false;
        }
        var text = context.Text(source).Trim();
        if (text == torchDefault)
        {
            return true;
        }
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return decimal.TryParse(text.Replace("_", ""), System.Globalization.NumberStyles.Float, invariant, out var written)
            && decimal.TryParse(torchDefault, System.Globalization.NumberStyles.Float, invariant, out var declared)
            && written == declared && text.Contains('.') == torchDefault.Contains('.');
    }

    /// <summary>
    /// An element of a pair: the display's own element for <c>(0.9, 0.999)</c>, else a subscript.
    /// (<c>{x:present}</c>, by contrast, renders nothing: it only makes an optional segment depend on <c>x</c>.)
    /// </summary>
    private Py Item(TextPart[] value, int index) => SourceValue.Of(value, context) switch
    {
        SourceValue.Sequence { Items.Count: 2 } pair => pair.Items[index].Node,
        var other => new PySubscript(other.Node, PyLiteral.Int(index)),
    };
}
