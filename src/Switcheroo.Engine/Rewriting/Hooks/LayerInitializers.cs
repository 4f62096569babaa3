using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// The initializer arguments a layer construction gets from the init statements that apply to it
/// (<see cref="LayerInits"/>): each init call written as its entry's template (its arguments are
/// literals, or arithmetic of the constructor's arguments, which read their fields: <c>self.prior</c>),
/// under the Flax keyword the layer entry's <c>init</c> names. An initializer equal to
/// one of the rule's <c>default</c>s is what the converted layer already does and is not written.
/// <code>
/// self.fc = nn.Linear(4, 2)                 self.fc = nn.Dense(features=2, kernel_init=nn.initializers.normal(stddev=0.01),
/// nn.init.normal_(self.fc.weight, 0, 0.01)      bias_init=nn.initializers.zeros)
/// nn.init.zeros_(self.fc.bias)
/// </code>
/// </summary>
internal static class LayerInitializers
{
    /// <summary>The (keyword, initializer text) pairs for the construction, or null with the problem.</summary>
    public static List<(string Keyword, string Text)>? Of(PythonParser.CallExprContext construction, ConversionContext context, out string? problem)
    {
        problem = null;
        var arguments = new List<(string, string)>();
        foreach (var init in context.Facts.Inits.Of(construction))
        {
            if (Initializer(init, context, out problem) is not { } text)
            {
                problem = $"its {init.Parameter}'s initialisation ({context.Text(init.Call)}) does not convert: {problem}";
                return null;
            }
            if (!init.Rule.Defaults.Any(d => context.Expression(d) == text))
            {
                arguments.Add((init.Rule.To, text));
            }
        }
        return arguments;
    }

    /// <summary>The initializer an init call stands for (its entry's template, filled with its literal arguments).</summary>
    public static string? Initializer(LayerInit init, ConversionContext context, out string? problem)
    {
        problem = null;
        if (init.Initializer is { } written)
        {
            return context.Expression(written);
        }
        var bound = CallArguments.Bind(init.Call.arguments(), init.Entry.Parameters, out problem);
        var values = bound is null ? null : TemplateValues.Collect(bound, init.Entry, context, out problem);
        if (values is null || init.Entry.Options.GetValueOrDefault(init.Template) is not { } template)
        {
            return null;
        }
        // An argument computed from the constructor's arguments (LayerInits: never rebound) reads their fields.
        var fields = ParseTrees.Descendants<PythonParser.NameAtomContext>(init.Call)
            .Where(n => SemanticModel.Lookup(n.GetText(), context.Model.ScopeOf(n)) is { } bindings && bindings.Any(b => b.Site is PythonParser.ParameterContext))
            .Select(n => n.Start.TokenIndex).ToHashSet();
        string Text(TextPart.Source source) => string.Concat(Enumerable.Range(source.First, source.Last - source.First + 1)
            .Select(i => (fields.Contains(i) ? "self." : "") + context.Facts.Tree.Tokens[i].Text)).Trim();
        var literals = values.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Select(part => part is TextPart.Source source ? (TextPart)Text(source) : part).ToArray(),
            StringComparer.Ordinal);
        var unused = literals.Keys.FirstOrDefault(name => !template.Contains("{" + name, StringComparison.Ordinal));
        if (unused is not null)
        {
            problem = $"argument '{unused}' has no mapping";
            return null;
        }
        var parts = new TemplateExpander(init.Entry, literals, context, init.Call).Expand(template, out problem);
        return parts is null ? null : string.Concat(parts.Select(part => part is TextPart.Literal literal ? literal.Text : context.Text((TextPart.Source)part)));
    }

    /// <summary>
    /// The template with the initializers placed: each replaces the value the template gives its
    /// keyword, or joins the template's last keyword argument (<see cref="TemplateKeywords"/>). The
    /// initializer texts become values of the placeholders written there.
    /// </summary>
    public static string Place(string template, IEnumerable<(string Keyword, string Text)> arguments, Dictionary<string, TextPart[]> values)
    {
        var original = template;
        foreach (var (keyword, text) in arguments)
        {
            var slot = "init_" + keyword;
            values[slot] = [text];
            if (TemplateKeywords.Value(template, keyword) is { } value)
            {
                template = template[..value.Start] + "{" + slot + "}" + template[value.End..];
            }
            else if (TemplateKeywords.AfterLastKeyword(template) is var at and >= 0)
            {
                template = template[..at] + $", {keyword}={{{slot}}}" + template[at..];
            }
        }
        // a value only the replaced default used (in_features of torch_bias_init) is not needed now
        foreach (var name in values.Keys.Where(n => original.Contains("{" + n, StringComparison.Ordinal) && !template.Contains("{" + n, StringComparison.Ordinal)).ToList())
        {
            values.Remove(name);
        }
        return template;
    }
}
