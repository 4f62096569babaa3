namespace Switcheroo.Engine.Analysis;

/// <summary>
/// What a class of the file can know of a module class of another file of the project it derives from: the
/// base's Linen fields are its constructor's named arguments, in their order, which the module index keeps
/// (<see cref="ConstructorSignature"/>, <see cref="ProjectModules.ImportedSignatures"/>), then its <c>train</c>
/// field when its facts say it carries one. So <see cref="DerivedClasses"/> reads a subclass of an imported
/// base as it reads one of the file's own (<c>class QuantizableInception(Inception)</c>, which passes
/// <c>conv_block=</c> beside its <c>*args, **kwargs</c>). Not known, and the subclass converts only where it
/// needs no fields of its base: a base without a constructor of its own, or one taking <c>*args</c> or
/// <c>**kwargs</c> that it passes on (its fields are its own base's).
/// </summary>
/// <remarks>
/// Three things the index does not say are taken at their safest. A default that is no literal is known to
/// exist but not its text (<see cref="UnknownDefault"/>): a subclass that gives the argument a default
/// declares the field again with its own, and one that does not take it, which would have to repeat the
/// base's default, is reported (a literal default it repeats: <see cref="FixedField.Literal"/>). Where the base's <c>train</c> field stands is not known: it is taken as
/// positional, so a subclass adding positional fields after it is reported. An argument whose attribute may
/// hold another value (<see cref="ConstructorParameter.Renamed"/>) is not the field: a subclass that sets
/// <c>self.NAME</c> is reported, and so is one that reads it (<see cref="FieldSignature.Renamed"/>), unless the index
/// says the base's Linen class moves the value to another attribute (<see cref="ConstructorParameter.Moved"/>, a plain
/// value as <c>NAME_</c>), which the subclass then reads as one of the base's file does (<see cref="FieldSignature.MovedTo"/>).
/// </remarks>
internal static class ImportedBases
{
    /// <summary>The default of a field whose default is known to exist but is no literal; equal to no expression's text.</summary>
    public const string UnknownDefault = "<a default written in another file>";

    public static DerivedClasses.BaseFacts Of(string name, ClassFacts facts, ConstructorSignature? signature)
    {
        if (facts.HasFlag(ClassFacts.Kept))
        {
            return new(null, null, $"{name} stays torch code in the file it is imported from", Kept: true);
        }
        if (Fields(signature, facts) is not { } fields)
        {
            return new(null, null, $"{name} is imported from another file");
        }
        return new(fields, null, null);
    }

    private static List<FieldSignature>? Fields(ConstructorSignature? signature, ClassFacts facts)
    {
        if (signature is null || signature.Parameters.Any(p => p.Kind is ConstructorParameterKind.ReadArgs or ConstructorParameterKind.ReadKeywords))
        {
            return null;
        }
        var fields = signature.Parameters.Where(p => p.ByKeyword)
            .Select(p => new FieldSignature(p.Name, p.Default ?? (p.OpaqueDefault ? UnknownDefault : null), p.Kind == ConstructorParameterKind.KeywordOnly) { Renamed = p.Renamed, MovedTo = p.Moved })
            .ToList();
        if (facts.HasFlag(ClassFacts.Train))
        {
            fields.Add(FieldSignature.Train(false));
        }
        return fields;
    }
}
