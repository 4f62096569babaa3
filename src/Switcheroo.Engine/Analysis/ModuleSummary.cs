using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>What a file's classes are made of, as far as train/eval state goes: one class (or one <see cref="LayerHelpers">layer helper</see>, never a module).</summary>
/// <param name="IsModule">a subclass of a model base (<c>torch.nn.Module</c>: <see cref="Mapping.MapSet.IsModuleBase"/>)</param>
/// <param name="Own">what the class itself uses: torch names whose map entries declare traits (BatchNorm layers, dropout), <c>self.training</c> (as <see cref="ClassFacts.Train"/>)</param>
/// <param name="Builds">the names it calls like classes (<c>Block(...)</c>), which may be classes of this file or imported</param>
/// <param name="Bases">its bases written as plain names (<c>class Child(Base)</c>), which may be module classes of this file or imported: a subclass has their facts</param>
public sealed record ClassSummary(string Name, bool IsModule, ClassFacts Own, IReadOnlyList<string> Builds, IReadOnlyList<string> Bases)
{
    /// <summary>The classes whose facts this class takes: those it builds and those it derives from.</summary>
    public IEnumerable<string> Takes => Builds.Concat(Bases);

    /// <summary>A module class's constructor, for the keywords a class of another file forwards to it (<see cref="ForwardedKeywords"/>); null when not known.</summary>
    public ConstructorSignature? Signature { get; init; }
}

/// <summary>
/// The part of a file that decides its module classes' <see cref="ClassFacts"/>: its classes (what
/// each uses and builds) and its module-level imports (<c>ConvNet</c> → <c>cnn.ConvNet</c>). Small,
/// and computed from the syntax and the traits the maps declare (<see cref="TorchTraits"/>), so a build
/// can keep it for unchanged files and maps (<see cref="IndexCache"/>) and decide the facts of all files
/// without parsing them again.
/// </summary>
public sealed record ModuleSummary(IReadOnlyList<ClassSummary> Classes, IReadOnlyDictionary<string, string> Imports)
{
    public static ModuleSummary Empty { get; } = new([], new Dictionary<string, string>());

    /// <summary>The summary of a parsed and bound file. Classes defined twice (by name) are left out: they cannot be told apart.</summary>
    /// <param name="project">
    /// the module classes of the files converted together, with <paramref name="modulePath"/> the file's: a class deriving
    /// from one of them is kept (<see cref="ClassFacts.Kept"/>) where its conversion would keep it, which depends on the
    /// base's facts and constructor (<see cref="ImportedBases"/>); without them, such a class is summarised as converting
    /// </param>
    public static ModuleSummary Of(PythonParser.File_inputContext root, SemanticModel model, MapSet maps, ProjectModules? project = null, string modulePath = "")
    {
        var summary = Of(root, model, maps, ModuleClasses.Of(root, model, maps));
        if (project is null || project.Imported(modulePath, summary) is not { Count: > 0 } imported
            || !summary.Classes.Any(c => c.Bases.Any(imported.ContainsKey)))
        {
            return summary;
        }
        var modules = ModuleClasses.Of(root, model, maps, imported, new TrainState(summary, imported), project.ImportedSignatures(modulePath, summary));
        return Of(root, model, maps, modules);
    }

