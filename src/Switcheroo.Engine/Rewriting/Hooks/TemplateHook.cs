using Switcheroo.Engine.Binding;
using System.Text;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Syntax;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>template</c>: the call becomes the Python text of the <c>template</c> option, with
/// <c>{param}</c> replaced by the argument's code (its own conversions applied), by its
/// translated value (the entry's <c>values</c>), or by the rule's <c>default</c>. A segment
/// <c>{?...}</c> is kept only when every argument inside it was given. <c>{param:form}</c> reshapes a
/// size argument for Flax: <c>tuple1..3</c> (<c>3</c> → <c>(3, 3)</c>), <c>pad1..3</c>
/// (<c>1</c> → <c>((1, 1), (1, 1))</c>), <c>axes</c> (a normalized shape → its trailing axes).
/// <code>
/// nn.LeakyReLU(0.2)   with "lambda x: flax.linen.leaky_relu(x, negative_slope={negative_slope})"
///                     →  lambda x: nn.leaky_relu(x, negative_slope=0.2)
/// </code>
/// A template that writes a value twice (<c>jnp.reshape({input}, {input}.shape[:1] + (-1,))</c>)
/// names a <c>fallback</c> template that writes each once (a runtime helper): it is used when such a
/// value is computed (a call, an operation) rather than a name or literal, so nothing is computed twice,
/// and when the call gives an argument the template leaves out and the fallback takes
/// (<c>x.flatten(0, -2)</c> → <c>switcheroo_runtime.flatten(x, 0, -2)</c>). An argument written equal to
/// torch's default (<c>params: [end_dim=-1]</c>) that the template leaves out is the template's meaning.
/// Arguments with a <c>drop</c> rule are ignored; <c>values</c> on a dropped argument restrict it to
/// those literals. A value an argument's <c>values</c> do not list takes the fallback, as written, when the
/// fallback writes it (<c>F.gelu(x, approximate=self.approximate)</c> → <c>switcheroo_runtime.gelu(x, self.approximate)</c>),
/// and is reported otherwise. Anything else passed and not used by the template is reported (SWR3003). A call that
/// is not converted keeps its arguments as written, and nothing inside it is reported again.
/// </summary>
public sealed class TemplateHook : IHook
{
    public string Name => "template";

    public IReadOnlyList<HookOption> Options { get; } = [HookOption.Template(), new("fallback", OptionType.Template)];

    public void Apply(HookSite site, ConversionContext context) => Apply(site, context, adjust: null, wrap: null);

