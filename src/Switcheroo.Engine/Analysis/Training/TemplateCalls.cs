using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

/// <summary>
/// Whether a call converts by its map entry's template, decided from the call and the entry alone,
/// by the rules the <c>template</c> hook applies: the arguments bind to the entry's parameters, a
/// value the entry restricts is one it translates, each parameter takes one argument, the template
/// uses every argument passed (and not dropped), and every placeholder outside an optional segment
/// has a value or a default. A training step's neighbours need this before rewriting: the step is
/// written only when its optimizer converts, and a scheduler only when its construction does.
/// Where the template needs what only rewriting knows (a module's flag or a random key) the answer
/// is no; rewriting reports it if the call converts anyway (SWR4003).
/// </summary>
internal static class TemplateCalls
{
    /// <summary>Why the call does not convert by the entry's template, or null when it does.</summary>
    /// <param name="given">values the hook supplies itself (an optimizer's <c>lr</c>, a schedule's <c>initial_lr</c>)</param>
    /// <param name="taken">arguments the hook consumes itself (a schedule's <c>milestones</c>)</param>
    public static string? Problem(PythonParser.CallExprContext call, MapEntry entry, SyntaxTree tree,
        IReadOnlyCollection<string> given, IReadOnlyCollection<string> taken)
    {
        var bound = CallArguments.Bind(call.arguments(), entry.Parameters, out var problem);
        if (bound is null)
        {
            return problem;
        }
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in bound)
        {
            entry.Arguments.TryGetValue(argument.Parameter, out var rule);
            var text = tree.Text(argument.Value).Trim();
            if (rule is { Values.Count: > 0 } && !rule.Values.ContainsKey(text))
            {
                return $"the value of '{argument.Parameter}' ({text}) has no translation";
            }
            if (rule is { Drop: true })
            {
                continue;
            }
            if (!values.Add(argument.Parameter))
            {
                return $"'{argument.Parameter}' takes one argument here";
            }
        }
        // The hook's own values replace the call's, after the call's were checked.
        values.UnionWith(given);
        values.ExceptWith(taken);
        var templates = new[] { "template", "fallback" }.Select(entry.Options.GetValueOrDefault).OfType<string>().ToList();
        if (templates.Count == 0)
        {
            return "its entry has no template";
        }
        // With a fallback, either template may be the one written: both must take the call.
        return templates.Select(template => TemplateProblem(template, values, entry)).FirstOrDefault(p => p is not null);
    }

    private static string? TemplateProblem(string template, HashSet<string> values, MapEntry entry)
    {
        if (values.FirstOrDefault(name => name != "self" && !template.Contains("{" + name, StringComparison.Ordinal)) is { } unused)
        {
            return $"argument '{unused}' has no mapping";
        }
        var parts = TemplateSyntax.Of(template).Parts;
        if (Placeholders(parts).Any(p => p.Value is not null))
        {
            return "its template needs a module's value or a random key";
        }
        var required = parts.OfType<TemplateSyntax.Placeholder>()
            .FirstOrDefault(p => !values.Contains(p.Name!) && entry.Arguments.GetValueOrDefault(p.Name!)?.Default is null);
        return required is null ? null : $"'{required.Name}' is required";
    }

    private static IEnumerable<TemplateSyntax.Placeholder> Placeholders(IEnumerable<TemplateSyntax.Part> parts) =>
        parts.SelectMany(part => part switch
        {
            TemplateSyntax.Placeholder placeholder => [placeholder],
            TemplateSyntax.Optional optional => Placeholders(optional.Parts),
            _ => [],
        });
}
