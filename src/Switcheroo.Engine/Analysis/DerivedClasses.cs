using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>One dataclass field of a converted module class, in <c>__init__</c>'s order: its name, its default as written (null: none), whether it is keyword-only.</summary>
public sealed record FieldSignature(string Name, string? Default, bool KeywordOnly)
{
    /// <summary>The default's node, where the class that declares the field writes it (a subclass declaring the field again writes the same value).</summary>
    public PythonParser.ExpressionContext? Value { get; init; }

    /// <summary>Whether the attribute of the field's name may hold another value than the field, as a base in another file may set it (<see cref="ImportedBases"/>).</summary>
    public bool Renamed { get; init; }

    /// <summary>The attribute a base in another file stores the field's other value under (<c>NAME_</c>, <see cref="ConstructorParameter.Moved"/>), which its subclasses read instead; null where not known.</summary>
    public string? MovedTo { get; init; }

    /// <summary>
    /// The field's place among the positional arguments of torch's constructor, where those are not all positional
    /// fields (a subclass taking its own arguments before its base's: <see cref="DerivedClasses"/>); null when the
    /// class's positional fields are torch's positional arguments, in their order (<see cref="PositionalInTorch"/>).
    /// </summary>
    public int? TorchPosition { get; init; }

    /// <summary>The fields torch's constructor takes by position, in its order: the positional fields, or those with a <see cref="TorchPosition"/> where any has one.</summary>
    public static List<FieldSignature> PositionalInTorch(IEnumerable<FieldSignature> fields)
    {
        var all = fields.Where(f => f.Name != Train(false).Name).ToList();
        return all.Any(f => f.TorchPosition is not null)
            ? all.Where(f => f.TorchPosition is not null).OrderBy(f => f.TorchPosition).ToList()
            : all.Where(f => !f.KeywordOnly).ToList();
    }

    /// <summary>The <c>train</c> field a train-dependent class declares after its own (<see cref="TrainState"/>).</summary>
    public static FieldSignature Train(bool keywordOnly) => new("train", "True", keywordOnly);
}

/// <summary>
/// A class deriving from a module class that converts (<c>class Child(Base)</c>), with what its
/// conversion needs or why it cannot convert (<see cref="Problem"/>): the constructor parameters it
/// declares as fields of its own (<see cref="Declared"/>: its new ones, and inherited ones whose
/// default it changes), all its named parameters (<see cref="Parameters"/>, read in setup as the
/// fields they are) and the statement calling the base's constructor (<see cref="BaseCall"/>,
/// which becomes <c>super().setup()</c>).
/// </summary>
public sealed record DerivedClass(
    PythonParser.Class_defContext Node,
    string BaseName,
    string? Problem,
    IReadOnlyList<PythonParser.ParameterContext> Declared,
    IReadOnlyList<PythonParser.ParameterContext> Parameters,
    PythonParser.StatementContext? BaseCall,
    IReadOnlyList<FieldSignature>? Fields)
{
    /// <summary>
    /// The base's fields the child declares again with a value of its base call as their default
    /// (<c>super().__init__(*args, conv_block=QuantizableConv, **kwargs)</c>, <c>super().__init__(size, mode='nearest')</c>),
    /// or, for a field the child does not take, the base's default, keyword-only so that no positional
    /// call reaches them (<see cref="FixedField"/>).
    /// </summary>
    public IReadOnlyList<FixedField> Fixed { get; init; } = [];

    /// <summary>
    /// The base's fields the child passes a value computed from its own argument of that name
    /// (<c>kernel_size_ = _single(kernel_size)</c>, <c>super().__init__(in_channels, out_channels, kernel_size_, ...)</c>):
    /// the field holds the argument in Flax, and the hierarchy reads torch's value through a property
    /// (<see cref="FieldTransform"/>).
    /// </summary>
    public IReadOnlyList<FieldTransform> Transforms { get; init; } = [];

    /// <summary>
    /// The child's positional arguments that are keyword-only fields in Flax, since the dataclass puts its base's fields
    /// before its own (<c>ConstantPad1d(padding, value)</c>: <c>value</c>): declared keyword-only.
    /// </summary>
    public IReadOnlySet<PythonParser.ParameterContext> Demoted { get; init; } = new HashSet<PythonParser.ParameterContext>();

    /// <summary>The base is a Linen class already (a converted file converted again): the child's bare annotations are its fields.</summary>
    public bool LinenBase { get; init; }
}

