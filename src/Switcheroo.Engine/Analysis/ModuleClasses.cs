using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The classes of a file that convert to Linen modules: a base is a torch name whose map entry
/// names the <c>module_class</c> hook (<c>nn.Module</c>) or the <c>sequential</c> hook (<c>nn.Sequential</c>,
/// whose layers <see cref="SequentialLayers"/> must know), and the constructor's arguments can be
/// dataclass fields (<see cref="ConstructorProblem"/>). A class that cannot be converted is kept as
/// written, classes nested in it included. Known before rewriting, so every pass asks the same
/// question and gets the same answer wherever in the file it stands.
/// </summary>
public sealed class ModuleClasses
{
    /// <summary>The hook that converts a module class (the entry of <c>torch.nn.Module</c> names it).</summary>
    public const string Hook = MapSet.ModuleClassHook;

    private readonly HashSet<PythonParser.Class_defContext> _classes;
    private readonly Dictionary<string, PythonParser.Class_defContext> _byName;
    private readonly Dictionary<PythonParser.Class_defContext, DerivedClass> _derived;
    private readonly Dictionary<PythonParser.Class_defContext, Variadics> _ignored;

    private ModuleClasses(List<PythonParser.Class_defContext> classes, Dictionary<PythonParser.Class_defContext, DerivedClass> derived,
        Dictionary<PythonParser.Class_defContext, Variadics> ignored)
    {
        _classes = classes.ToHashSet();
        _derived = derived;
        _ignored = ignored;
        _byName = new(StringComparer.Ordinal);
        foreach (var cls in classes)
        {
            // The first class of a name is the one its name finds.
            _byName.TryAdd(cls.name().GetText(), cls);
        }
    }

