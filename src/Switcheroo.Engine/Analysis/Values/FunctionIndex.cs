using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// The value analysis across the files converted together (docs/maps.md, "Which values are
/// tensors", across files): each file that imports a function of another, or defines one another
/// imports, is analysed with what the others' analyses found so far — what their functions return,
/// what their calls pass to its functions — until none of these changes. First, from the syntax
/// alone, which functions another file may call unseen (<see cref="FunctionImports"/>): those it
/// uses other than by calling them, those of a module it imports whole, and methods whose name a
/// file importing the module (directly or not) reads.
/// </summary>
internal static class FunctionIndex
{
    private const int RoundsBeforeWidening = 6;

    /// <summary>A file as the index links it: its syntax's facts, and its parse (taken when first analysed, for a file whose facts were cached).</summary>
    private sealed class FileUnit(string modulePath, string path, FunctionSyntax syntax, Func<Parsed?> parse)
    {
        private readonly Lazy<Parsed?> _parsed = new(parse);

        public string ModulePath { get; } = modulePath;

        public string Path { get; } = path;

        public FunctionImports Imports => syntax.Imports;

        public IReadOnlyList<string> Functions => syntax.Functions;

        public IReadOnlySet<string> Methods => syntax.Methods;

        public IReadOnlySet<string> StarHidden => syntax.StarHidden;

        /// <summary>The file's model and the classes it imports; null when it no longer parses.</summary>
        public Parsed? Parsed => _parsed.Value;
    }

    private sealed record Parsed(SemanticModel Model, IReadOnlyDictionary<string, ClassFacts> Classes);