/// <summary>
/// A base's field <see cref="Name"/> to which a subclass passes <see cref="Value"/>, an expression of its own
/// argument of that name alone. Torch's base stores that value; in Flax the field holds the argument, and
/// the base and every converted class deriving from it read torch's value as a property (docs/maps.md,
/// "Subclasses of module classes"): the child's returns <see cref="Value"/> of the field, the base's the field itself.
/// </summary>
public sealed record FieldTransform(string Name, PythonParser.ExpressionContext Value);

/// <summary>A base's field a subclass declares again with <see cref="Value"/> as its default, keyword-only where <see cref="KeywordOnly"/>.</summary>
public sealed record FixedField(string Name, PythonParser.ExpressionContext? Value, bool KeywordOnly)
{
    /// <summary>The default as written, where <see cref="Value"/> is null: a literal default of a base of another file, which the module index keeps (<see cref="ImportedBases"/>).</summary>
    public string? Literal { get; init; }
}

/// <summary>
/// Decides whether a subclass of a converted module class converts exactly (docs/maps.md,
/// "Subclasses of module classes"). Flax makes every Linen subclass a dataclass whose fields are
/// its bases' fields, in their order, followed by its own (a field declared again keeps its place
/// and takes the new default), with <c>parent</c> and <c>name</c> keyword-only at the end; its
/// <c>setup</c> is a plain method, so the child's may call <c>super().setup()</c>. So a child
/// converts when its constructor passes the base's parameters it takes
/// through to the base's constructor unchanged (<c>super().__init__(a, b=b)</c>), the base's other fields
/// a value a field default can hold or nothing (<see cref="BaseCallArguments"/>; those fields are declared
/// again keyword-only, <see cref="DerivedClass.Fixed"/>), or takes exactly <c>*args, **kwargs</c> and passes
/// them on, or has no constructor; its new positional parameters cannot follow a positional
/// <c>train</c> field the base declares (a positional call would fill <c>train</c>). Its positional
/// parameters that the dataclass's order of fields cannot keep positional are keyword-only fields
/// (<see cref="Demoted"/>), so a construction passing them by keyword computes what torch computed and one
/// passing them by position is refused; one in the file that does is reported (<see cref="PositionalConstructions"/>).
/// </summary>
internal sealed class DerivedClasses(SemanticModel model, Mapping.MapSet maps)
{
    private Func<PythonParser.Class_defContext, bool> _staysTorch = _ => false;

    /// <summary>What is known of a converted base: its fields (null when it is imported or already a Linen module, so not known here, and why), its class in the file, and whether it is a Linen class already (a converted file converted again).</summary>
    public sealed record BaseFacts(IReadOnlyList<FieldSignature>? Fields, PythonParser.Class_defContext? Node, string? NotKnownBecause, bool Linen = false, bool Kept = false);