    /// <param name="imported">the module classes imported from the files converted together (<see cref="FileFacts.ImportedClasses"/>), which classes of the file may derive from</param>
    /// <param name="train">which classes carry a <c>train</c> field, which decides where a subclass's new fields stand (none known: none carries one)</param>
    /// <param name="signatures">the constructors of those the module index knows (<see cref="ProjectModules.ImportedSignatures"/>), which give their fields (<see cref="ImportedBases"/>)</param>
    public static ModuleClasses Of(PythonParser.File_inputContext root, SemanticModel model, MapSet maps,
        IReadOnlyDictionary<string, ClassFacts>? imported = null, TrainState? train = null, IReadOnlyDictionary<string, ConstructorSignature>? signatures = null)
    {
        var converted = new List<PythonParser.Class_defContext>();
        var kept = new List<PythonParser.Class_defContext>();
        var derived = new Dictionary<PythonParser.Class_defContext, DerivedClass>();
        var ignored = new Dictionary<PythonParser.Class_defContext, Variadics>();
        var bases = new Dictionary<string, DerivedClasses.BaseFacts>(StringComparer.Ordinal);
        foreach (var (name, facts) in imported ?? new Dictionary<string, ClassFacts>())
        {
            bases[name] = ImportedBases.Of(name, facts, signatures?.GetValueOrDefault(name));
        }
        var reader = new DerivedClasses(model, maps);
        foreach (var cls in ParseTrees.Descendants<PythonParser.Class_defContext>(root))
        {
            if (kept.Any(outer => Contains(outer, cls)))
            {
                continue;
            }
            var name = cls.name().GetText();
            if (ModelBases.Has(cls, model, maps))
            {
                bool converts = Problem(cls, model, maps) is null;
                (converts ? converted : kept).Add(cls);
                if (!converts)
                {
                    bases.TryAdd(name, KeptBase(name, cls));
                }
                if (converts && Constructor(cls) is null && LayerBases.Of(cls, model, maps) is { Entry: var layer })
                {
                    // Its fields are torch's layer's constructor, declared by the runtime's base.
                    bases.TryAdd(name, new(null, cls, $"{name}'s fields are those of {layer.Torch}'s constructor, declared by the runtime's base of {layer.Torch}"));
                }
                if (converts && !SequentialLayers.IsSequentialSubclass(cls, model, maps))
                {
                    bases.TryAdd(name, new(Signature(cls, train), cls, null));
                }
                if (converts && IgnoredVariadics(Constructor(cls)) is { Count: > 0 } dropped)
                {
                    ignored[cls] = new(Signature(cls, null), dropped.Any(p => p.STAR() is not null),
                        string.Join(" and ", dropped.Select(p => (p.STAR() is not null ? "*" : "**") + p.name().GetText())));
                }
                continue;
            }
            if (ModelBases.Of(cls).Any(b => model.QualifiedName(b) == LinenModule))
            {
                // A converted file converted again: its module classes are Linen classes already.
                bases.TryAdd(name, new(null, cls, $"{name} is a Flax module already", Linen: true));
                continue;
            }
            if (DerivedFrom(cls, bases) is not { } basis)
            {
                continue;
            }
            var child = basis.Facts is not { } facts
                ? new DerivedClass(cls, basis.Name, OtherBases(cls, basis.Name, model, maps), [], [], null, null)
                : reader.Read(cls, basis.Name, facts, c => Shadows(c, facts, bases, derived, model, maps), train?.NeedsTrain(cls) == true,
                    c => kept.Contains(c) || (!converted.Contains(c) && ModelBases.Of(c).Any(b => TorchNames.IsTorch(model.QualifiedName(b)))));
            if (child is { Problem: null, Transforms: [_, ..] } && basis.Facts?.Node is { } transformed
                && TransformProblem(child, basis.Name, transformed, derived, bases, model, maps) is { } why)
            {
                child = child with { Problem = why };
            }
            if (child.Problem is null && reader.PositionalConstructions(cls, child.Fields) is { } refused)
            {
                child = child with { Problem = refused };
            }
            derived[cls] = child;
            (child.Problem is null ? converted : kept).Add(cls);
            if (child.Problem is not null)
            {
                bases.TryAdd(name, KeptBase(name, cls));
            }
            if (child.Problem is null)
            {
                bases.TryAdd(name, child.LinenBase
                    ? new(null, cls, $"{name} is a Flax module already", Linen: true)
                    : new(child.Fields, cls, child.Fields is null ? $"{name}'s fields are those of {basis.Name}, which are not known here" : null));
                var inherited = basis.Facts?.Node is { } baseNode ? ignored.GetValueOrDefault(baseNode)
                    : imported?.GetValueOrDefault(basis.Name).HasFlag(ClassFacts.IgnoresArguments) == true ? new Variadics(null, true, Variadics.Unknown) : null;
                if (inherited is not null && TakesBaseConstructor(cls))
                {
                    ignored[cls] = inherited with { Fields = (child.Fields ?? inherited.Fields)?.Where(f => f.Name != FieldSignature.Train(false).Name).ToList() };
                }
            }
        }
        return new ModuleClasses(converted, derived, ignored);
    }

    /// <summary>
    /// A converted class whose torch constructor takes <c>*args</c> or <c>**kwargs</c> it never reads
    /// (its own, or its base's when it has no constructor or one that passes <c>*args, **kwargs</c>
    /// on): what they caught, torch ignored; the Linen class has only <see cref="Fields"/> (the
    /// <c>train</c> field, which torch's constructor never took, not among them; null when not known
    /// here: a class imported from another file of the project, <see cref="ClassFacts.IgnoresArguments"/>).
    /// </summary>
    /// <param name="Args">whether it ignores positional arguments too (<c>*args</c>)</param>
    /// <param name="Written">the ignored arguments as written (<c>*args and **kwargs</c>)</param>
    public sealed record Variadics(IReadOnlyList<FieldSignature>? Fields, bool Args, string Written)
    {
        /// <summary>What a class of another file ignores, as far as its facts in the index say.</summary>
        public const string Unknown = "*args or **kwargs";

        /// <summary>Whether it ignores keywords (a <c>**kwargs</c>), not only positional arguments.</summary>
        public bool Keywords => Written.Contains("**", StringComparison.Ordinal);
    }

