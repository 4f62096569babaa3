using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// Which module classes of a file behave differently in training and evaluation: those that build
/// BatchNorm or Dropout layers, call dropout, read <c>self.training</c>, or build another such class
/// of the same file (to a fixpoint). Their converted form carries the mode as a <c>train</c> field
/// (docs/training.md says why a field, not a call argument).
/// </summary>
internal sealed class TrainState
{
    private static readonly HashSet<string> TrainDependent = new(StringComparer.Ordinal)
    {
        "torch.nn.BatchNorm1d", "torch.nn.BatchNorm2d", "torch.nn.BatchNorm3d", "torch.nn.SyncBatchNorm",
        "torch.nn.Dropout", "torch.nn.Dropout1d", "torch.nn.Dropout2d", "torch.nn.Dropout3d", "torch.nn.AlphaDropout",
        "torch.nn.functional.dropout", "torch.nn.functional.dropout1d", "torch.nn.functional.dropout2d",
    };

    private readonly HashSet<string> _dependent = new(StringComparer.Ordinal);

    public TrainState(ConversionContext context)
    {
        var classes = ParseTrees.Descendants<PythonParser.Class_defContext>(context.Tree.Root!)
            .GroupBy(c => c.name().GetText(), StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        foreach (var (name, cls) in classes)
        {
            if (UsesTrainDependentTorch(cls, context))
            {
                _dependent.Add(name);
            }
        }
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (name, cls) in classes)
            {
                if (!_dependent.Contains(name) && BuiltClasses(cls).Any(_dependent.Contains))
                {
                    changed = _dependent.Add(name);
                }
            }
        }
    }

    public bool NeedsTrain(PythonParser.Class_defContext cls) => _dependent.Contains(cls.name().GetText());

    public bool NeedsTrain(string className) => _dependent.Contains(className);

    private static bool UsesTrainDependentTorch(PythonParser.Class_defContext cls, ConversionContext context) =>
        ParseTrees.Descendants<PythonParser.AttributeExprContext>(cls).Any(a =>
            (a.expr().GetText() == "self" && a.name().GetText() == "training")
            || (context.Model.QualifiedName(a) is { } name && TrainDependent.Contains(name)))
        || ParseTrees.Descendants<PythonParser.NameAtomContext>(cls).Any(n =>
            n.Parent is PythonParser.ExprContext e && context.Model.QualifiedName(e) is { } name && TrainDependent.Contains(name));

    /// <summary>Names called like classes in the body (<c>Block(...)</c>).</summary>
    private static IEnumerable<string> BuiltClasses(PythonParser.Class_defContext cls) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(cls)
            .Select(c => c.expr())
            .OfType<PythonParser.AtomExprContext>()
            .Select(a => a.GetText());
}