    /// <param name="problems">where an unexpected exception reading one file goes (SWR9002 at that file, which then links nothing)</param>
    /// <param name="cache">the last index's syntax facts and analyses of unchanged files (<see cref="FunctionCache"/>), reused, and this index's, kept</param>
    /// <param name="parsed">files the index has parsed already, by path, with their absolute imports of the project made relative: read instead of parsing them again</param>
    public static ProjectFunctions Build(MapSet maps, IReadOnlyList<(string ModulePath, string Path)> files, ProjectModules classes, ICollection<Diagnostic>? problems = null,
        FunctionCache? cache = null, IReadOnlyDictionary<string, SyntaxTree>? parsed = null)
    {
        var modules = files.Select(f => f.ModulePath).ToHashSet(StringComparer.Ordinal);
        // A file's imports read with the project's packages (absolute imports of its files made relative).
        var modulesKey = FunctionCache.ModulesKey(modules.Concat(classes.Packages.Lines()));
        var inputsKey = cache is null ? string.Empty : FunctionCache.InputsKey(maps, classes);
        var read = files.AsParallel().AsOrdered().Select(f => Read(maps, f.ModulePath, f.Path, parsed?.GetValueOrDefault(f.Path), modules, classes, cache, modulesKey)).ToList();
        foreach (var (failure, path) in read.Zip(files).Where(r => r.First.Failure is not null).Select(r => (r.First.Failure!, r.Second.Path)))
        {
            problems?.Add(Session.InternalError.WhileIndexing(failure, path));
        }
        var units = read.Select(r => r.Unit).OfType<FileUnit>().ToList();
        var defined = units.SelectMany(u => u.Functions.Select(f => (u.ModulePath, f))).ToHashSet();
        var hidden = units.ToDictionary(u => u.ModulePath, u => u.StarHidden, StringComparer.Ordinal);
        var open = new HashSet<(string, string)>();
        foreach (var unit in units)
        {
            open.UnionWith(unit.Imports.Functions.Where(f => !f.Known).Select(f => (f.Module, f.Name)));
            open.UnionWith(defined.Where(d => unit.Imports.WholeModules.Contains(d.ModulePath)));
            // from .m import *: the functions it reaches (not m's private helpers, or those its __all__ leaves out).
            open.UnionWith(defined.Where(d => unit.Imports.StarModules.Contains(d.ModulePath) && !hidden[d.ModulePath].Contains(d.Item2)));
        }
        var openMethods = OpenMethods(units);
        var imported = units.SelectMany(u => u.Imports.Functions.Where(f => f.Module != u.ModulePath).Select(f => (f.Module, f.Name))).ToHashSet();
        var linkedFiles = units.Where(u => u.Imports.Functions.Any(f => defined.Contains((f.Module, f.Name)))
            || u.Functions.Any(f => imported.Contains((u.ModulePath, f)))).ToList();
        var returns = defined.ToDictionary(d => d, _ => Value.None);
        var calls = new Dictionary<(string, string), IReadOnlyList<CallValues>>();
        var pinned = new HashSet<(string, string)>();
        var results = new Dictionary<FileUnit, FunctionFindings>(ReferenceEqualityComparer.Instance);
        // What each file's last analysis read (AnalysisKey): a file that would read the same again finds the same.
        var lastRead = new Dictionary<FileUnit, string>(ReferenceEqualityComparer.Instance);
        var dirty = linkedFiles;
        for (int round = 0; ; round++)
        {
            var project = new ProjectFunctions(Exported(returns), calls, open, openMethods, defined.Select(d => d.ModulePath).ToHashSet(StringComparer.Ordinal));
            var keyed = dirty.Select(u => (Unit: u, Key: AnalysisKey(u, project, inputsKey))).Where(u => lastRead.GetValueOrDefault(u.Unit) != u.Key).ToList();
            foreach (var (unit, key, found) in keyed.AsParallel().Select(u => (u.Unit, u.Key, Analyse(maps, u.Unit, project, cache, u.Key))).ToList())
            {
                results[unit] = found;
                lastRead[unit] = key;
            }
            var nextReturns = new Dictionary<(string, string), Value>(returns);
            foreach (var (function, value) in results.Values.SelectMany(r => r.Returns))
            {
                nextReturns[function] = pinned.Contains(function) ? Value.Unknown : value;
            }
            var nextCalls = results.Values.SelectMany(r => r.Calls).GroupBy(c => c.Function)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<CallValues>)g.Select(c => c.Values).Distinct().ToList());
            var changed = nextReturns.Where(r => !r.Value.Equals(returns[r.Key])).Select(r => r.Key)
                .Concat(nextCalls.Keys.Union(calls.Keys).Where(k => !SameCalls(calls.GetValueOrDefault(k), nextCalls.GetValueOrDefault(k))))
                .ToHashSet();
            if (changed.Count == 0)
            {
                return project;
            }
            if (round >= RoundsBeforeWidening)
            {
                // Still changing: those functions return anything, and take anything.
                pinned.UnionWith(changed);
                open.UnionWith(changed);
                foreach (var function in changed.Where(nextReturns.ContainsKey))
                {
                    nextReturns[function] = Value.Unknown;
                }
            }
            returns = nextReturns;
            calls = nextCalls;
            // Only the files that import or define what changed see anything new.
            dirty = linkedFiles.Where(u => u.Functions.Any(f => changed.Contains((u.ModulePath, f)))
                || u.Imports.Functions.Any(f => changed.Contains((f.Module, f.Name)))).ToList();
        }
    }

    private static (FileUnit? Unit, Exception? Failure) Read(MapSet maps, string modulePath, string path, SyntaxTree? tree, HashSet<string> modules, ProjectModules classes,
        FunctionCache? cache, string modulesKey)
    {
        try
        {
            var info = new FileInfo(path);
            long length = info.Length, ticks = info.LastWriteTimeUtc.Ticks;
            if (cache is not null && cache.TryFind(path, length, ticks, modulesKey, out var cached))
            {
                return (cached is null ? null : new FileUnit(modulePath, path, cached, () => Parse(maps, modulePath, path, tree, modules, classes, cache)?.Parsed), null);
            }
            var parsed = Parse(maps, modulePath, path, tree, modules, classes, cache);
            cache?.Keep(path, length, ticks, modulesKey, parsed?.Syntax);
            return (parsed is null ? null : new FileUnit(modulePath, path, parsed.Value.Syntax, () => parsed.Value.Parsed), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: its conversion reports it; here it links nothing.
            return (null, null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    /// <summary>A file's syntax facts and parse (<paramref name="given"/>, else parsed here); null when it does not parse.</summary>
    private static (FunctionSyntax Syntax, Parsed Parsed)? Parse(MapSet maps, string modulePath, string path, SyntaxTree? given, HashSet<string> modules, ProjectModules classes,
        FunctionCache? cache)
    {
        cache?.CountParse();
        using var stage = StageMeter.Enter("index: function parse");
        var tree = given ?? AbsoluteImports.Relativise(PythonSyntax.Parse(path, File.ReadAllBytes(path)), modulePath, classes.Packages);
        if (tree.Root is null || tree.Diagnostics.Any(d => d.Severity == Severity.Error))
        {
            return null;
        }
        return LargeStack.Run(() =>
        {
            using var syntaxStage = StageMeter.Enter("index: function syntax");
            var model = SemanticModel.Build(tree);
            var imported = classes.Count == 0 ? new Dictionary<string, ClassFacts>() : classes.Imported(modulePath, ModuleSummary.ImportsAndBases(tree.Root, model));
            var functions = ValueAnalysis.TopLevelFunctions(model).Select(f => f.name().GetText()).ToList();
            // The methods that may be closed (ProgramShape): not special, not forward.
            var methods = ParseTrees.Descendants<Grammar.PythonParser.Function_defContext>(tree.Root)
                .Where(f => ProgramShape.ClassOf(f) is not null).Select(f => f.name().GetText())
                .Where(n => n != "forward" && !(n.StartsWith("__", StringComparison.Ordinal) && n.EndsWith("__", StringComparison.Ordinal)))
                .ToHashSet(StringComparer.Ordinal);
            return ((FunctionSyntax, Parsed)?)(new FunctionSyntax(functions, methods, FunctionImports.Of(model, modulePath, modules.Contains), StarExports.Hidden(model, functions)),
                new Parsed(model, imported));
        });
    }

    /// <summary>A file's findings: from the cache when it read the same (<paramref name="key"/>) as an analysis of the last index, else its analysis (parsing it if not yet).</summary>
    private static FunctionFindings Analyse(MapSet maps, FileUnit unit, ProjectFunctions project, FunctionCache? cache, string key)
    {
        if (cache is not null && cache.FindAnalysis(unit.Path, key) is { } cached)
        {
            return cached;
        }
        var findings = unit.Parsed is { } parsed ? LargeStack.Run(() =>
        {
            using var stage = StageMeter.Enter("index: linked analysis");
            return Analyse(maps, unit.ModulePath, parsed, unit.Imports, project);
        }) : FunctionFindings.None;
        cache?.KeepAnalysis(unit.Path, key, findings);
        return findings;
    }

    /// <summary>
    /// Identifies everything a file's analysis reads besides its own text (<see cref="LinkedFunctions"/>): the
    /// maps and class facts (<paramref name="inputsKey"/>), the returns of the functions it imports, the calls
    /// other files make to its functions, which of them are open, and the method names other files read.
    /// </summary>
    private static string AnalysisKey(FileUnit unit, ProjectFunctions project, string inputsKey)
    {
        var lines = new List<string> { inputsKey };
        foreach (var function in unit.Imports.Functions.Where(f => f.Known))
        {
            lines.Add($"R\t{function.Module}\t{function.Name}\t{(project.Returns.TryGetValue((function.Module, function.Name), out var value) ? ValueText.Write(value) : "-")}");
        }
        foreach (var function in unit.Functions)
        {
            lines.Add($"O\t{function}\t{project.Open.Contains((unit.ModulePath, function))}");
            lines.AddRange((project.Calls.GetValueOrDefault((unit.ModulePath, function)) ?? []).Select(c => $"C\t{function}\t{ProjectFunctions.CallText(c)}"));
        }
        if (project.OpenMethods.TryGetValue(unit.ModulePath, out var methods))
        {
            lines.Add("M\t" + string.Join(',', methods.Order(StringComparer.Ordinal)));
        }
        return FunctionCache.Hash(lines);
    }

    private static FunctionFindings Analyse(MapSet maps, string modulePath, Parsed parsed, FunctionImports imports, ProjectFunctions project)
    {
        var analysis = new ValueAnalysis(parsed.Model, maps, parsed.Classes, new LinkedFunctions(project, modulePath, parsed.Model, imports));
        var returns = ValueAnalysis.TopLevelFunctions(parsed.Model)
            .Select(f => ((modulePath, f.name().GetText()), Exported(analysis.Returns(f)))).ToList();
        var calls = analysis.Linked.Calls.Select(c => (c.Function, c.Values with
        {
            Positional = c.Values.Positional.Select(Exported).ToList(),
            Keywords = c.Values.Keywords.ToDictionary(k => k.Key, k => Exported(k.Value)),
        }));
        return new FunctionFindings(returns, calls.ToList());
    }

    /// <summary>By module: the attribute names read by the files that import it, directly or through others.</summary>
    private static Dictionary<string, HashSet<string>> OpenMethods(IReadOnlyList<FileUnit> units)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var byPath = units.ToDictionary(u => u.ModulePath, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            var reached = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(unit.Imports.Modules);
            while (queue.Count > 0 && queue.Dequeue() is var module)
            {
                if (module != unit.ModulePath && reached.Add(module) && byPath.TryGetValue(module, out var next))
                {
                    foreach (var further in next.Imports.Modules)
                    {
                        queue.Enqueue(further);
                    }
                }
            }
            foreach (var module in reached)
            {
                if (!byPath.TryGetValue(module, out var reachedUnit) || !reachedUnit.Methods.Overlaps(unit.Imports.Attributes))
                {
                    continue;
                }
                if (!result.TryGetValue(module, out var names))
                {
                    result[module] = names = new HashSet<string>(StringComparer.Ordinal);
                }
                names.UnionWith(reachedUnit.Methods.Intersect(unit.Imports.Attributes));
            }
        }
        return result;
    }

    private static bool SameCalls(IReadOnlyList<CallValues>? a, IReadOnlyList<CallValues>? b) =>
        (a ?? []).Count == (b ?? []).Count && (a ?? []).All(c => (b ?? []).Contains(c));

    private static Dictionary<(string Module, string Name), Value> Exported(Dictionary<(string, string), Value> returns) =>
        returns.ToDictionary(r => r.Key, r => r.Value.Kind == ValueKind.None ? Value.Unknown : r.Value);

    /// <summary>A value as another file may hold it: instances of this file's classes are unknown there (their names are this file's).</summary>
    private static Value Exported(Value value) => value.Kind switch
    {
        ValueKind.Module or ValueKind.Instance => Value.Unknown,
        ValueKind.Tuple => Value.Tuple(value.Items.Select(Exported).ToList()),
        ValueKind.Sequence => Value.Sequence(Exported(value.Element!)),
        ValueKind.Optional => Value.Optional(Exported(value.Element!)),
        _ => value,
    };
}
