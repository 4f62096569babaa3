using System.Collections.Concurrent;
using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Checking;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Emitting;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Engine;

/// <summary>
/// The conversion of one file, stage by stage: parse → analyse (bindings, then the file's facts:
/// <see cref="FileFacts"/>) → rewrite (translation plans edits through map entries and hooks) →
/// emit (imports, validation of the plan, text) → check (the self-check). Each stage only adds
/// diagnostics; any error means no output, never a half-converted file.
/// </summary>
public sealed class Pipeline(MapSet maps, HookRegistry hooks)
{
    /// <summary>The maps this pipeline converts with (and indexes with: <see cref="Index"/>).</summary>
    public MapSet Maps => maps;

    public ConversionResult Convert(string path, byte[] bytes) => Convert(PythonSyntax.Parse(path, bytes), string.Empty, ProjectModules.Empty);

    public ConversionResult Convert(SourceText source) => Convert(PythonSyntax.Parse(source), string.Empty, ProjectModules.Empty);

    /// <summary>Converts a file already parsed, alone.</summary>
    public ConversionResult Convert(SyntaxTree tree) => Convert(tree, string.Empty, ProjectModules.Empty);

    /// <summary>
    /// Converts a file that is converted together with others: <paramref name="modulePath"/> is its
    /// path in the output folder without <c>.py</c> (<c>models/train</c>), and <paramref name="project"/>
    /// holds the module classes of them all (<see cref="Index"/>).
    /// </summary>
    public ConversionResult Convert(string path, byte[] bytes, string modulePath, ProjectModules project) =>
        Convert(PythonSyntax.Parse(path, bytes), modulePath, project);

    /// <summary>
    /// The first stage for files converted together: the <c>torch.nn.Module</c> subclasses of each, with
    /// what other files need to know of them (<see cref="ClassFacts"/>). Each file is summarized
    /// (<see cref="ModuleSummary"/>) — parsed, when it mentions <c>Module</c> and <paramref name="cache"/>
    /// has no summary of it as it is now — and the facts follow from the summaries, to a fixpoint
    /// across files (a class building an imported class takes its facts). What a torch layer or
    /// function contributes is the traits its entry in <paramref name="maps"/> declares; a cache must
    /// have been read for the same traits (<see cref="IndexCache.Parse"/>). Then the files' top-level
    /// functions are linked (<see cref="FunctionIndex"/>: what each returns, what other files' calls pass it),
    /// which parses the files <paramref name="cache"/> holds no facts and analyses of.
    /// </summary>
    /// <remarks>
    /// A file that cannot be read or parsed has no classes here; its conversion reports it. Each
    /// file is isolated: an unexpected exception while summarising one is SWR9002 (a warning) at that file in
    /// <paramref name="problems"/> (the file then has no classes), and the others are still indexed.
    /// </remarks>
    public static ProjectModules Index(MapSet maps, IEnumerable<(string ModulePath, string Path)> files, IndexCache? cache = null, ICollection<Diagnostic>? problems = null)
    {
        if (cache is not null && cache.TraitsKey != maps.TraitsKey)
        {
            throw new ArgumentException("the index cache was read for maps with other traits", nameof(cache));
        }
        var sources = files.ToList();
        var packages = ProjectPackages.Of(sources);
        // Each file is parsed once here: its tree (absolute imports made relative) is read again by the summaries that know
        // other files' constructors and by the function index, and let go when the index is built.
        var parsed = new ConcurrentDictionary<string, SyntaxTree>(StringComparer.Ordinal);
        var summaries = sources.AsParallel().AsOrdered()
            .Select(file => (file.ModulePath, file.Path, Summary: Summarize(file.ModulePath, file.Path, maps, packages, cache, parsed)))
            .ToList();
        foreach (var (_, path, (_, failure)) in summaries)
        {
            if (failure is not null)
            {
                problems?.Add(Session.InternalError.WhileIndexing(failure, path));
            }
        }
        var indexed = summaries.Where(f => f.Summary.Summary is not null).Select(f => (f.ModulePath, f.Path, Summary: f.Summary.Summary!)).ToList();
        var project = new ProjectModules { Packages = packages };
        foreach (var (modulePath, _, summary) in indexed)
        {
            project.SetSignatures(modulePath, summary);
        }
        ForwardAcrossFiles(maps, indexed, project, cache, parsed);
        for (int round = 0; round <= indexed.Count; round++)
        {
            SetFacts(indexed, project);
            if (!SummarizeDerived(maps, indexed, project, cache, parsed))
            {
                break;
            }
        }
        project.Functions = FunctionIndex.Build(maps, sources, project, problems, cache?.Functions, parsed);
        return project;
    }

