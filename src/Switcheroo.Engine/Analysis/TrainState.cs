using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// Which module classes of a file behave differently in training and evaluation: those that build
/// BatchNorm or Dropout layers, call dropout, read <c>self.training</c>, build blocks they are given
/// (<see cref="GivenBuilders"/>: which those are is not known), or build another such class
/// of the same file or imported from another file converted with it (to a fixpoint), as the file's
/// <see cref="ModuleSummary"/> says. Their converted form carries the mode as a <c>train</c> field
/// (docs/training.md says why a field, not a call argument). The same walk tells which classes
/// keep running statistics (the <c>batch_stats</c> collection) and which draw dropout masks (the
/// <c>dropout</c> RNG stream), which is what applying them needs.
/// </summary>
public sealed class TrainState
{
    private readonly HashSet<string> _dependent;
    private readonly HashSet<string> _batchStats;
    private readonly HashSet<string> _dropout;
    private readonly HashSet<string> _noise;
    private readonly HashSet<string> _given;
    private readonly Dictionary<string, ClassSummary> _classes;
    private readonly HashSet<string> _modulesByDerivation;

    /// <param name="summary">the file's classes (<see cref="ModuleSummary"/>)</param>
    /// <param name="imported">Module classes imported from the other files converted together, by the name bound here.</param>
    public TrainState(ModuleSummary summary, IReadOnlyDictionary<string, ClassFacts> imported)
    {
        _classes = summary.Classes.ToDictionary(c => c.Name, StringComparer.Ordinal);
        bool Imports(string name, ClassFacts fact) => imported.TryGetValue(name, out var facts) && facts.HasFlag(fact);
        _batchStats = Closure(name => _classes[name].Own.HasFlag(ClassFacts.BatchStats), name => Imports(name, ClassFacts.BatchStats));
        _dropout = Closure(name => _classes[name].Own.HasFlag(ClassFacts.Dropout), name => Imports(name, ClassFacts.Dropout));
        _noise = Closure(name => _classes[name].Own.HasFlag(ClassFacts.Noise), name => Imports(name, ClassFacts.Noise));
        _given = Closure(name => _classes[name].Own.HasFlag(ClassFacts.BuildsGiven), name => Imports(name, ClassFacts.BuildsGiven));
        _modulesByDerivation = Closure(name => _classes[name].IsModule, name => Imports(name, ClassFacts.Module), c => c.Bases);
        _dependent = Closure(name => _batchStats.Contains(name) || _dropout.Contains(name) || _given.Contains(name) || _classes[name].Own.HasFlag(ClassFacts.Train),
            name => Imports(name, ClassFacts.Train));
        foreach (var (name, facts) in imported)
        {
            // Imported classes answer by their own file's facts.
            Add(_batchStats, name, facts, ClassFacts.BatchStats);
            Add(_dropout, name, facts, ClassFacts.Dropout);
            Add(_noise, name, facts, ClassFacts.Noise);
            Add(_dependent, name, facts, ClassFacts.Train);
            Add(_given, name, facts, ClassFacts.BuildsGiven);
        }
    }

    private static void Add(HashSet<string> set, string name, ClassFacts facts, ClassFacts fact)
    {
        if (facts.HasFlag(fact))
        {
            set.Add(name);
        }
    }

    /// <summary>What other files need to know of this file's <c>torch.nn.Module</c> subclasses, those deriving from one of the file's or an imported one included.</summary>
    public Dictionary<string, ClassFacts> ModuleFacts() =>
        _classes.Values.Where(c => IsModule(c.Name)).ToDictionary(c => c.Name, c => ClassFacts.Module
            | (_dependent.Contains(c.Name) ? ClassFacts.Train : 0)
            | (_batchStats.Contains(c.Name) ? ClassFacts.BatchStats : 0)
            | (_dropout.Contains(c.Name) ? ClassFacts.Dropout : 0)
            | (_noise.Contains(c.Name) ? ClassFacts.Noise : 0)
            | (_given.Contains(c.Name) ? ClassFacts.BuildsGiven : 0)
            | (c.Own & (ClassFacts.Kept | ClassFacts.IgnoresArguments)), StringComparer.Ordinal);

    /// <summary>Whether a class of the file is a module: a subclass of a model base, or of a module class of the file or imported.</summary>
    public bool IsModule(string className) => _modulesByDerivation.Contains(className);

    public bool NeedsTrain(PythonParser.Class_defContext cls) => _dependent.Contains(cls.name().GetText());

    public bool NeedsTrain(string className) => _dependent.Contains(className);

    /// <summary>Whether the class (or a class it builds) has BatchNorm layers, whose statistics live in <c>batch_stats</c>.</summary>
    public bool KeepsBatchStats(string className) => _batchStats.Contains(className);

    /// <summary>Whether the class (or a class it builds) draws dropout masks from the <c>dropout</c> RNG stream.</summary>
    public bool DrawsDropout(string className) => _dropout.Contains(className);

    /// <summary>Whether the class (or a class it builds) draws random numbers when applied, from the <c>noise</c> RNG stream.</summary>
    public bool DrawsNoise(string className) => _noise.Contains(className);

    /// <summary>
    /// Whether the class (or a class it builds) builds blocks it is given (<see cref="GivenBuilders"/>): it carries
    /// the train flag, and what applying it needs (statistics, dropout masks) is not known.
    /// </summary>
    public bool BuildsGiven(string className) => _given.Contains(className);

    /// <summary>The classes that satisfy <paramref name="seed"/> or build one that does (or an imported class that does), to a fixpoint.</summary>
    private HashSet<string> Closure(Func<string, bool> seed, Func<string, bool> importedSeed) => Closure(seed, importedSeed, c => c.Takes);

    /// <summary>The classes that satisfy <paramref name="seed"/> or reach one that does through <paramref name="edges"/> (or an imported class that does), to a fixpoint.</summary>
    private HashSet<string> Closure(Func<string, bool> seed, Func<string, bool> importedSeed, Func<ClassSummary, IEnumerable<string>> edges)
    {
        var result = _classes.Keys.Where(seed).ToHashSet(StringComparer.Ordinal);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (name, cls) in _classes)
            {
                if (!result.Contains(name) && edges(cls).Any(built => result.Contains(built) || importedSeed(built)))
                {
                    changed = result.Add(name);
                }
            }
        }
        return result;
    }
}
