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

    private sealed record FileUnit(string ModulePath, SemanticModel Model, IReadOnlyDictionary<string, ClassFacts> Classes, FunctionImports Imports,
        IReadOnlyList<string> Functions, IReadOnlySet<string> Methods);

    /// <param name="problems">where an unexpected exception reading one file goes (SWR9002 at that file, which then links nothing)</param>
    public static ProjectFunctions Build(MapSet maps, IReadOnlyList<(string ModulePath, string Path)> files, ProjectModules classes, ICollection<Diagnostic>? problems = null)
    {
        var modules = files.Select(f => f.ModulePath).ToHashSet(StringComparer.Ordinal);
        var read = files.AsParallel().AsOrdered().Select(f => Read(maps, f.ModulePath, f.Path, modules, classes)).ToList();
        foreach (var (failure, path) in read.Zip(files).Where(r => r.First.Failure is not null).Select(r => (r.First.Failure!, r.Second.Path)))
        {
            problems?.Add(Session.InternalError.WhileIndexing(failure, path));
        }
        var units = read.Select(r => r.Unit).OfType<FileUnit>().ToList();
        var defined = units.SelectMany(u => u.Functions.Select(f => (u.ModulePath, f))).ToHashSet();
        var open = new HashSet<(string, string)>();
        foreach (var unit in units)
        {
            open.UnionWith(unit.Imports.Functions.Where(f => !f.Known).Select(f => (f.Module, f.Name)));
            open.UnionWith(defined.Where(d => unit.Imports.WholeModules.Contains(d.ModulePath)));
        }
        var openMethods = OpenMethods(units);
        var imported = units.SelectMany(u => u.Imports.Functions.Where(f => f.Module != u.ModulePath).Select(f => (f.Module, f.Name))).ToHashSet();
        var linkedFiles = units.Where(u => u.Imports.Functions.Any(f => defined.Contains((f.Module, f.Name)))
            || u.Functions.Any(f => imported.Contains((u.ModulePath, f)))).ToList();
        var returns = defined.ToDictionary(d => d, _ => Value.None);
        var calls = new Dictionary<(string, string), IReadOnlyList<CallValues>>();
        var pinned = new HashSet<(string, string)>();
        var results = new Dictionary<FileUnit, Found>(ReferenceEqualityComparer.Instance);
        var dirty = linkedFiles;
        for (int round = 0; ; round++)
        {
            var project = new ProjectFunctions(Exported(returns), calls, open, openMethods, defined.Select(d => d.ModulePath).ToHashSet(StringComparer.Ordinal));
            foreach (var (unit, found) in dirty.AsParallel().Select(u => (u, LargeStack.Run(() => Analyse(maps, u, project)))).ToList())
            {
                results[unit] = found;
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

    private static (FileUnit? Unit, Exception? Failure) Read(MapSet maps, string modulePath, string path, HashSet<string> modules, ProjectModules classes)
    {
        try
        {
            var tree = PythonSyntax.Parse(path, File.ReadAllBytes(path));
            if (tree.Root is null || tree.Diagnostics.Any(d => d.Severity == Severity.Error))
            {
                return (null, null);
            }
            return (LargeStack.Run(() =>
            {
                var model = SemanticModel.Build(tree);
                var imported = classes.Count == 0 ? new Dictionary<string, ClassFacts>() : classes.Imported(modulePath, ModuleSummary.Of(tree.Root, model, maps));
                var functions = ValueAnalysis.TopLevelFunctions(model).Select(f => f.name().GetText()).ToList();
                // The methods that may be closed (ProgramShape): not special, not forward.
                var methods = ParseTrees.Descendants<Grammar.PythonParser.Function_defContext>(tree.Root)
                    .Where(f => ProgramShape.ClassOf(f) is not null).Select(f => f.name().GetText())
                    .Where(n => n != "forward" && !(n.StartsWith("__", StringComparison.Ordinal) && n.EndsWith("__", StringComparison.Ordinal)))
                    .ToHashSet(StringComparer.Ordinal);
                return new FileUnit(modulePath, model, imported, FunctionImports.Of(model, modulePath, modules.Contains), functions, methods);
            }), null);
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

    /// <summary>What one file's analysis found: its functions' returns, its calls' values.</summary>
    private sealed record Found(IReadOnlyList<((string, string) Function, Value Value)> Returns, IReadOnlyList<((string Module, string Name) Function, CallValues Values)> Calls);

    private static Found Analyse(MapSet maps, FileUnit unit, ProjectFunctions project)
    {
        var analysis = new ValueAnalysis(unit.Model, maps, unit.Classes, new LinkedFunctions(project, unit.ModulePath, unit.Model, unit.Imports));
        var returns = ValueAnalysis.TopLevelFunctions(unit.Model)
            .Select(f => ((unit.ModulePath, f.name().GetText()), Exported(analysis.Returns(f)))).ToList();
        var calls = analysis.Linked.Calls.Select(c => (c.Function, c.Values with
        {
            Positional = c.Values.Positional.Select(Exported).ToList(),
            Keywords = c.Values.Keywords.ToDictionary(k => k.Key, k => Exported(k.Value)),
        }));
        return new Found(returns, calls.ToList());
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