    /// <summary>The classes' facts from the summaries, to a fixpoint across files (a class building an imported class takes its facts).</summary>
    private static void SetFacts(List<(string ModulePath, string Path, ModuleSummary Summary)> indexed, ProjectModules project)
    {
        for (int round = 0; round <= indexed.Count; round++)
        {
            bool changed = false;
            foreach (var (modulePath, _, summary) in indexed)
            {
                var facts = new TrainState(summary, project.Imported(modulePath, summary)).ModuleFacts();
                changed |= project.Set(modulePath, facts);
            }
            if (!changed)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The files with a class deriving from a module class of another file summarised again with that class's facts and
    /// constructor known, so that a subclass its file keeps (<c>FasterRCNN</c>, which passes <c>GeneralizedRCNN</c> values
    /// it computes) is <see cref="ClassFacts.Kept"/> for the files deriving from it in turn (<c>MaskRCNN</c>); true when a
    /// summary changed.
    /// </summary>
    private static bool SummarizeDerived(MapSet maps, List<(string ModulePath, string Path, ModuleSummary Summary)> indexed, ProjectModules project, IndexCache? cache,
        ConcurrentDictionary<string, SyntaxTree> parsed)
    {
        bool changed = false;
        for (int i = 0; i < indexed.Count; i++)
        {
            var (modulePath, _, summary) = indexed[i];
            var imported = project.Imported(modulePath, summary);
            changed |= summary.Classes.Any(c => c.Bases.Any(imported.ContainsKey)) && SummarizeAgain(maps, indexed, i, project, cache, parsed);
        }
        return changed;
    }

    /// <summary>Summarises file <paramref name="i"/> again, knowing the project's constructors; true when its summary changed (it is kept then).</summary>
    private static bool SummarizeAgain(MapSet maps, List<(string ModulePath, string Path, ModuleSummary Summary)> indexed, int i, ProjectModules project, IndexCache? cache,
        ConcurrentDictionary<string, SyntaxTree> parsed)
    {
        var (modulePath, path, summary) = indexed[i];
        if (Summarize(modulePath, path, maps, project.Packages, cache, parsed, project) is not ({ } again, null) || again.Lines().SequenceEqual(summary.Lines()))
        {
            return false;
        }
        indexed[i] = (modulePath, path, again);
        project.SetSignatures(modulePath, again);
        return true;
    }

    /// <summary>
    /// The files with a module class whose constructor passes its <c>**kwargs</c> on (to a class of another file, whose
    /// constructor the first summaries gave) summarised again with those constructors known, so
    /// <see cref="ForwardedKeywords"/> names the keywords as the conversion will (<c>MaskRCNN</c> → <c>FasterRCNN</c> →
    /// <c>GeneralizedRCNNTransform</c>), until no constructor changes.
    /// </summary>
    private static void ForwardAcrossFiles(MapSet maps, List<(string ModulePath, string Path, ModuleSummary Summary)> indexed, ProjectModules project, IndexCache? cache,
        ConcurrentDictionary<string, SyntaxTree> parsed)
    {
        static bool Forwards(ModuleSummary summary) =>
            summary.Classes.Any(c => c.Signature?.Parameters.Any(p => p.Kind == ConstructorParameterKind.ReadKeywords) == true);
        for (int round = 0; round < indexed.Count; round++)
        {
            bool changed = false;
            for (int i = 0; i < indexed.Count; i++)
            {
                changed |= Forwards(indexed[i].Summary) && SummarizeAgain(maps, indexed, i, project, cache, parsed);
            }
            if (!changed)
            {
                break;
            }
        }
    }

    /// <summary>
    /// A file's summary: from the cache when unchanged (and read with the same packages), else from its syntax
    /// with its absolute imports of the project made relative (empty when it cannot define a module class or
    /// does not parse); null when unreadable or when summarising it threw.
    /// </summary>
    /// <remarks>With <paramref name="project"/>, the file is read again (not from the cache), knowing the constructors of the module
    /// classes it imports (<see cref="ForwardAcrossFiles"/>). A file parsed here keeps its tree, with its absolute imports made relative,
    /// in <paramref name="parsed"/>, where a later summary of it (and <see cref="FunctionIndex"/>) finds it instead of parsing it again.</remarks>
    private static (ModuleSummary? Summary, Exception? Failure) Summarize(string modulePath, string path, MapSet maps, ProjectPackages packages, IndexCache? cache,
        ConcurrentDictionary<string, SyntaxTree> parsed, ProjectModules? project = null)
    {
        try
        {
            var info = new FileInfo(path);
            long length = info.Length, ticks = info.LastWriteTimeUtc.Ticks;
            var summary = project is null ? cache?.Find(path, length, ticks, packages.Key) : null;
            if (summary is null)
            {
                using var stage = StageMeter.Enter(project is null ? "index: summary" : "index: summary again");
                var tree = parsed.GetValueOrDefault(path) ?? Parse(modulePath, path, packages, parsed);
                tree = tree is null ? null
                    : ForwardedKeywords.Specialise(FactoryKeywords.Expand(tree), maps, new HashSet<string>(), out _, modulePath, project);
                summary = tree?.Root is null || tree.Diagnostics.Any(d => d.Severity == Severity.Error)
                    ? ModuleSummary.Empty
                    : LargeStack.Run(() =>
                    {
                        using var summarizing = StageMeter.Enter("index: module summary");
                        return ModuleSummary.Of(tree.Root, SemanticModel.Build(tree), maps, project, modulePath);
                    });
            }
            if (project is null)
            {
                // A summary read with other files' constructors depends on them: the cache keeps the file's own, and
                // the next index reads it again with theirs.
                cache?.Keep(path, length, ticks, packages.Key, summary);
            }
            return (summary, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    /// <summary>
    /// A file's tree with its absolute imports of the project made relative, kept in <paramref name="parsed"/>; null (nothing
    /// parsed) when it can define no module class: it neither names Module nor defines a class (a subclass of a module class
    /// imported from another file of the project).
    /// </summary>
    private static SyntaxTree? Parse(string modulePath, string path, ProjectPackages packages, ConcurrentDictionary<string, SyntaxTree> parsed)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().IndexOf("Module"u8) < 0 && bytes.AsSpan().IndexOf("class "u8) < 0)
        {
            return null;
        }
        var tree = AbsoluteImports.Relativise(PythonSyntax.Parse(path, bytes), modulePath, packages);
        parsed[path] = tree;
        return tree;
    }

    private ConversionResult Convert(SyntaxTree tree, string modulePath, ProjectModules project)
    {
        if (tree.Root is null)
        {
            return new ConversionResult(tree.Source.Path, null, tree.Diagnostics, tree.Source.Encoding);
        }
        return LargeStack.Run(() => Rewrite(tree, modulePath, project));
    }

    private FileFacts Analyse(SyntaxTree tree, string modulePath, ProjectModules project)
    {
        SemanticModel model;
        using (StageMeter.Enter("binding"))
        {
            model = SemanticModel.Build(tree);
            RelativeImports.Resolve(model, tree.Source.Path, maps, project, modulePath);
        }
        using var facts = StageMeter.Enter("file facts");
        return FileFacts.Analyse(tree, model, maps, modulePath, project);
    }

    private ConversionResult Rewrite(SyntaxTree source, string modulePath, ProjectModules project)
    {
        // The text every later stage reads, the output's included: absolute imports of the files converted together made relative.
        SyntaxTree original, tree;
        IReadOnlyList<string> named;
        using (StageMeter.Enter("imports made relative, factory and forwarded keywords"))
        {
            original = FactoryKeywords.Expand(AbsoluteImports.Relativise(source, modulePath, project.Packages));
            tree = ForwardedKeywords.Specialise(original, maps, new HashSet<string>(), out named, modulePath, project);
        }
        var facts = Analyse(tree, modulePath, project);
        if (named.Where(name => facts.ModuleClasses.Named(name) is null).ToHashSet(StringComparer.Ordinal) is { Count: > 0 } kept)
        {
            // A class whose forwarded keywords were named but that still does not convert stays as written.
            using (StageMeter.Enter("imports made relative, factory and forwarded keywords"))
            {
                tree = ForwardedKeywords.Specialise(original, maps, kept, out _, modulePath, project);
            }
            facts = Analyse(tree, modulePath, project);
        }
        if (!facts.UsesTorch)
        {
            // Nothing here is torch's: a file that imports neither torch nor a converted module class
            // comes out as it was read, byte-identical but for the absolute imports of converted files
            // made relative (a socket's .detach() is not a tensor's).
            var unchanged = original.Diagnostics.Any(d => d.Severity == Severity.Error) ? null : original.Source.Text;
            return new ConversionResult(original.Source.Path, unchanged, original.Diagnostics, original.Source.Encoding);
        }
        var context = new ConversionContext(facts);
        using (StageMeter.Enter("translation"))
        {
            new Translator(context, hooks).Run();
            Rewriting.Training.UnboundModels.Run(context);
            Rewriting.Modules.LayerHelperParameters.Run(context);
        }
        var (diagnostics, aliases) = Emit(tree, context);
        if (diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return new ConversionResult(tree.Source.Path, null, diagnostics, tree.Source.Encoding);
        }
        string text;
        SourceLineMap lines;
        using (StageMeter.Enter("render"))
        {
            (text, lines) = Render(context, aliases);
        }
        SyntaxTree output;
        IReadOnlyList<SelfCheckHit> hits;
        using (StageMeter.Enter("self-check"))
        {
            output = PythonSyntax.Parse(SourceText.FromString(text, tree.Source.Path));
            hits = SelfCheck.Run(output, maps);
            diagnostics = diagnostics.Concat(SelfCheck.Diagnose(hits, tree.Source, lines))
                .OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        }
        // Laid out last: the self-check's line map is the unwrapped text's, and wrapping changes no
        // statement. The layout reads the tokens the self-check's parse made of the same text.
        using (StageMeter.Enter("line layout"))
        {
            text = LineLayout.Apply(text, tree.Source.Text, output.Root is null ? null : output.Tokens);
        }
        return new ConversionResult(tree.Source.Path, text, diagnostics, tree.Source.Encoding) { ConvertedSites = context.Edits.ConvertedSites, SelfCheckHits = hits };
    }

    /// <summary>The edits settled (read edits, statement lines, indentation), imports edited, markers placed and the plan validated: the diagnostics so far, and the import aliases of the targets.</summary>
    private static (List<Diagnostic> Diagnostics, IReadOnlyDictionary<string, string> Aliases) Emit(SyntaxTree tree, ConversionContext context)
    {
        using var stage = StageMeter.Enter("edits, imports, markers");
        context.Edits.ApplyReadEdits(context.Reports);
        context.Edits.ApplyStatementLines();
        context.Edits.ApplyIndentation();
        context.Reports.ForgetDropped(context.Plan);
        var aliases = new ImportEditor(context).Run();
        EmptiedBlocks.Fill(context);
        context.Reports.PlaceMarkers(context.Edits);
        var conflicts = context.Plan.Validate();
        var diagnostics = tree.Diagnostics.Concat(context.Reports.Diagnostics).Concat(conflicts).Distinct()
            .OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return (diagnostics, aliases);
    }

    /// <summary>The output text, and which source line each of its lines came from (for the self-check's diagnostics).</summary>
    private static (string Text, SourceLineMap Lines) Render(ConversionContext context, IReadOnlyDictionary<string, string> aliases)
    {
        if (context.Plan.IsEmpty)
        {
            return (context.Tree.Source.Text, SourceLineMap.Identity);
        }
        var origins = new List<(int Offset, int Line)>();
        var rendered = context.Plan.Render(origins);
        return (TargetReferences.Substitute(rendered, aliases), SourceLineMap.From(rendered, origins));
    }
}