    /// <summary>The <c>*args</c>/<c>**kwargs</c> a converted class's constructor ignores, when it does.</summary>
    public Variadics? IgnoredBy(PythonParser.Class_defContext cls) => _ignored.GetValueOrDefault(cls);

    /// <summary>Whether any class of the file converts without the <c>*args</c>/<c>**kwargs</c> it ignores.</summary>
    public bool AnyIgnored => _ignored.Count > 0;

    /// <summary>
    /// Why a class with other bases or class keywords besides a module class does not convert, with the refusal of the first
    /// torch name its body uses whose entry is unsupported (torch's lazy layers: <c>UninitializedParameter</c>, and what to use instead).
    /// </summary>
    private static string OtherBases(PythonParser.Class_defContext cls, string baseName, SemanticModel model, MapSet maps)
    {
        var refused = ParseTrees.Descendants<PythonParser.NameAtomContext>(cls.block())
            .Select(a => model.QualifiedName(a)).Where(TorchNames.IsTorch)
            .Select(name => (Name: name!, Entry: maps.Find(name!))).FirstOrDefault(e => e.Entry?.Unsupported is not null);
        return $"it has other bases or class keywords besides {baseName}"
            + (refused.Entry is { } entry ? $", and it uses {refused.Name}: {entry.Unsupported}" + (entry.Instead is { } instead ? $"; use {instead}" : "") : "");
    }

    /// <summary>Whether a subclass is built by its base's constructor: it has none, or one that passes <c>*args, **kwargs</c> on.</summary>
    private static bool TakesBaseConstructor(PythonParser.Class_defContext cls) =>
        Constructor(cls)?.parameters()?.parameter().Skip(1).ToList() is not { } parameters
        || parameters is [{ } star, { } doubleStar] && star.STAR() is not null && star.name() is not null && doubleStar.DOUBLESTAR() is not null;

    /// <summary>
    /// A module class of the file kept as torch code: a class deriving from it is torch code too (torch's
    /// <c>ZeroPad2d(ConstantPad2d)</c>), kept and reported, never a torch constructor on a Linen base it inherits.
    /// </summary>
    private static DerivedClasses.BaseFacts KeptBase(string name, PythonParser.Class_defContext cls) =>
        new(null, cls, $"{name} stays torch code (reported where it is defined)", Kept: true);

    /// <summary>The base the module classes of a converted file have.</summary>
    private const string LinenModule = "flax.linen.Module";

    /// <summary>
    /// Why the fields a subclass passes its base as values computed from its arguments (<see cref="DerivedClass.Transforms"/>)
    /// cannot be read through one property each (<c>Rewriting/Modules/FieldProperties</c>), or null. The property stands on the
    /// topmost class of the file the base derives from through converted classes (torch's <c>ConvTranspose2d</c> →
    /// <c>_ConvTransposeNd</c> → <c>_ConvNd</c>): each class on the way passes the field on unchanged (no transform of its own),
    /// and none stores another value under the field's name.
    /// </summary>
    private static string? TransformProblem(DerivedClass child, string baseName, PythonParser.Class_defContext node,
        Dictionary<PythonParser.Class_defContext, DerivedClass> derived, Dictionary<string, DerivedClasses.BaseFacts> bases, SemanticModel model, MapSet maps)
    {
        var seen = new HashSet<PythonParser.Class_defContext>();
        for (var step = node; seen.Add(step);)
        {
            var name = step.name().GetText();
            var plain = TransformedFields.PlainTransformed(step, model, maps).ToHashSet(StringComparer.Ordinal);
            if (child.Transforms.FirstOrDefault(t => plain.Contains(t.Name)) is { } stored)
            {
                return $"it passes {baseName}'s constructor a value computed from its argument '{stored.Name}', which {name} stores under another name itself, "
                    + "so its reads cannot go through one property";
            }
            if (!derived.TryGetValue(step, out var between))
            {
                return null;
            }
            if (between.Problem is not null || child.Transforms.Any(t => between.Transforms.Any(o => o.Name == t.Name))
                || bases.GetValueOrDefault(between.BaseName)?.Node is not { } next)
            {
                var field = child.Transforms.FirstOrDefault(t => between.Transforms.Any(o => o.Name == t.Name)) ?? child.Transforms[0];
                return $"it passes {baseName}'s constructor a value computed from its argument '{field.Name}', which {name} "
                    + (between.Problem is null && between.Transforms.Any(o => o.Name == field.Name) ? "computes from it again for its base"
                        : "derives from a module class not known here and may pass on")
                    + ", so its reads cannot go through one property";
            }
            step = next;
        }
        return null;
    }

