using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The constructions of the file's converted module classes that the Linen class cannot take as
/// torch did, because torch's constructor caught and ignored them in a <c>*args</c> or
/// <c>**kwargs</c> it never reads (<see cref="ModuleClasses.IgnoredBy"/>), which the Linen class has
/// no field for: a call of the class's name passing a keyword that is not a field, <c>**</c> or
/// <c>*</c> unpacking, or a positional argument beyond the fields; and the class's name as a value
/// (<c>partial(Net, ...)</c>, <c>block = Net</c>), through which constructions this analysis does not
/// follow may pass anything. <c>isinstance</c>/<c>issubclass</c>, annotations, class bases and
/// <c>super(Net, self)</c> build nothing. A class imported from another file of the project
/// (<see cref="ClassFacts.IgnoresArguments"/>) has fields not known here: its constructions are
/// reported when they unpack arguments or pass <c>train</c>, <c>name</c> or <c>parent</c>, and
/// its name as a value; a keyword that is no field fails when the Flax module is built.
/// </summary>
public static class VariadicConstructions
{
    /// <summary>
    /// A <c>**mapping</c> unpacked into a construction of a class whose fields are known: its keys
    /// other than <see cref="Names"/> (torch's named constructor arguments) torch's constructor
    /// ignored, so the conversion passes on only those (<c>switcheroo_runtime.constructor_keywords</c>).
    /// </summary>
    public sealed record Filtered(PythonParser.DoubleStarArgumentContext Unpacked, IReadOnlyList<string> Names);

    /// <summary>Each such construction (the call, or the name used as a value) with why it may not run.</summary>
    /// <param name="imported">the module classes the file imports from the project (<see cref="FileFacts.ImportedClasses"/>), whose fields are not known here</param>
    public static IReadOnlyList<(ParserRuleContext Node, string Problem)> Of(SemanticModel model, ModuleClasses classes, IReadOnlyDictionary<string, ClassFacts> imported) =>
        Of(model, classes, imported, out _);

    /// <summary>As <see cref="Of(SemanticModel, ModuleClasses, IReadOnlyDictionary{string, ClassFacts})"/>; <paramref name="filtered"/> holds the unpackings of the constructions that run once their keys are filtered.</summary>
    public static IReadOnlyList<(ParserRuleContext Node, string Problem)> Of(SemanticModel model, ModuleClasses classes, IReadOnlyDictionary<string, ClassFacts> imported, out IReadOnlyList<Filtered> filtered)
    {
        var problems = new List<(ParserRuleContext, string)>();
        var unpackings = new List<Filtered>();
        filtered = unpackings;
        // Most files have no such class: resolving every name read would be work for nothing.
        if (!classes.AnyIgnored && !imported.Values.Any(facts => facts.HasFlag(ClassFacts.IgnoresArguments)))
        {
            return problems;
        }
        foreach (var use in model.Uses.OrderBy(u => u.Start.TokenIndex))
        {
            if (SemanticModel.Lookup(use.GetText(), model.ScopeOf(use)) is not { } bindings || Ignored(bindings, classes, imported) is not { } ignored)
            {
                continue;
            }
            var name = use.GetText();
            var why = $"{name}'s torch constructor ignored what its {ignored.Written} caught, and the Flax module has fields only for its named arguments";
            if (use.Parent is PythonParser.CallExprContext call && call.expr() == use)
            {
                if (Passes(call, ignored) is { } passed)
                {
                    problems.Add((call, $"{why}: this construction passes {passed}; pass only its fields"));
                }
                else
                {
                    unpackings.AddRange(CallArguments.Of(call.arguments()).OfType<PythonParser.DoubleStarArgumentContext>()
                        .Select(unpacked => new Filtered(unpacked, ignored.Fields!.Select(f => f.Name).ToList())));
                }
            }
            else if (!BuildsNothing(use))
            {
                problems.Add((use, $"{why}: {name} is used here as a value, whose constructions are not followed; build it by name where it may be given other arguments, or pass it only its fields"));
            }
        }
        return problems;
    }

