using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Checks, when a map loads, every piece of Python an entry makes Switcheroo write: a
/// <c>target</c> is a qualified name, a <c>method</c> an identifier, <c>add</c> values and argument
/// <c>values</c> and <c>default</c>s expressions, and templates are well formed (SWR1008) and
/// expressions once their placeholders are filled with sample values (SWR1009).
/// </summary>
internal sealed class TextChecks(YamlMappingNode node, MapEntry entry, YamlReader reader, IReadOnlyList<HookOption>? options)
{
    /// <summary>Builtin types an annotation may name bare: written as is, with no import.</summary>
    internal static readonly IReadOnlySet<string> BuiltinTypes = new HashSet<string>(StringComparer.Ordinal) { "str", "int", "float", "bool", "bytes", "object", "tuple" };

    private static bool IsAnnotationName(string name) => PythonText.IsDottedName(name) && (name.Contains('.') || BuiltinTypes.Contains(name));

    public void Run()
    {
        CheckName("target", entry.Target, PythonText.IsDottedName, "a qualified name such as jax.numpy.sum");
        CheckName("method", entry.TargetMethod, PythonText.IsIdentifier, "a method name");
        CheckName("annotation", entry.AsAnnotation, IsAnnotationName, "a qualified name such as flax.linen.Module, or a builtin type such as str");
        CheckName("unbound_value", entry.AsUnboundValue, PythonText.IsDottedName, "a qualified name such as switcheroo_runtime.TorchBatchNorm");
        if (YamlReader.Optional(node, "add") is YamlMappingNode add)
        {
            foreach (var (key, value) in add.Children)
            {
                Expression(value, (value as YamlScalarNode)?.Value, $"the value of '{(key as YamlScalarNode)?.Value}' in 'add'");
            }
        }
        CheckArguments();
        CheckValueForm();
        CheckUnboundValue();
        foreach (var option in options?.Where(o => o.Type == OptionType.Template) ?? [])
        {
            if (entry.Options.TryGetValue(option.Name, out var template))
            {
                Template(OptionReader.ValueNode(node, option.Name)!, template, option.Placeholders, $"option '{option.Name}'");
            }
        }
    }

    /// <summary>
    /// <c>value</c>: a class's or function's form as a value, a template without argument placeholders (it is not
    /// called there): <c>norm_layer=nn.BatchNorm2d</c>, <c>activation=F.gelu</c>, where the target called later
    /// with torch's arguments computes what torch's did (<c>switcheroo_runtime.gelu</c>, torch's signature).
    /// </summary>
    private void CheckValueForm()
    {
        if (entry.AsValue is not { } form || YamlReader.Optional(node, "value") is not { } at)
        {
            return;
        }
        if (entry.Kind is not (EntryKind.Class or EntryKind.Function))
        {
            reader.Error(at, "'value' (a class's or function's form where it is used as a value) is only for entries of kind 'class' or 'function'");
            return;
        }
        if (TemplateSyntax.Parse(form, _ => false, out var problem) is null)
        {
            reader.Report(DiagnosticCodes.MapTemplate, at, $"'value': {problem} (it takes no argument placeholders, only {{@train}}): {form}");
            return;
        }
        Template(at, form, [], "'value'");
    }

    /// <summary><c>unbound_value</c>: only beside a <c>value</c> that follows the train flag, which it stands for where no flag is at hand.</summary>
    private void CheckUnboundValue()
    {
        if (YamlReader.Optional(node, "unbound_value") is { } at && entry.AsValue?.Contains("{@train}", StringComparison.Ordinal) != true)
        {
            reader.Error(at, "'unbound_value' is for a class whose 'value' follows the train flag ({@train}), where no flag is at hand");
        }
    }

    private bool IsTemplateEntry => options?.Any(o => o.Type == OptionType.Template) == true;

    private void CheckName(string key, string? text, Func<string, bool> valid, string what)
    {
        if (text is not null && !valid(text))
        {
            reader.Report(DiagnosticCodes.MapPythonText, YamlReader.Optional(node, key)!, $"'{key}' must be {what}, not '{text}'");
        }
    }

    private void CheckArguments()
    {
        if (YamlReader.Optional(node, "args") is not YamlMappingNode args)
        {
            return;
        }
        foreach (var (key, value) in args.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (value is not YamlMappingNode rule || name is null || !entry.Arguments.ContainsKey(name))
            {
                continue;
            }
            if (YamlReader.Optional(rule, "values") is YamlMappingNode values)
            {
                foreach (var (_, translated) in values.Children)
                {
                    Expression(translated, (translated as YamlScalarNode)?.Value, $"a translated value of '{name}'");
                }
            }
            if (YamlReader.Optional(rule, "default") is YamlScalarNode { Value: { } fallback } defaultNode)
            {
                if (IsTemplateEntry)
                {
                    Template(defaultNode, fallback, [], $"the default of '{name}'");
                }
                else
                {
                    Expression(defaultNode, fallback, $"the default of '{name}'");
                }
            }
        }
    }

    private void Expression(YamlNode at, string? text, string what)
    {
        if (text is not null && PythonText.ExpressionProblem(text) is { } problem)
        {
            reader.Report(DiagnosticCodes.MapPythonText, at, $"{what} is not a Python expression ({problem}): {text}");
        }
    }

    /// <summary>A template: its syntax, then the Python of each sample filling.</summary>
    private void Template(YamlNode at, string template, IReadOnlyList<string> extraNames, string what)
    {
        bool IsName(string name) => name == "self" || entry.Parameters.Any(p => p.Name == name) || extraNames.Contains(name);
        if (TemplateSyntax.Parse(template, IsName, out var syntaxProblem) is not { } syntax)
        {
            reader.Report(DiagnosticCodes.MapTemplate, at, $"{what}: {syntaxProblem}: {template}");
            return;
        }
        bool HasDefault(string name) => entry.Arguments.GetValueOrDefault(name)?.Default is not null;
        foreach (var sample in syntax.Samples(HasDefault))
        {
            if (PythonText.ExpressionProblem(sample) is { } problem)
            {
                reader.Report(DiagnosticCodes.MapPythonText, at, $"{what} does not give a Python expression ({problem}) when filled in as: {sample}");
                return;
            }
        }
    }
}