    /// <param name="staysTorch">whether a class of the file defined before this one stays torch code (a value naming it cannot be a Flax field's default)</param>
    public DerivedClass Read(PythonParser.Class_defContext cls, string baseName, BaseFacts basis, Func<PythonParser.Class_defContext, string?> shadows, bool needsTrain,
        Func<PythonParser.Class_defContext, bool>? staysTorch = null)
    {
        _staysTorch = staysTorch ?? (_ => false);
        DerivedClass Problem(string problem) => new(cls, baseName, problem, [], [], null, null);
        DerivedClass Checked(DerivedClass derived) => shadows(cls) is { } attribute
            ? Problem($"it sets or reads self.{attribute}, which is a field of {baseName} holding the constructor argument in Flax, while torch's constructor sets the attribute to another value")
            : derived;
        if (basis.Kept)
        {
            return Problem(basis.NotKnownBecause!);
        }
        var init = ModuleClasses.Constructor(cls);
        if (basis.Linen && (init is not null || model.ScopeOpenedBy(cls)?.Lookup("forward") is not null))
        {
            // A converted file converted again: a subclass of its Linen classes with torch's methods was kept.
            return Problem($"{basis.NotKnownBecause}, and it has torch's constructor or forward");
        }
        if (init is null)
        {
            return Checked(new DerivedClass(cls, baseName, null, [], [], null, basis.Fields) { LinenBase = basis.Linen });
        }
        var statements = init.block().statement();
        var calls = statements.Where(s => ModelBases.BaseConstructorCall(s, cls) is not null).ToList();
        if (calls.Count != 1)
        {
            return Problem(calls.Count == 0 ? $"its constructor does not call {baseName}'s constructor in a statement of its own" : $"its constructor calls {baseName}'s constructor {calls.Count} times");
        }
        var call = ModelBases.BaseConstructorCall(calls[0], cls)!;
        var arguments = CallArguments.Of(call.arguments()).ToList();
        if (call.expr() is PythonParser.AttributeExprContext { } callee && callee.expr() is not PythonParser.CallExprContext)
        {
            // Base.__init__(self, ...): self is the first argument.
            if (arguments.FirstOrDefault()?.GetText() != "self")
            {
                return Problem($"its call of {baseName}.__init__ does not pass self first");
            }
            arguments.RemoveAt(0);
        }
        var parameters = init.parameters()?.parameter().Skip(1).ToList() ?? [];
        if (Varargs(parameters, arguments) is { } passed)
        {
            if (!ReadOnlyBy(passed.Names, init, call))
            {
                return Problem($"its constructor reads {string.Join(" or ", passed.Names)} again after passing them on");
            }
            if (passed.Keywords.Count == 0 && passed.Leading.Count == 0)
            {
                return Checked(new DerivedClass(cls, baseName, null, [], [], calls[0], basis.Fields));
            }
            var defaults = NewDefaults(passed.Keywords, passed.Leading, basis, baseName, cls, init);
            return defaults.Problem is { } wrong
                ? Problem(wrong)
                : Checked(new DerivedClass(cls, baseName, null, [], [], calls[0], defaults.Fields) { Fixed = defaults.Fixed });
        }
        if (parameters is [{ } star, { } doubleStar] && star.STAR() is not null && star.name() is not null && doubleStar.DOUBLESTAR() is not null)
        {
            return Problem($"its constructor passes {baseName}'s constructor other arguments than its *{star.name().GetText()}, **{doubleStar.name().GetText()}, so its fields cannot be {baseName}'s");
        }
        if ((ModuleClasses.ConstructorProblem(init) ?? ModuleClasses.ModuleDefault(init, model, maps)) is { } problem)
        {
            return Problem(problem);
        }
        if (basis.Fields is null)
        {
            return Problem($"{basis.NotKnownBecause}, and its constructor takes arguments of its own; give it no constructor, or one taking *args, **kwargs that it passes on");
        }
        var passing = Passing(parameters, arguments, basis.Fields, baseName, cls, init);
        if (passing.Problem is not null)
        {
            return Problem(passing.Problem);
        }
        var train = basis.Fields.FirstOrDefault(f => f.Name == FieldSignature.Train(false).Name);
        bool FlaxKeywordOnly(PythonParser.ParameterContext p) => KeywordOnly(p, parameters) || passing.Demoted.Contains(p);
        if (train is { KeywordOnly: false } && passing.Extra.Any(p => !FlaxKeywordOnly(p)))
        {
            return Problem($"{baseName} carries the train flag as its last positional field, which its new positional arguments would follow in Flax, so a positional call would set the flag");
        }
        var named = parameters.Where(p => p.name() is not null && p.STAR() is null && p.DOUBLESTAR() is null).ToList();
        var fields = Signature(basis.Fields, passing, named.Where(p => !KeywordOnly(p, parameters)).ToList(), FlaxKeywordOnly, needsTrain && train is null);
        if (passing.Transforms.FirstOrDefault(t => TransformedFields.MayHoldVariables(t.Value, model, maps)) is { } holding)
        {
            return Problem($"it passes {baseName}'s '{holding.Name}' a value computed from its argument that may hold a layer or parameter ({holding.Value.GetText()}), "
                + "whose variables a property would build again at each read");
        }
        if (passing.Transforms.Count > 0 && basis.Node is null)
        {
            return Problem($"it passes {baseName}'s constructor a value computed from its argument '{passing.Transforms[0].Name}', which {baseName}'s methods would read "
                + $"through a property of {baseName}, not known here; define the subclass in {baseName}'s file");
        }
        return Checked(new DerivedClass(cls, baseName, null, passing.Redeclared.Concat(passing.Extra).OrderBy(p => p.Start.TokenIndex).ToList(), named, calls[0], fields)
        {
            Fixed = passing.Fixed,
            Transforms = passing.Transforms,
            Demoted = passing.Demoted,
        });
    }

