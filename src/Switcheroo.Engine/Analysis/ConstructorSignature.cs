using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>How a constructor parameter is passed.</summary>
public enum ConstructorParameterKind
{
    /// <summary>Positionally or by keyword.</summary>
    PositionalOrKeyword,

    /// <summary>By keyword only (after <c>*</c> or <c>*args</c>).</summary>
    KeywordOnly,

    /// <summary><c>*args</c> that the constructor never reads: the positional arguments it catches are ignored.</summary>
    IgnoredArgs,

    /// <summary><c>*args</c> that the constructor reads (or passes on).</summary>
    ReadArgs,

    /// <summary><c>**kwargs</c> that the constructor never reads (the keys <see cref="ReadKeywords"/> names aside): other keywords are ignored.</summary>
    IgnoredKeywords,

    /// <summary><c>**kwargs</c> that the constructor reads otherwise (or passes on): which keywords it takes is not known.</summary>
    ReadKeywords,
}

/// <summary>
/// One parameter of a module class's constructor (<c>self</c> left out). <paramref name="Default"/> is the
/// default as written when it is a literal (<c>32</c>, <c>None</c>, <c>"x"</c>, <c>-1.5</c>), null when there is
/// none; <paramref name="OpaqueDefault"/> says it has one that is no literal (evaluated in its own file, so no
/// other file can repeat it). <paramref name="Renamed"/> says the attribute of its name may hold another value than the
/// argument: the constructor assigns <c>self.NAME</c> something else (the Linen class moves it to <c>NAME_</c>, or reports it),
/// or the class derives from another class of the project, whose constructor the signature does not show. <paramref name="Moved"/>
/// is the attribute the class's Linen class stores that value under (<c>NAME_</c>: a plain value, <see cref="TransformedFields.Renames"/>),
/// which a subclass in another file reads in its place; null where it is not known to move (the value may hold variables and is reported,
/// or the class derives from another class of the project).
/// </summary>
public sealed record ConstructorParameter(string Name, ConstructorParameterKind Kind, string? Default, bool OpaqueDefault = false, bool Renamed = false,
    string? Moved = null)
{
    /// <summary>Whether a keyword of this name reaches it (not a variadic, not positional-only).</summary>
    public bool ByKeyword => Kind is ConstructorParameterKind.PositionalOrKeyword or ConstructorParameterKind.KeywordOnly;
}