    /// <summary>What the class a name may be bound to ignores: a class of the file's, or one imported from the project (fields not known).</summary>
    private static ModuleClasses.Variadics? Ignored(IReadOnlyList<NameBinding> bindings, ModuleClasses classes, IReadOnlyDictionary<string, ClassFacts> imported) =>
        bindings.Select(b => b.Site is PythonParser.Class_defContext cls ? classes.IgnoredBy(cls)
                : b.Kind == BindingKind.Import && imported.TryGetValue(b.Name, out var facts) && facts.HasFlag(ClassFacts.IgnoresArguments) ? new ModuleClasses.Variadics(null, true, ModuleClasses.Variadics.Unknown)
                : null)
            .FirstOrDefault(v => v is not null);

    /// <summary>What a call passes that only the ignored <c>*args</c>/<c>**kwargs</c> caught, and what the Flax module does with it; or null.</summary>
    private static string? Passes(PythonParser.CallExprContext call, ModuleClasses.Variadics ignored)
    {
        // Fields not known (a class of another file): the keywords Flax takes itself are still known.
        var names = ignored.Fields?.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        int positional = 0;
        foreach (var argument in CallArguments.Of(call.arguments()))
        {
            switch (argument)
            {
                case PythonParser.KeywordArgumentContext keyword when names?.Contains(keyword.name().GetText()) == false || LinenFields.Contains(keyword.name().GetText()):
                    var name = keyword.name().GetText();
                    return LinenFields.Contains(name)
                        ? $"the keyword '{name}', which torch ignored and the Flax module takes as its own '{name}' field"
                        : $"the keyword '{name}', which torch ignored and the Flax module rejects";
                case PythonParser.DoubleStarArgumentContext unpacked when names is null:
                    return $"**{unpacked.expression().GetText()}, whose keys other than its fields torch ignored and the Flax module rejects (or takes: train, name, parent), "
                        + "and its fields, which are those of a class of another file, are not known here to pass on only those";
                case PythonParser.DoubleStarArgumentContext unpacked when !ignored.Keywords:
                    return $"**{unpacked.expression().GetText()}, whose keys torch took only where they named its arguments, and of which the Flax module takes train, name and parent as its own fields";
                case PythonParser.StarArgumentContext unpacked when ignored.Args:
                    return $"*{unpacked.expression().GetText()}, whose items beyond its fields torch ignored and the Flax module rejects";
                case PythonParser.PositionalArgumentContext:
                    positional++;
                    break;
            }
        }
        int fields = ignored.Fields?.Count(f => !f.KeywordOnly) ?? int.MaxValue;
        return ignored.Args && positional > fields ? $"{positional} positional arguments where it has {fields} positional field{(fields == 1 ? "" : "s")}, which torch ignored and the Flax module rejects" : null;
    }

    /// <summary>The fields every converted module class has besides its own: Flax's <c>parent</c> and <c>name</c>, and the <c>train</c> flag (<see cref="FieldSignature.Train"/>).</summary>
    private static readonly HashSet<string> LinenFields = new(StringComparer.Ordinal) { "parent", "name", FieldSignature.Train(false).Name };

    /// <summary>Uses of a class's name that build nothing: the class tested or named as a type, a base, <c>super(Cls, self)</c>.</summary>
    private static bool BuildsNothing(PythonParser.NameAtomContext use)
    {
        if (SyntaxShapes.Enclosing<PythonParser.AnnotationContext>(use) is not null
            || SyntaxShapes.Enclosing<PythonParser.Star_annotationContext>(use) is not null
            || SyntaxShapes.Enclosing<PythonParser.Function_defContext>(use) is { } function && function.expression() is { } returns && Within(use, returns)
            || SyntaxShapes.Enclosing<PythonParser.Class_defContext>(use) is { } owner && owner.arguments() is { } bases && Within(use, bases))
        {
            return true;
        }
        // An argument of isinstance(m, Net), issubclass(c, (Net, Other)), super(Net, self).
        return SyntaxShapes.Enclosing<PythonParser.ArgumentContext>(use)?.Parent?.Parent is PythonParser.CallExprContext call
            && call.expr().GetText() is "isinstance" or "issubclass" or "super";
    }

    private static bool Within(ParserRuleContext node, ParserRuleContext outer) =>
        outer.Start.TokenIndex <= node.Start.TokenIndex && node.Stop.TokenIndex <= outer.Stop.TokenIndex;
}