    /// <summary>
    /// The two names of <c>def __init__(self, *args, **kwargs): super().__init__(*args, **kwargs)</c>, the
    /// keywords the call passes beside them (<c>super().__init__(*args, conv_block=C, **kwargs)</c>) and the
    /// positional values before <c>*args</c> (<c>super().__init__('LSTM', *args, **kwargs)</c>), else null.
    /// </summary>
    private static (string[] Names, List<PythonParser.KeywordArgumentContext> Keywords, List<PythonParser.ExpressionContext> Leading)? Varargs(
        List<PythonParser.ParameterContext> parameters, List<PythonParser.ArgumentContext> arguments)
    {
        if (parameters is not [{ } star, { } doubleStar] || star.STAR() is null || star.name() is not { } args || doubleStar.DOUBLESTAR() is null)
        {
            return null;
        }
        var positional = arguments.OfType<PythonParser.PositionalArgumentContext>().ToList();
        var leading = positional.Select(p => p.comprehension() is null ? p.NamedExpression() as PythonParser.ExpressionContext : null).ToList();
        var spreads = arguments.OfType<PythonParser.StarArgumentContext>().ToList();
        var keywordSpreads = arguments.OfType<PythonParser.DoubleStarArgumentContext>().ToList();
        var keywords = arguments.OfType<PythonParser.KeywordArgumentContext>().ToList();
        return spreads is [{ } spread] && spread.expression().GetText() == args.GetText()
            && leading.All(value => value is not null) && positional.All(p => arguments.IndexOf(p) < arguments.IndexOf(spread))
            && keywordSpreads is [{ } spreadKeywords] && spreadKeywords.expression().GetText() == doubleStar.name().GetText()
            && arguments[^1] == spreadKeywords && leading.Count + spreads.Count + keywordSpreads.Count + keywords.Count == arguments.Count
                ? ([args.GetText(), doubleStar.name().GetText()], keywords, leading.OfType<PythonParser.ExpressionContext>().ToList())
                : null;
    }