    /// <summary>
    /// What <see cref="ProjectModules.Imported"/> reads of a file's summary, without the classes' facts: its imports, and the bases
    /// of its classes (a class defined twice left out, as in <see cref="Of(PythonParser.File_inputContext, SemanticModel, MapSet, ProjectModules?, string)"/>);
    /// the layer helpers and parts a summary adds have no bases.
    /// </summary>
    public static ModuleSummary ImportsAndBases(PythonParser.File_inputContext root, SemanticModel model)
    {
        var classes = ParseTrees.Descendants<PythonParser.Class_defContext>(root)
            .GroupBy(c => c.name().GetText(), StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .Select(g => new ClassSummary(g.Key, IsModule: false, 0, [], ModelBases.Of(g.Single()).Where(IsNamedBase).Select(b => b.GetText()).ToList()))
            .ToList();
        return new ModuleSummary(classes, ImportsOf(model));
    }

    private static ModuleSummary Of(PythonParser.File_inputContext root, SemanticModel model, MapSet maps, ModuleClasses modules)
    {
        var classes = ParseTrees.Descendants<PythonParser.Class_defContext>(root)
            .GroupBy(c => c.name().GetText(), StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .Select(g => Summarize(g.Single(), model, maps, modules))
            .ToList();
        // A layer helper's layers are its callers': summarised like a class, so the classes that
        // call it take its facts (train flag, batch_stats) as they take those of the classes they build.
        foreach (var (name, helper) in LayerHelpers.Of(root, model, modules))
        {
            var (own, builds) = Walk(helper, model, maps);
            // A helper calling a parameter (norm_layer(c)) builds what its callers are given.
            own |= GivenBuilders.CallsGiven(helper, model) ? ClassFacts.BuildsGiven : 0;
            classes.Add(new ClassSummary(name, IsModule: false, own, builds, []));
        }
        AddParts(root, model, maps, classes);
        return new ModuleSummary(classes, ImportsOf(model));
    }

    /// <summary>The module-level names a file imports from outside torch, by the name bound (<c>ConvNet</c> → <c>cnn.ConvNet</c>, <c>.cnn.ConvNet</c>).</summary>
    public static Dictionary<string, string> ImportsOf(SemanticModel model)
    {
        var imports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, bindings) in model.Module.Bindings)
        {
            if (bindings.Count == 1 && ImportedName(bindings[0]) is { } qualified)
            {
                imports[name] = qualified;
            }
        }
        return imports;
    }

    /// <summary>
    /// A free function whose layers a construction takes as an argument (<c>VGG(make_layers(cfg))</c>,
    /// <see cref="LayerHelpers.ArgumentsOfConstructions"/>) and builds BatchNorm: the modules so built keep
    /// statistics their own class does not show (its BatchNorm becomes the runtime's <c>TorchBatchNorm</c>, in
    /// their <c>batch_stats</c>). Summarised like a class those modules build, so they take its facts (the train
    /// flag, <c>batch_stats</c>); and as one that builds what it is given, since whether a construction holds
    /// statistics is not known (<c>make_layers(cfg, batch_norm=False)</c>): a training step treats such a model
    /// as one it does not know (<c>batch_stats</c> when the variables have them, docs/training.md).
    /// </summary>
    private static void AddParts(PythonParser.File_inputContext root, SemanticModel model, MapSet maps, List<ClassSummary> classes)
    {
        foreach (var (name, function, constructed) in LayerHelpers.ArgumentsOfConstructions(root, model))
        {
            var (own, builds) = Walk(function, model, maps);
            if (!own.HasFlag(ClassFacts.BatchStats) || classes.Any(c => c.Name == name))
            {
                continue;
            }
            classes.Add(new ClassSummary(name, IsModule: false, own | ClassFacts.BuildsGiven, builds, []));
            for (int i = 0; i < classes.Count; i++)
            {
                if (constructed.Contains(classes[i].Name) && !classes[i].Builds.Contains(name))
                {
                    classes[i] = classes[i] with { Builds = [.. classes[i].Builds, name] };
                }
            }
        }
    }