    /// <summary>The class's base, when it is a converted module class of the file, imported, or a Linen class; no facts when the class has other bases too, or class keywords.</summary>
    private static (string Name, DerivedClasses.BaseFacts? Facts)? DerivedFrom(PythonParser.Class_defContext cls, Dictionary<string, DerivedClasses.BaseFacts> bases)
    {
        var written = ModelBases.Of(cls).Select(b => b.GetText()).ToList();
        var known = written.FirstOrDefault(bases.ContainsKey);
        if (known is null)
        {
            return null;
        }
        if (written.Count > 1 || cls.arguments()?.argument().Length != 1)
        {
            return (known, null);
        }
        return (known, bases[known]);
    }

    /// <summary>The fields of a converted torch module class: its constructor's named arguments, then <c>train</c> when it carries one (keyword-only after keyword-only fields).</summary>
    private static List<FieldSignature> Signature(PythonParser.Class_defContext cls, TrainState? train)
    {
        var parameters = Constructor(cls)?.parameters()?.parameter().Skip(1).ToList() ?? [];
        var fields = parameters.Where(p => p.name() is not null && p.STAR() is null && p.DOUBLESTAR() is null)
            .Select(p => new FieldSignature(p.name().GetText(), p.expression()?.GetText(), DerivedClasses.KeywordOnly(p, parameters)) { Value = p.expression() }).ToList();
        if (train?.NeedsTrain(cls) == true)
        {
            fields.Add(FieldSignature.Train(fields.Any(f => f.KeywordOnly)));
        }
        return fields;
    }

    /// <summary>
    /// The inherited field whose attribute a subclass assigns in its constructor, or whose
    /// <c>self.NAME</c> it touches where a class it derives from assigns it a value that may hold variables
    /// (which stays, reported); else null. A plain value, which that class's conversion moves to <c>NAME_</c>,
    /// the subclass reads there too (<see cref="TransformedFields"/>).
    /// </summary>
    private static string? Shadows(PythonParser.Class_defContext child, DerivedClasses.BaseFacts basis,
        Dictionary<string, DerivedClasses.BaseFacts> bases, Dictionary<PythonParser.Class_defContext, DerivedClass> derived, SemanticModel model, MapSet maps)
    {
        var names = (basis.Fields ?? []).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (AssignedOtherwise(child).FirstOrDefault(names.Contains) is { } assigned)
        {
            return assigned;
        }
        // A base of another file may keep the attribute under another name (ImportedBases); one that moves it to NAME_, the subclass
        // reads there, unless it uses that attribute itself (its reads of NAME would become its own attribute's).
        var own = ParseTrees.Descendants<PythonParser.AttributeExprContext>(child).Where(a => a.expr().GetText() == "self")
            .Select(a => a.name().GetText()).ToHashSet(StringComparer.Ordinal);
        var shadowed = (basis.Fields ?? []).Where(f => f.Renamed && (f.MovedTo is null || own.Contains(f.MovedTo))).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        for (var ancestor = basis.Node; ancestor is not null;)
        {
            var renamed = TransformedFields.PlainTransformed(ancestor, model, maps).ToHashSet(StringComparer.Ordinal);
            shadowed.UnionWith(AssignedOtherwise(ancestor).Where(n => names.Contains(n) && !renamed.Contains(n)));
            ancestor = derived.TryGetValue(ancestor, out var step) && bases.TryGetValue(step.BaseName, out var next) ? next.Node : null;
        }
        return ParseTrees.Descendants<PythonParser.AttributeExprContext>(child)
            .FirstOrDefault(a => a.expr().GetText() == "self" && shadowed.Contains(a.name().GetText()))?.name().GetText();
    }