    /// <summary>
    /// Expands the entry's template at the site and replaces the call with it. <paramref name="adjust"/>
    /// may change the values first (a value the template should not take from the call);
    /// <paramref name="wrap"/> may put text around the expansion; <paramref name="option"/> names the
    /// entry's option that holds the template.
    /// </summary>
    internal static void Apply(HookSite site, ConversionContext context,
        Action<Dictionary<string, TextPart[]>>? adjust, Func<List<TextPart>, IEnumerable<TextPart>>? wrap, string option = "template")
    {
        var call = site.Call;
        var template = site.Entry.Options.GetValueOrDefault(option);
        if (call is null || template is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference, $"{site.Entry.Torch} is used without a call; kept as is");
            return;
        }
        var untranslated = new HashSet<string>(StringComparer.Ordinal);
        var values = Values(site, context, out var bound, out var problem, untranslated);
        if (values is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"{site.Entry.Torch}(...) not converted: {problem}");
            context.Edits.KeepVerbatim(call);
            return;
        }
        adjust?.Invoke(values);
        // an argument written equal to torch's default that the template leaves out is the template's meaning
        foreach (var name in values.Keys.Where(n => n != "self" && !Writes(template, n)
            && TemplateExpander.IsTorchDefault(site.Entry, n, values[n], context)).ToList())
        {
            values.Remove(name);
        }
        if (site.Entry.Options.GetValueOrDefault("fallback") is { } fallback && option == "template"
            && (TemplateExpander.RepeatsComputedValue(template, site.Entry, values, context) || TakesMore(template, fallback, values.Keys)
                || untranslated.Count > 0))
        {
            template = fallback;
        }
        // a value its rule's values do not list is written as it is only by a fallback that takes it (F.gelu's approximate)
        if (untranslated.Count > 0 && (option != "template" || site.Entry.Options.GetValueOrDefault("fallback") != template
            || !untranslated.All(name => Writes(template, name))))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"{site.Entry.Torch}(...) not converted: {problem}");
            context.Edits.KeepVerbatim(call);
            return;
        }
        if (site.Entry.Init.Count > 0 && option == "template")
        {
            if (LayerInitializers.Of(call, context, out problem) is not { } initializers)
            {
                context.Report(DiagnosticCodes.InitNotConverted, call, $"{site.Entry.Torch}(...) not converted: {problem}");
                context.Edits.KeepVerbatim(call);
                return;
            }
            template = LayerInitializers.Place(template, initializers, values);
        }
        var unused = values.Keys.Where(name => name != "self" && !Writes(template, name)).ToList();
        if (unused.Count > 0)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"{site.Entry.Torch}(...) not converted: argument '{unused[0]}' has no mapping");
            context.Edits.KeepVerbatim(call);
            return;
        }
        var parts = new TemplateExpander(site.Entry, values, context, call).Expand(template, out problem);
        if (parts is null)
        {
            var code = template.Contains("{@key}", StringComparison.Ordinal) ? DiagnosticCodes.RandomWithoutKey : DiagnosticCodes.ArgumentsNotMapped;
            context.Report(code, call, $"{site.Entry.Torch}(...) not converted: {problem}");
            context.Edits.KeepVerbatim(call);
            return;
        }
        int top = TemplateSlots.TopOf(template);
        if (wrap is null && top < TemplateSlots.Required(call))
        {
            parts = ["(", .. parts, ")"];
            top = PyPrecedence.Atom;
        }
        if (wrap is null)
        {
            // another template may embed this call where an operator binds tighter ({self}.ndim, {x} * {y})
            context.Plan.ReplaceExpression(call, top, parts.ToArray());
        }
        else
        {
            context.Plan.Replace(call, wrap(parts).ToArray());
        }
        foreach (var dropped in bound!.Where(a => site.Entry.Arguments.GetValueOrDefault(a.Parameter)?.Drop == true))
        {
            context.Plan.Discard(dropped.Node);
        }
        context.MarkConverted(site.Reference);
    }

    private static bool Writes(string template, string name) => template.Contains("{" + name, StringComparison.Ordinal);

    /// <summary>
    /// The call gives an argument the template leaves out and the fallback writes (<c>x.flatten(0, -2)</c>:
    /// the template reshapes to the last axis, the runtime's flatten takes <c>end_dim</c>).
    /// </summary>
    private static bool TakesMore(string template, string fallback, IEnumerable<string> given)
    {
        var beyond = given.Where(name => name != "self" && !Writes(template, name)).ToList();
        return beyond.Count > 0 && beyond.All(name => Writes(fallback, name));
    }

    /// <summary>The template's values; for a tensor method, <c>{self}</c> is the receiver.</summary>
    internal static Dictionary<string, TextPart[]>? Values(HookSite site, ConversionContext context,
        out IReadOnlyList<BoundArgument>? bound, out string? problem, ISet<string>? untranslated = null)
    {
        bool method = site.Receiver is not null;
        var parameters = method ? site.Entry.Parameters.Skip(1).ToList() : site.Entry.Parameters;
        bound = CallArguments.Bind(site.Call!.arguments(), parameters, out problem);
        var values = bound is null ? null : TemplateValues.Collect(bound, site.Entry, context, out problem, untranslated);
        if (values is not null && method)
        {
            values["self"] = new[] { TextPart.Of(site.Receiver!) };
        }
        return values;
    }
}

/// <summary>The arguments a template can use, by torch parameter name: source code or translated text.</summary>
internal static class TemplateValues
{
    /// <summary>
    /// The values by parameter; a value a rule's <c>values</c> do not list fails the call, or, where
    /// <paramref name="untranslated"/> is given and the argument is not dropped, is kept as written and named there.
    /// </summary>
    public static Dictionary<string, TextPart[]>? Collect(IReadOnlyList<BoundArgument> bound, MapEntry entry, ConversionContext context,
        out string? problem, ISet<string>? untranslated = null)
    {
        problem = null;
        var values = new Dictionary<string, TextPart[]>(StringComparer.Ordinal);
        foreach (var argument in bound)
        {
            var text = context.Text(argument.Value).Trim();
            entry.Arguments.TryGetValue(argument.Parameter, out var rule);
            if (rule?.Refused(other => bound.FirstOrDefault(b => b.Parameter == other) is { } given ? context.Text(given.Value).Trim() : null) is { } refused)
            {
                problem = refused;
                return null;
            }
            bool listed = rule is not { Values.Count: > 0 } || rule.Values.ContainsKey(text);
            if (!listed)
            {
                problem ??= $"the value of '{argument.Parameter}' ({text}) has no translation";
                if (untranslated is null || rule!.Drop)
                {
                    return null;
                }
                untranslated.Add(argument.Parameter);
            }
            if (rule is { Drop: true })
            {
                continue;
            }
            if (values.ContainsKey(argument.Parameter))
            {
                problem = $"'{argument.Parameter}' takes one argument here";
                return null;
            }
            values[argument.Parameter] = rule is { Values.Count: > 0 } && listed
                ? new TextPart[] { context.Expression(rule.Values[text]) }
                : new[] { TextPart.Of(argument.Value) };
        }
        return values;
    }
}