/// <summary>
/// A module class's constructor as an importing file needs to know it: its parameters with their kinds
/// and literal defaults, the keys it reads from its <c>**kwargs</c> by constant keys
/// (<see cref="ReadKeywords"/>) among them as keyword-only parameters. Kept in the module index
/// (<see cref="ClassSummary.Signature"/>, <see cref="ProjectModules.Signature"/>), so that
/// <see cref="ForwardedKeywords"/> can name the keywords a class of another file forwards to it whole
/// (<c>GeneralizedRCNNTransform(min_size, max_size, mean, std, **kwargs)</c>).
/// </summary>
public sealed record ConstructorSignature(IReadOnlyList<ConstructorParameter> Parameters)
{
    /// <summary>
    /// The signature of a class's <c>__init__</c> as the conversion reads it (the keys <see cref="ReadKeywords"/>
    /// names being keyword-only parameters, its <c>**kwargs</c> then ignored); null without a constructor of its
    /// own, with a positional-only marker, or with <c>__init__</c> defined more than once.
    /// </summary>
    /// <param name="inherits">whether the class derives from a class of the project (its attributes may be set by that class's constructor too)</param>
    /// <param name="moved">the attributes the class's Linen class moves its arguments to (<see cref="ConstructorParameter.Moved"/>), by argument</param>
    public static ConstructorSignature? Of(PythonParser.Class_defContext cls, bool inherits = false, IReadOnlyDictionary<string, string>? moved = null)
    {
        if (ModuleClasses.Constructor(cls) is not { } init || init.parameters() is not { } list
            || cls.block().statement().Count(s => s.function_def()?.name().GetText() == "__init__") > 1)
        {
            return null;
        }
        var ignored = ModuleClasses.IgnoredVariadics(init).Select(p => p.name().GetText()).ToHashSet(StringComparer.Ordinal);
        var read = list.parameter().Any(p => p.DOUBLESTAR() is not null) ? ReadKeywords.Keys(init) : null;
        var assigned = ModuleClasses.AssignedOtherwise(cls).ToHashSet(StringComparer.Ordinal);
        var parameters = new List<ConstructorParameter>();
        bool keywordOnly = false;
        foreach (var parameter in list.parameter().Skip(1))
        {
            if (parameter.name() is not { } name)
            {
                if (parameter.STAR() is null)
                {
                    return null;
                }
                keywordOnly = true;
                continue;
            }
            var text = name.GetText();
            if (parameter.STAR() is not null || parameter.DOUBLESTAR() is not null)
            {
                keywordOnly |= parameter.STAR() is not null;
                if (parameter.DOUBLESTAR() is not null && read is not null)
                {
                    parameters.AddRange(read.Select(k => k.Tested
                        ? new ConstructorParameter(k.Key, ConstructorParameterKind.KeywordOnly, null, OpaqueDefault: true, Renamed: inherits || assigned.Contains(k.Key))
                        : new ConstructorParameter(k.Key, ConstructorParameterKind.KeywordOnly, k.Default, Renamed: inherits || assigned.Contains(k.Key))));
                    parameters.Add(new ConstructorParameter(text, ConstructorParameterKind.IgnoredKeywords, null));
                    continue;
                }
                var variadic = (parameter.DOUBLESTAR() is not null, ignored.Contains(text)) switch
                {
                    (true, true) => ConstructorParameterKind.IgnoredKeywords,
                    (true, false) => ConstructorParameterKind.ReadKeywords,
                    (false, true) => ConstructorParameterKind.IgnoredArgs,
                    (false, false) => ConstructorParameterKind.ReadArgs,
                };
                parameters.Add(new ConstructorParameter(text, variadic, null));
                continue;
            }
            var kind = keywordOnly ? ConstructorParameterKind.KeywordOnly : ConstructorParameterKind.PositionalOrKeyword;
            var value = parameter.expression() is { } written ? ReadKeywords.Literal(written) : null;
            parameters.Add(new ConstructorParameter(text, kind, value is not null && !value.Contains('\t') && !value.Contains('\n') ? value : null,
                OpaqueDefault: parameter.expression() is not null && (value is null || value.Contains('\t') || value.Contains('\n')),
                Renamed: inherits || assigned.Contains(text), Moved: inherits ? null : moved?.GetValueOrDefault(text)));
        }
        return new ConstructorSignature(parameters);
    }

    /// <summary>
    /// The fields of an index line: one per parameter, its kind's letter (P, K; *args V ignored, R read; **kwargs W ignored, X read),
    /// in lower case when <see cref="ConstructorParameter.Renamed"/>, its name, <c>&gt;ATTRIBUTE</c> when <see cref="ConstructorParameter.Moved"/>
    /// (<c>pdropout&gt;dropout_=0.7</c>), <c>=DEFAULT</c> or <c>?</c>.
    /// </summary>
    public IEnumerable<string> Fields() => Parameters.Select(p =>
        $"{(p.Renamed ? char.ToLowerInvariant(Letter(p.Kind)) : Letter(p.Kind))}{p.Name}{(p.Moved is not null ? ">" + p.Moved : string.Empty)}"
        + (p.Default is not null ? "=" + p.Default : p.OpaqueDefault ? "?" : string.Empty));

    /// <summary>Reads <see cref="Fields"/>; null when one is not such a field.</summary>
    public static ConstructorSignature? Parse(IEnumerable<string> fields)
    {
        var parameters = new List<ConstructorParameter>();
        foreach (var field in fields)
        {
            if (field.Length < 2 || "PKVRWXpkvrwx".IndexOf(field[0]) is var letter && letter < 0)
            {
                return null;
            }
            var kind = (ConstructorParameterKind)(letter % 6);
            bool renamed = letter >= 6;
            var rest = field[1..];
            int equals = rest.IndexOf('=');
            bool opaque = equals < 0 && rest.EndsWith('?');
            var name = equals > 0 ? rest[..equals] : opaque ? rest[..^1] : rest;
            string? moved = null;
            if (name.IndexOf('>') is var arrow and > 0)
            {
                // The name and the attribute it moves to are identifiers: the first '>' (before any default) parts them.
                moved = name[(arrow + 1)..];
                name = name[..arrow];
            }
            parameters.Add(new ConstructorParameter(name, kind, equals > 0 ? rest[(equals + 1)..] : null, OpaqueDefault: opaque, Renamed: renamed, Moved: moved));
        }
        return new ConstructorSignature(parameters);
    }

    private static char Letter(ConstructorParameterKind kind) => "PKVRWX"[(int)kind];
}