    /// <summary>
    /// The child's fields when it passes its base values beside <c>*args, **kwargs</c>: the base's, those
    /// values' fields with the values as defaults. A keyword's field keeps its place (a Flax dataclass field
    /// declared again does); a positional value before <c>*args</c> fills the base's first positional fields,
    /// which become keyword-only, so that the child's positional arguments fill the fields after them as
    /// torch's <c>*args</c> did. Torch evaluates the value each time the constructor runs, Flax once where the
    /// class is defined, so the value may only name what the module binds once, before the class (a class, a
    /// function, an import), in literals, lists and tuples, attributes and subscripts; and no positional field
    /// without a default may follow one with a default, which a dataclass rejects.
    /// </summary>
    private (string? Problem, IReadOnlyList<FieldSignature>? Fields, IReadOnlyList<FixedField> Fixed) NewDefaults(List<PythonParser.KeywordArgumentContext> keywords,
        List<PythonParser.ExpressionContext> leading, BaseFacts basis, string baseName, PythonParser.Class_defContext cls, PythonParser.Function_defContext init)
    {
        var passed = string.Join(", ", leading.Select(v => v.GetText()).Concat(keywords.Select(k => $"{k.name().GetText()}=")));
        if (basis.Fields is null)
        {
            return ($"{basis.NotKnownBecause}, whose fields are not known here, and its constructor passes {baseName}'s constructor {passed} beside its *args, **kwargs, "
                + $"which would be defaults of {baseName}'s fields; define the subclass in {baseName}'s file, or pass those arguments where it is built", null, []);
        }
        var fields = basis.Fields.ToList();
        var fixedFields = new List<FixedField>();
        var positional = FieldSignature.PositionalInTorch(fields);
        var values = leading.Select((value, i) => (Name: i < positional.Count ? positional[i].Name : null, Value: value, Leading: true))
            .Concat(keywords.Select(k => (Name: (string?)k.name().GetText(), Value: k.expression(), Leading: false)));
        foreach (var (name, value, isLeading) in values)
        {
            int index = name is null ? -1 : fields.FindIndex(f => f.Name == name && name != FieldSignature.Train(false).Name);
            if (index < 0)
            {
                return (name is null
                    ? $"it passes {baseName}'s constructor more positional values before its *args ({leading.Count}) than {baseName} has positional fields"
                    : $"it passes '{name}=' to {baseName}'s constructor, which is not one of {baseName}'s fields ({string.Join(", ", basis.Fields.Select(f => f.Name))})", null, []);
            }
            if (DefaultProblem(value, cls, init) is { } problem)
            {
                return ($"it passes '{(isLeading ? "" : name + "=")}{value.GetText()}' to {baseName}'s constructor, which becomes the default of the field {name} in Flax, evaluated once where the class is defined, and {problem}", null, []);
            }
            fields[index] = fields[index] with { Default = value.GetText(), Value = value, KeywordOnly = fields[index].KeywordOnly || isLeading };
            fixedFields.Add(new FixedField(name!, value, fields[index].KeywordOnly));
        }
        if (leading.Count > 0 && fields.Any(f => f.TorchPosition is not null))
        {
            // The values before *args take the base's first positional arguments; the child's *args the next ones.
            fields = fields.Select(f => f with { TorchPosition = f.TorchPosition >= leading.Count ? f.TorchPosition - leading.Count : null }).ToList();
        }
        var positionalFields = fields.Where(f => !f.KeywordOnly).ToList();
        int firstDefault = positionalFields.FindIndex(f => f.Default is not null);
        if (firstDefault >= 0 && positionalFields.Skip(firstDefault).FirstOrDefault(f => f.Default is null) is { } required)
        {
            return ($"it passes {passed} to {baseName}'s constructor, which as a default in Flax would precede the field '{required.Name}' that has none, and a dataclass rejects that; pass the argument in the calls instead", null, []);
        }
        return (null, fields, fixedFields);
    }