    /// <summary>One walk over the class: the traits of the torch names it refers to, <c>self.training</c>, the classes it builds; then its buffers.</summary>
    private static ClassSummary Summarize(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps, ModuleClasses modules)
    {
        var (own, builds) = Walk(cls, model, maps);
        var init = cls.block().statement().Select(st => st.function_def()).FirstOrDefault(f => f?.name().GetText() == "__init__");
        // Buffers assigned outside the constructor are running statistics (batch_stats).
        if (init is not null && BufferFacts.UpdatesBuffers(cls, init))
        {
            own |= ClassFacts.BatchStats;
        }
        if (GivenBuilders.Of(cls, model).Any())
        {
            own |= ClassFacts.BuildsGiven;
        }
        bool isModule = ModelBases.Has(cls, model, maps);
        if ((isModule && !modules.Converts(cls)) || modules.DerivedOf(cls) is { Problem: not null })
        {
            own |= ClassFacts.Kept;
        }
        if (modules.IgnoredBy(cls) is not null)
        {
            own |= ClassFacts.IgnoresArguments;
        }
        var bases = ModelBases.Of(cls).Where(IsNamedBase).Select(b => b.GetText()).ToList();
        // Where a converted class moves a plain value to NAME_, its subclasses in other files read it there too.
        var moved = isModule && modules.Converts(cls) ? TransformedFields.RenamesOf(cls, model, maps) : null;
        return new ClassSummary(cls.name().GetText(), isModule, own, builds, bases)
        {
            Signature = isModule || bases.Count > 0 ? ConstructorSignature.Of(cls, inherits: !isModule, moved) : null,
        };
    }

    /// <summary>The walk over a class (or a layer helper): what the torch names it refers to declare, <c>self.training</c>, what it calls like a class.</summary>
    private static (ClassFacts Own, List<string> Builds) Walk(Antlr4.Runtime.ParserRuleContext scope, SemanticModel model, MapSet maps)
    {
        bool helper = scope is PythonParser.Function_defContext;
        bool batchNorm = false, dropout = false, noise = false, trainDependent = false;
        void Note(TorchTraits traits, Antlr4.Runtime.ParserRuleContext site)
        {
            batchNorm |= traits.HasFlag(TorchTraits.BatchStats);
            dropout |= traits.HasFlag(TorchTraits.DropoutRng);
            trainDependent |= traits.HasFlag(TorchTraits.TrainDependent);
            // Random numbers drawn in the constructor (setup) come from the params stream at init.
            // (A layer helper runs in setup.)
            noise |= traits.HasFlag(TorchTraits.NoiseRng) && !helper && OutsideConstructor(site);
        }
        var builds = new List<string>();
        bool readsTraining = false;
        foreach (var node in ParseTrees.Descendants<Antlr4.Runtime.ParserRuleContext>(scope))
        {
            switch (node)
            {
                // Whole chains only (nn.BatchNorm2d, not nn): the names that matter are the longest.
                case PythonParser.AttributeExprContext attribute when !IsInnerChain(attribute):
                    if (attribute.expr().GetText() == "self" && attribute.name().GetText() == "training")
                    {
                        readsTraining = true;
                    }
                    else if (maps.MayHaveTraits(attribute.name().GetText()) && model.QualifiedName(attribute) is { } qualified)
                    {
                        Note(maps.TraitsOf(qualified), attribute);
                    }
                    else if (attribute.Parent is PythonParser.CallExprContext && maps.MemberTraits(attribute.name().GetText()) is not TorchTraits.None and var traits)
                    {
                        // A tensor method that draws in place (x.normal_()), whatever the receiver.
                        Note(traits, attribute);
                    }
                    break;
                case PythonParser.NameAtomContext use when !IsInnerChain(use) && model.QualifiedName(use) is { } qualified:
                    Note(maps.TraitsOf(qualified), use);
                    break;
                case PythonParser.CallExprContext call when call.expr() is PythonParser.NameAtomContext callee:
                    var built = callee.GetText();
                    if (!builds.Contains(built))
                    {
                        builds.Add(built);
                    }
                    break;
            }
        }
        var own = (batchNorm ? ClassFacts.BatchStats : 0)
            | (dropout ? ClassFacts.Dropout : 0)
            | (noise ? ClassFacts.Noise : 0)
            | (readsTraining || trainDependent ? ClassFacts.Train : 0);
        return (own, builds);
    }

    /// <summary>A base written as a name (<c>Base</c>) or as a name of an imported module (<c>blocks.Base</c>).</summary>
    private static bool IsNamedBase(PythonParser.ExprContext basis) => basis switch
    {
        PythonParser.NameAtomContext => true,
        PythonParser.AttributeExprContext attribute => attribute.expr() is PythonParser.NameAtomContext owner,
        _ => false,
    };