    /// <summary>The names <c>NAME</c> whose attribute a class's constructor assigns (<c>self.NAME = value</c>) anything but <c>NAME</c>.</summary>
    internal static IEnumerable<string> AssignedOtherwise(PythonParser.Class_defContext cls)
    {
        if (Constructor(cls) is not { } init)
        {
            yield break;
        }
        foreach (var statement in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(init.block()))
        {
            var values = statement.assigned_value();
            if (values.Length == 0)
            {
                continue;
            }
            var value = values[^1];
            foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(statement))
            {
                if (attribute.Stop.TokenIndex < value.Start.TokenIndex && attribute.expr().GetText() == "self"
                    && attribute.Parent is not PythonParser.ExprContext && value.GetText() != attribute.name().GetText())
                {
                    yield return attribute.name().GetText();
                }
            }
        }
    }

    /// <summary>The subclasses of converted module classes (<see cref="DerivedClasses"/>), those that do not convert included.</summary>
    public IEnumerable<DerivedClass> Derived => _derived.Values;

    /// <summary>What converting a subclass of a module class needs, when the class is one.</summary>
    public DerivedClass? DerivedOf(PythonParser.Class_defContext cls) => _derived.GetValueOrDefault(cls);

    /// <summary>Whether the class converts to a Linen module.</summary>
    public bool Converts(PythonParser.Class_defContext cls) => _classes.Contains(cls);

    /// <summary>A converted module class of this file by name.</summary>
    public PythonParser.Class_defContext? Named(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The converted module class a node belongs to, if any (innermost enclosing class).</summary>
    public PythonParser.Class_defContext? Around(ParserRuleContext node)
    {
        var cls = SyntaxShapes.Enclosing<PythonParser.Class_defContext>(node);
        return cls is not null && _classes.Contains(cls) ? cls : null;
    }

    /// <summary>The class's <c>__init__</c> (the first, plain or decorated), or null.</summary>
    public static PythonParser.Function_defContext? Constructor(PythonParser.Class_defContext cls) =>
        Methods(cls).FirstOrDefault(m => m.name().GetText() == "__init__");

    /// <summary>The functions a class body defines (decorated or not), in order.</summary>
    public static IEnumerable<PythonParser.Function_defContext> Methods(PythonParser.Class_defContext cls) =>
        cls.block().statement()
            .Select(s => s.function_def() ?? s.decorated()?.function_def())
            .OfType<PythonParser.Function_defContext>();

    /// <summary>Why a class with a module base does not convert (<see cref="ConstructorProblem"/>, a class deriving from a layer's <see cref="LayerBases.Problem"/>, or a Sequential subclass's <see cref="SequentialLayers.Problem"/>), or null.</summary>
    public static string? Problem(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps) =>
        ConstructorProblem(Constructor(cls), ignoredVariadics: true)
        ?? ModuleDefault(Constructor(cls), model, maps)
        ?? LayerBases.Problem(cls, model, maps)
        ?? (SequentialLayers.IsSequentialSubclass(cls, model, maps) ? SequentialLayers.Of(cls, model, maps).Problem : null);

    /// <summary>
    /// Why an argument's default cannot be its field's: a torch layer class whose value form draws from a
    /// module's RNG streams, or follows its train flag with no <c>unbound_value</c> (<c>norm_layer=nn.BatchNorm2d</c>
    /// becomes <c>switcheroo_runtime.TorchBatchNorm</c>, which takes the flag of the module that builds it).
    /// A field's default stands in the class body, where no module is around to take them from. Null when
    /// every default can be a field's.
    /// </summary>
    public static string? ModuleDefault(PythonParser.Function_defContext? init, SemanticModel model, MapSet maps)
    {
        foreach (var parameter in init?.parameters()?.parameter() ?? [])
        {
            if (parameter.expression() is { } value && TargetNames.Unwrap(value) is PythonParser.ExprContext expression && model.QualifiedName(expression) is { } name
                && maps.Find(name) is { AsValue: { } form } entry
                && ((form.Contains("{@train}", StringComparison.Ordinal) && entry.AsUnboundValue is null) || form.Contains("{@key}", StringComparison.Ordinal)))
            {
                return $"its constructor argument '{parameter.name().GetText()}' defaults to {name}, whose layers follow a module's train flag or RNG streams, "
                    + "which a field's default in the class body cannot reach; default it to None and name the class in the constructor";
            }
        }
        return null;
    }

    /// <summary>
    /// Why a constructor's arguments cannot be dataclass fields (<c>*args</c> or <c>**kwargs</c> that
    /// it reads, a positional-only marker, an argument without a default after one with, a dict or
    /// set default, no <c>self</c> first), or null when they can. Arguments after a bare <c>*</c> (or
    /// after <c>*args</c>) are keyword-only fields (after <c>_: dataclasses.KW_ONLY</c>), which need no
    /// default whatever comes before them. With <paramref name="ignoredVariadics"/>, a <c>*args</c> or
    /// <c>**kwargs</c> the constructor never reads is no problem: torch accepts and ignores what it
    /// catches, and the Linen class has no field for it (<see cref="IgnoredVariadics"/> reports the
    /// constructions that pass it anything). A class that defines <c>__init__</c> more than once
    /// (<c>@typing.overload</c> signatures before the real one, as torch's <c>Sequential</c>) has no one
    /// signature its fields could be.
    /// </summary>
    public static string? ConstructorProblem(PythonParser.Function_defContext? init, bool ignoredVariadics = false)
    {
        if (init is not null && SyntaxShapes.Enclosing<PythonParser.Class_defContext>(init.Parent) is { } owner
            && Methods(owner).Count(m => m.name().GetText() == "__init__") > 1)
        {
            return "it defines __init__ more than once (typing.overload signatures), and a dataclass's constructor has one signature";
        }
        bool defaultSeen = false, keywordOnly = false;
        foreach (var parameter in init?.parameters()?.parameter().Skip(1) ?? [])
        {
            if (parameter.STAR() is not null && parameter.name() is null)
            {
                keywordOnly = true;
                continue;
            }
            if (parameter.name() is not { } name)
            {
                return "its constructor takes a positional-only marker '/', which dataclass fields cannot express (a field is a keyword too); remove the marker";
            }
            if (parameter.STAR() is not null || parameter.DOUBLESTAR() is not null)
            {
                keywordOnly |= parameter.STAR() is not null;
                if (VariadicProblem(parameter, init!, ignoredVariadics) is { } variadic)
                {
                    return variadic;
                }
                continue;
            }
            var defaultValue = parameter.expression();
            if (defaultValue is null && defaultSeen && !keywordOnly)
            {
                return $"constructor argument '{name.GetText()}' has no default but follows one that has";
            }
            if (defaultValue is not null && SyntaxShapes.AtomOf(defaultValue) is PythonParser.DictOrSetAtomContext)
            {
                return $"constructor argument '{name.GetText()}' defaults to a dict or set, which a dataclass field cannot";
            }
            defaultSeen |= defaultValue is not null;
        }
        return init is not null && init.parameters()?.parameter(0)?.name()?.GetText() != "self" ? "its __init__ does not take self first" : null;
    }

    /// <summary>
    /// The <c>*args</c> and <c>**kwargs</c> of a constructor that its body never reads (by name, nested
    /// functions included): what they catch, torch ignores, so the Linen class, which has no field
    /// for them, computes the same for every construction that passes them nothing.
    /// </summary>
    public static IReadOnlyList<PythonParser.ParameterContext> IgnoredVariadics(PythonParser.Function_defContext? init) =>
        (init?.parameters()?.parameter().Skip(1) ?? [])
            .Where(p => p.name() is not null && (p.STAR() is not null || p.DOUBLESTAR() is not null) && !Reads(init!, p.name().GetText()).Any())
            .ToList();

    /// <summary>Why a <c>*args</c> or <c>**kwargs</c> cannot be left out of the fields: the constructor reads it (or, without <paramref name="ignored"/>, takes it at all).</summary>
    private static string? VariadicProblem(PythonParser.ParameterContext parameter, PythonParser.Function_defContext init, bool ignored)
    {
        var name = parameter.name().GetText();
        var written = (parameter.STAR() is not null ? "*" : "**") + name;
        var reads = Reads(init, name).ToList();
        if (reads.Count == 0)
        {
            return ignored ? null : $"its constructor takes {written}, which it never reads and a subclass's dataclass fields cannot express; remove it";
        }
        if (parameter.STAR() is not null)
        {
            return $"its constructor reads {written}, whose items dataclass fields cannot stand for; name the positional arguments it takes";
        }
        if (reads is [var only] && ParseTrees.Descendants<PythonParser.DoubleStarArgumentContext>(init.block())
                .FirstOrDefault(d => ReferenceEquals(SyntaxShapes.AtomOf(d.expression()), only)) is { Parent.Parent: PythonParser.CallExprContext call })
        {
            var callee = call.expr().GetText();
            callee = callee.EndsWith(".__init__", StringComparison.Ordinal) ? "its base's constructor" : callee;
            return $"its constructor passes {written} on to {callee}, whose keywords the conversion must see by name "
                + $"(a map renames them, a dataclass has a field for each); name the keywords it forwards as keyword-only arguments "
                + $"(after *, with the defaults {callee} gives them) and pass them on by name";
        }
        var first = reads.FirstOrDefault(r => !ReadKeywords.Names(r, init)) ?? reads[0];
        var statement = Shortened(SyntaxShapes.Enclosing<PythonParser.StatementContext>(first) ?? (ParserRuleContext)first);
        if (SyntaxShapes.Enclosing<PythonParser.ComparisonContext>(first) is { } test && test.comp_op().Any(o => o.IN() is not null))
        {
            return $"its constructor tests whether {written} holds a key ('{statement}'), which no dataclass field can tell from its default; "
                + "give the key a keyword-only argument (after *) whose default says it was not passed (None), and test that "
                + $"(the conversion does so itself where each key is a constant string, tested as \"key\" in {name} and read as {name}[\"key\"] only where such a test says it was passed)";
        }
        return $"its constructor reads {written} ('{statement}'), whose keys dataclass fields cannot stand for; name the keywords it reads as "
            + $"keyword-only arguments (after *) with their defaults (the conversion names them itself where every read is {name}.pop(\"key\", literal) "
            + $"or {name}.get(\"key\", literal), each key once, outside loops, or {name}[\"key\"] where a test \"key\" in {name} says it was passed)";
    }

    /// <summary>The reads of a name in a constructor's body.</summary>
    private static IEnumerable<PythonParser.NameAtomContext> Reads(PythonParser.Function_defContext init, string name) =>
        ParseTrees.Descendants<PythonParser.NameAtomContext>(init.block()).Where(n => n.GetText() == name);

    /// <summary>A statement's first line, shortened for a message.</summary>
    private static string Shortened(ParserRuleContext node)
    {
        var line = node.Start.InputStream.GetText(new Antlr4.Runtime.Misc.Interval(node.Start.StartIndex, node.Stop.StopIndex)).Split('\n')[0].Trim();
        return line.Length > 60 ? line[..57] + "..." : line;
    }

    private static bool Contains(ParserRuleContext outer, ParserRuleContext inner) =>
        outer.Start.TokenIndex <= inner.Start.TokenIndex && inner.Stop.TokenIndex <= outer.Stop.TokenIndex;
}