    /// <summary>Why a value cannot be a field default that reads as the argument did, or null.</summary>
    private string? DefaultProblem(PythonParser.ExpressionContext value, PythonParser.Class_defContext cls, PythonParser.Function_defContext init)
    {
        if (ParseTrees.Descendants<PythonParser.CallExprContext>(value).Any(c => !TransformedFields.IsConstantCall(c, model, maps))
            || ParseTrees.Descendants<PythonParser.LambdefContext>(value).Any()
            || ParseTrees.Descendants<PythonParser.ComprehensionContext>(value).Any())
        {
            return "it calls (other than a mapped torch function of literals), or defines a function or comprehension, which torch did for each construction";
        }
        if (SyntaxShapes.AtomOf(value) is PythonParser.DictOrSetAtomContext)
        {
            return "a dataclass field cannot default to a dict or set";
        }
        foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(value))
        {
            var name = use.GetText();
            var bindings = model.Module.Lookup(name);
            if (model.ScopeOpenedBy(init)?.Lookup(name) is not null || model.ScopeOpenedBy(cls)?.Lookup(name) is not null)
            {
                return $"'{name}' is bound in the class or its constructor";
            }
            if (bindings is not null && (bindings.Count != 1 || bindings[0].Site.Start.TokenIndex > cls.Start.TokenIndex))
            {
                return $"'{name}' is bound {(bindings.Count != 1 ? "more than once" : "after the class")} in the module";
            }
            if (bindings is [{ Site: var site }] && (site as PythonParser.Class_defContext ?? site.Parent as PythonParser.Class_defContext) is { } named && _staysTorch(named))
            {
                return $"'{name}' is a class of this file that stays torch code, which a Flax module cannot build";
            }
        }
        return null;
    }

    /// <summary>Whether the constructor reads the names nowhere but in the base call.</summary>
    private static bool ReadOnlyBy(string[] names, PythonParser.Function_defContext init, PythonParser.CallExprContext call) =>
        ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block())
            .All(n => !names.Contains(n.GetText()) || (n.Start.TokenIndex >= call.Start.TokenIndex && n.Stop.TokenIndex <= call.Stop.TokenIndex));

    private sealed record PassThrough(string? Problem, List<PythonParser.ParameterContext> Redeclared, List<PythonParser.ParameterContext> Extra, List<FixedField> Fixed)
    {
        public List<FieldTransform> Transforms { get; init; } = [];

        /// <summary>The child's positional arguments that are keyword-only fields in Flax (<see cref="Demoted"/>).</summary>
        public IReadOnlySet<PythonParser.ParameterContext> Demoted { get; init; } = new HashSet<PythonParser.ParameterContext>();
    }

    /// <summary>
    /// The child's parameters against the base's fields, and its base call against both
    /// (<see cref="BaseCallArguments"/>). Flax's positional fields are the base's, in its order, then the
    /// child's own; the child's positional arguments from the first that breaks that order on are keyword-only
    /// fields (<see cref="Demoted"/>). A base field the child fixes (<c>mode='nearest'</c>) or does not take
    /// is declared again keyword-only, with that value or the base's default, so that no positional call
    /// reaches it; one the child takes keyword-only is declared again keyword-only.
    /// </summary>
    private PassThrough Passing(List<PythonParser.ParameterContext> parameters, List<PythonParser.ArgumentContext> arguments,
        IReadOnlyList<FieldSignature> fields, string baseName, PythonParser.Class_defContext cls, PythonParser.Function_defContext init)
    {
        PassThrough Problem(string problem) => new(problem, [], [], []);
        var named = parameters.Where(p => p.name() is not null && p.STAR() is null && p.DOUBLESTAR() is null).ToList();
        var inherited = fields.Where(f => f.Name != FieldSignature.Train(false).Name).ToList();
        if (fields.Count > inherited.Count && named.Any(p => p.name().GetText() == FieldSignature.Train(false).Name))
        {
            return Problem($"its constructor argument 'train' would be the train field {baseName} carries");
        }
        if (BaseCallArguments.Of(arguments, inherited, parameters, init, model, value => DefaultProblem(value, cls, init), out var wrong) is not { } given)
        {
            return Problem(wrong!.Replace("the base's", $"{baseName}'s", StringComparison.Ordinal) + $", so its fields cannot be {baseName}'s");
        }
        var matched = given.Where(g => g.Own is not null).ToDictionary(g => g.Own!, g => g.Field);
        var positional = named.Where(p => !KeywordOnly(p, parameters)).ToList();
        var demoted = Demoted(positional, matched, inherited);
        bool FlaxKeywordOnly(PythonParser.ParameterContext p) => KeywordOnly(p, parameters) || demoted.Contains(p);
        var rebound = given.Where(g => g.Transform is not null && g.Own is not null).Select(g => g.Own!).ToHashSet();
        foreach (var parameter in matched.Keys.Where(p => !rebound.Contains(p)))
        {
            if (IsRebound(parameter, init))
            {
                return Problem($"its constructor assigns its argument '{parameter.name().GetText()}' before passing it on");
            }
        }
        var redeclared = matched.Where(m => m.Key.expression()?.GetText() != m.Value.Default || FlaxKeywordOnly(m.Key) != m.Value.KeywordOnly)
            .Select(m => m.Key).OrderBy(p => p.Start.TokenIndex).ToList();
        var fixedFields = given.Where(g => g.Value is not null || (g.Own is null && !g.Field.KeywordOnly))
            .Select(g => new FixedField(g.Field.Name, g.Value ?? g.Field.Value, true) { Literal = g.Value is null && g.Field.Value is null ? g.Field.Default : null }).ToList();
        if (given.FirstOrDefault(g => g.Own is null && g.Value is null && !g.Field.KeywordOnly && g.Field.Value is null
                && g.Field.Default is null or ImportedBases.UnknownDefault) is { } unknown)
        {
            return Problem($"it does not take {baseName}'s argument '{unknown.Field.Name}', whose default is not known here to declare again keyword-only");
        }
        return new PassThrough(null, redeclared, named.Where(p => !matched.ContainsKey(p)).ToList(), fixedFields) {
            Transforms = given.Where(g => g.Transform is not null).Select(g => new FieldTransform(g.Field.Name, g.Transform!)).ToList(),
            Demoted = demoted,
        };
    }

    /// <summary>
    /// The child's positional arguments that cannot be positional fields in Flax. A dataclass's positional
    /// parameters are its fields that are not keyword-only, in the fields' order: the base's (a field declared
    /// again keeps its place), then the child's own. So the child's positional arguments stay positional up to
    /// the first whose field stands before the previous one's (<c>ConstantPad1d(padding, value)</c>: <c>value</c>
    /// is the base's, before the new <c>padding</c>); from it on they are keyword-only fields (the base's
    /// declared again so, the child's own after <c>_: dataclasses.KW_ONLY</c>). A call passing them by keyword
    /// computes what torch computed; one passing them by position is refused (<c>TypeError</c>), never given
    /// to another field.
    /// </summary>
    private static HashSet<PythonParser.ParameterContext> Demoted(List<PythonParser.ParameterContext> positional,
        Dictionary<PythonParser.ParameterContext, FieldSignature> matched, List<FieldSignature> inherited)
    {
        int last = -1, own = inherited.Count;
        for (int i = 0; i < positional.Count; i++)
        {
            int place = matched.TryGetValue(positional[i], out var field) ? inherited.FindIndex(f => f.Name == field.Name) : own++;
            if (place <= last)
            {
                return positional.Skip(i).ToHashSet();
            }
            last = place;
        }
        return [];
    }

    /// <summary>
    /// The child's fields: the base's, the redeclared ones with their new defaults (keyword-only where the child
    /// takes them so or they are <see cref="PassThrough.Demoted"/>), the fixed ones keyword-only with their values,
    /// then its new ones (positional, then keyword-only), then <c>train</c> when it declares one. Where some of its
    /// positional arguments are keyword-only fields, each field of a positional argument records its place among
    /// them (<see cref="FieldSignature.TorchPosition"/>), which a subclass's base call passes by position.
    /// </summary>
    private static List<FieldSignature> Signature(IReadOnlyList<FieldSignature> fields, PassThrough passing, List<PythonParser.ParameterContext> positional,
        Func<PythonParser.ParameterContext, bool> keywordOnly, bool declaresTrain)
    {
        var result = fields.Select(f => passing.Redeclared.FirstOrDefault(p => p.name().GetText() == f.Name) is { } p
                ? f with { Default = p.expression()?.GetText(), Value = p.expression(), KeywordOnly = keywordOnly(p) }
                : passing.Fixed.FirstOrDefault(x => x.Name == f.Name) is { } fixedField
                    ? f with { Default = fixedField.Value?.GetText() ?? fixedField.Literal, Value = fixedField.Value, KeywordOnly = true }
                : f).ToList();
        var own = passing.Extra.Select(p => new FieldSignature(p.name().GetText(), p.expression()?.GetText(), keywordOnly(p)) { Value = p.expression() }).ToList();
        result.AddRange(own);
        if (declaresTrain)
        {
            result.Add(FieldSignature.Train(passing.Fixed.Count > 0 || passing.Redeclared.Concat(passing.Extra).Any(keywordOnly)));
        }
        var places = positional.Select((p, i) => (p.name().GetText(), i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.Ordinal);
        return result.Select(f => f with { TorchPosition = passing.Demoted.Count > 0 && places.TryGetValue(f.Name, out var place) ? place : null }).ToList();
    }

    /// <summary>
    /// Why a class whose positional arguments are not all positional fields (<see cref="FieldSignature.TorchPosition"/>)
    /// cannot convert: a call of its name in the file passes more positional arguments than it has positional fields,
    /// or unpacks <c>*</c> (Flax would refuse the construction that torch took); null when none does.
    /// </summary>
    public string? PositionalConstructions(PythonParser.Class_defContext cls, IReadOnlyList<FieldSignature>? fields)
    {
        if (fields is null || fields.All(f => f.TorchPosition is null))
        {
            return null;
        }
        var positional = fields.Where(f => !f.KeywordOnly && f.Name != FieldSignature.Train(false).Name).ToList();
        var torch = FieldSignature.PositionalInTorch(fields);
        foreach (var use in model.Uses.Where(u => u.GetText() == cls.name().GetText()))
        {
            if (use.Parent is not PythonParser.CallExprContext call || call.expr() != use
                || SemanticModel.Lookup(use.GetText(), model.ScopeOf(use)) is not { } bindings || !bindings.Any(b => b.Site == cls))
            {
                continue;
            }
            var arguments = CallArguments.Of(call.arguments()).ToList();
            int count = arguments.Count(a => a is PythonParser.PositionalArgumentContext);
            if (count > positional.Count || arguments.Any(a => a is PythonParser.StarArgumentContext))
            {
                var first = torch.ElementAtOrDefault(positional.Count)?.Name;
                return $"its Flax fields from '{first}' on are keyword-only (a dataclass puts its base's fields before its own, so they cannot follow torch's order), "
                    + $"and the construction at line {call.Start.Line} passes {(count > positional.Count ? $"{count} positional arguments" : "*")}; pass '{first}' and the arguments after it by keyword there";
            }
        }
        return null;
    }

    /// <summary>Whether a parameter follows a bare <c>*</c> (or <c>*args</c>): keyword-only.</summary>
    internal static bool KeywordOnly(PythonParser.ParameterContext parameter, IReadOnlyList<PythonParser.ParameterContext> parameters) =>
        parameters.TakeWhile(p => p != parameter).Any(p => p.STAR() is not null);

    private bool IsRebound(PythonParser.ParameterContext parameter, PythonParser.Function_defContext init) =>
        model.ScopeOpenedBy(init)?.Lookup(parameter.name().GetText()) is { } bindings && bindings.Any(b => b.Site != parameter);
}