    /// <summary>Whether a node is in a method other than the constructor (which becomes <c>setup</c>, drawing from <c>params</c> at init).</summary>
    private static bool OutsideConstructor(Antlr4.Runtime.ParserRuleContext node) =>
        SyntaxShapes.Enclosing<PythonParser.Function_defContext>(node)?.name().GetText() is { } method && method != "__init__";

    /// <summary>Whether an expression is the owner in a longer attribute chain (<c>nn</c> in <c>nn.Linear</c>).</summary>
    private static bool IsInnerChain(PythonParser.ExprContext expression) =>
        expression.Parent is PythonParser.AttributeExprContext parent && parent.expr() == expression;

    /// <summary>
    /// <c>cnn.ConvNet</c> for <c>from cnn import ConvNet</c>, <c>.cnn.ConvNet</c> for <c>from .cnn import ConvNet</c>,
    /// <c>..cnn</c> for <c>from .. import cnn</c> (a module, whose classes a base may name: <c>cnn.ConvNet</c>); else null.
    /// </summary>
    private static string? ImportedName(NameBinding binding)
    {
        if (binding.Kind == BindingKind.Import)
        {
            return binding.QualifiedName is { } name && !TorchNames.IsTorch(name) ? name : null;
        }
        if (binding.Site is PythonParser.Import_as_nameContext item
            && SyntaxShapes.Enclosing<PythonParser.ImportFromContext>(item) is { } from && from.relative_dots() is { } dots)
        {
            return $"{dots.GetText()}{from.dotted_name().GetText()}.{item.name(0).GetText()}";
        }
        if (binding.Site is PythonParser.Import_as_nameContext moduleItem
            && SyntaxShapes.Enclosing<PythonParser.ImportFromRelativeContext>(moduleItem) is { } relative)
        {
            return $"{relative.relative_dots().GetText()}{moduleItem.name(0).GetText()}";
        }
        return null;
    }

    /// <summary>
    /// Lines: <c>C name module? facts builds,... bases,...</c> per class, each followed by <c>S name parameters...</c>
    /// when its constructor is known (<see cref="ConstructorSignature.Fields"/>), <c>I name qualified</c> per import.
    /// </summary>
    public IEnumerable<string> Lines() =>
        Classes.SelectMany(c => new[] { $"C\t{c.Name}\t{(c.IsModule ? "module" : "class")}\t{(int)c.Own}\t{string.Join(",", c.Builds)}\t{string.Join(",", c.Bases)}" }
                .Concat(c.Signature is { } signature ? [string.Join("\t", signature.Fields().Prepend(c.Name).Prepend("S"))] : []))
            .Concat(Imports.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"I\t{i.Key}\t{i.Value}"));

    /// <summary>Reads <see cref="Lines"/>; null when a line is not one of them.</summary>
    public static ModuleSummary? Parse(IEnumerable<string> lines)
    {
        var classes = new List<ClassSummary>();
        var imports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            if (fields is ["C", var name, var kind, var own, var builds, var bases] && int.TryParse(own, out var facts))
            {
                classes.Add(new ClassSummary(name, kind == "module", (ClassFacts)facts,
                    builds.Split(',', StringSplitOptions.RemoveEmptyEntries), bases.Split(',', StringSplitOptions.RemoveEmptyEntries)));
            }
            else if (fields is ["S", var owner, ..] && classes.Count > 0 && classes[^1].Name == owner && classes[^1].Signature is null
                && ConstructorSignature.Parse(fields[2..]) is { } signature)
            {
                classes[^1] = classes[^1] with { Signature = signature };
            }
            else if (fields is ["I", var local, var qualified])
            {
                imports[local] = qualified;
            }
            else
            {
                return null;
            }
        }
        return new ModuleSummary(classes, imports);
    }
}
