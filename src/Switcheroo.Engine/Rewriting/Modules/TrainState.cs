using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// Which module classes of a file behave differently in training and evaluation: those that build
/// BatchNorm or Dropout layers, call dropout, read <c>self.training</c>, or build another such class
/// of the same file (to a fixpoint). Their converted form carries the mode as a <c>train</c> field
/// (docs/training.md says why a field, not a call argument). The same walk tells which classes
/// keep running statistics (the <c>batch_stats</c> collection) and which draw dropout masks (the
/// <c>dropout</c> RNG stream), which is what applying them needs.
/// </summary>
internal sealed class TrainState
{
    private static readonly HashSet<string> BatchNorms = new(StringComparer.Ordinal)
    {
        "torch.nn.BatchNorm1d", "torch.nn.BatchNorm2d", "torch.nn.BatchNorm3d", "torch.nn.SyncBatchNorm",
    };

    private static readonly HashSet<string> Dropouts = new(StringComparer.Ordinal)
    {
        "torch.nn.Dropout", "torch.nn.Dropout1d", "torch.nn.Dropout2d", "torch.nn.Dropout3d", "torch.nn.AlphaDropout",
        "torch.nn.functional.dropout", "torch.nn.functional.dropout1d", "torch.nn.functional.dropout2d",
    };

    private readonly HashSet<string> _dependent;
    private readonly HashSet<string> _batchStats;
    private readonly HashSet<string> _dropout;

    public TrainState(ConversionContext context)
    {
        var classes = ParseTrees.Descendants<PythonParser.Class_defContext>(context.Tree.Root!)
            .GroupBy(c => c.name().GetText(), StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        var torchNames = classes.ToDictionary(c => c.Key, c => TorchNamesIn(c.Value, context), StringComparer.Ordinal);
        _batchStats = Closure(classes, name => torchNames[name].Overlaps(BatchNorms));
        _dropout = Closure(classes, name => torchNames[name].Overlaps(Dropouts));
        _dependent = Closure(classes, name => _batchStats.Contains(name) || _dropout.Contains(name) || ReadsTraining(classes[name]));
    }

    public bool NeedsTrain(PythonParser.Class_defContext cls) => _dependent.Contains(cls.name().GetText());

    public bool NeedsTrain(string className) => _dependent.Contains(className);

    /// <summary>Whether the class (or a class it builds) has BatchNorm layers, whose statistics live in <c>batch_stats</c>.</summary>
    public bool KeepsBatchStats(string className) => _batchStats.Contains(className);

    /// <summary>Whether the class (or a class it builds) draws dropout masks from the <c>dropout</c> RNG stream.</summary>
    public bool DrawsDropout(string className) => _dropout.Contains(className);

    /// <summary>The classes that satisfy <paramref name="seed"/> or build one that does, to a fixpoint.</summary>
    private static HashSet<string> Closure(Dictionary<string, PythonParser.Class_defContext> classes, Func<string, bool> seed)
    {
        var result = classes.Keys.Where(seed).ToHashSet(StringComparer.Ordinal);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (name, cls) in classes)
            {
                if (!result.Contains(name) && BuiltClasses(cls).Any(result.Contains))
                {
                    changed = result.Add(name);
                }
            }
        }
        return result;
    }

    private static bool ReadsTraining(PythonParser.Class_defContext cls) =>
        ParseTrees.Descendants<PythonParser.AttributeExprContext>(cls).Any(a => a.expr().GetText() == "self" && a.name().GetText() == "training");

    /// <summary>The qualified torch names a class refers to (<c>nn.BatchNorm2d</c>, <c>F.dropout</c>).</summary>
    private static HashSet<string> TorchNamesIn(PythonParser.Class_defContext cls, ConversionContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(cls))
        {
            if (context.Model.QualifiedName(attribute) is { } name)
            {
                names.Add(name);
            }
        }
        foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(cls))
        {
            if (use.Parent is PythonParser.ExprContext e && context.Model.QualifiedName(e) is { } name)
            {
                names.Add(name);
            }
        }
        return names;
    }

    /// <summary>Names called like classes in the body (<c>Block(...)</c>).</summary>
    private static IEnumerable<string> BuiltClasses(PythonParser.Class_defContext cls) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(cls)
            .Select(c => c.expr())
            .OfType<PythonParser.AtomExprContext>()
            .Select(a => a.GetText());
}
