using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>A constructor argument as a dataclass field: its name, annotation and default (nodes, so their own edits apply).</summary>
/// <param name="Parameter">The constructor argument; null for a base's field that a subclass gives another default in its base call or that it fixes (<see cref="Analysis.DerivedClass.Fixed"/>).</param>
/// <param name="Reassigned">The constructor rebinds the argument, so <c>self.x = x</c> may store another value than the field's.</param>
/// <param name="KeywordOnly">The argument follows a bare <c>*</c>: a keyword-only field (after <c>_: dataclasses.KW_ONLY</c>).</param>
internal sealed record ModuleField(string Name, PythonParser.ParameterContext? Parameter, TextPart[] Annotation, PythonParser.ExpressionContext? Default, bool Reassigned, bool KeywordOnly)
{
    /// <summary>The default as text where <see cref="Default"/> is null: a literal default of a base's field in another file (<see cref="Analysis.FixedField.Literal"/>).</summary>
    public string? DefaultText { get; init; }
}

/// <summary>Reads the fields of a module class from its <c>__init__</c> signature, or says why it cannot.</summary>
internal static class ModuleFields
{
    public static IReadOnlyList<ModuleField>? Read(ModuleClass module, ConversionContext context, out string? problem)
    {
        // The same rule decided, before rewriting, which classes convert (ModuleClasses).
        problem = ModuleClasses.ConstructorProblem(module.Init, ignoredVariadics: true) ?? ModuleClasses.ModuleDefault(module.Init, context.Model, context.Maps);
        if (problem is not null)
        {
            return null;
        }
        // A *args or **kwargs left is one the constructor never reads: no field (IgnoredVariadics).
        return Of(module, module.InitParameters.Where(p => p.name() is not null && p.STAR() is null && p.DOUBLESTAR() is null), context);
    }

    /// <summary>The fields of the given named constructor arguments of a module class.</summary>
    public static IReadOnlyList<ModuleField> Of(ModuleClass module, IEnumerable<PythonParser.ParameterContext> parameters, ConversionContext context) =>
        parameters.Select(parameter => new ModuleField(parameter.name().GetText(), parameter,
            Annotation(parameter, parameter.expression(), context), parameter.expression(), IsReassigned(parameter, module, context),
            Analysis.DerivedClasses.KeywordOnly(parameter, module.InitParameters))).ToList();

    private static TextPart[] Annotation(PythonParser.ParameterContext parameter, PythonParser.ExpressionContext? defaultValue, ConversionContext context)
    {
        if (parameter.annotation() is { } annotation)
        {
            return new[] { TextPart.Of(annotation.expression()) };
        }
        var literal = defaultValue is null ? null : SyntaxShapes.AtomOf(defaultValue);
        var type = literal switch
        {
            PythonParser.NumberAtomContext n => n.GetText().Contains('j') ? "complex"
                : n.GetText().Contains('.') || (n.GetText().Contains('e') && !n.GetText().StartsWith("0x")) ? "float" : "int",
            PythonParser.ConstantAtomContext c when c.NONE() is null => "bool",
            PythonParser.StringAtomContext => "str",
            _ => null,
        };
        return new TextPart[] { type ?? context.Targets.Reference("typing.Any") };
    }

    /// <summary>Whether the constructor body rebinds the argument (then the field and the local may differ).</summary>
    private static bool IsReassigned(PythonParser.ParameterContext parameter, ModuleClass module, ConversionContext context)
    {
        var scope = module.Init is null ? null : context.Model.ScopeOpenedBy(module.Init);
        var bindings = scope?.Lookup(parameter.name().GetText());
        return bindings is not null && bindings.Any(b => b.Site != parameter);
    }
}
