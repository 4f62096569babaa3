using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What one batch of a loader is (a class whose entry says <c>yields: tensors</c>, <c>DataLoader</c>), from how it is
/// built. The loader stays torch's and hands out numpy batches (the <c>data_pipeline</c> hook wraps its collate function
/// in <c>switcheroo_runtime.NumpyCollate</c>, docs/data.md), so a batch is what the collate function returns:
/// <list type="bullet">
/// <item>a <c>collate_fn</c> given: what that function of the file returns; any other collate function, unknown;</item>
/// <item>torch's default collate over a dataset of the file: its <c>__getitem__</c>'s value collated — tensors and ints
/// stacked into tensors, a tuple item by item, a list item-wise — and unknown for any other sample (a dict, a string);</item>
/// <item>over any other dataset (a <c>TensorDataset</c>, torchvision's, a parameter): a sequence of tensors — the
/// default collate stacks tensors, numpy arrays and numbers, and raises on images it cannot stack (docs/maps.md says
/// which datasets this assumes);</item>
/// <item>arguments spread with <c>*</c>/<c>**</c>: unknown (the hook cannot add its collate function, so batches stay torch).</item>
/// </list>
/// </summary>
internal static class LoaderBatches
{
    /// <summary>The loader parameter that takes the collate function (the data source is the entry's first parameter).</summary>
    private const string CollateParameter = "collate_fn";

    private const string ItemMethod = "__getitem__";

    public static Value Of(AnalysisContext context, PythonParser.CallExprContext call, MapEntry entry, CallValues arguments)
    {
        if (arguments.Spread || entry.Parameters.Count == 0
            || CallArguments.Bind(call.arguments(), entry.Parameters, out _) is not { } bound)
        {
            return Value.Unknown;
        }
        if (bound.FirstOrDefault(a => a.Parameter == CollateParameter) is { } collate)
        {
            return TargetNames.Unwrap(collate.Value) is PythonParser.NameAtomContext name
                && context.Shape.Definition(name) is PythonParser.Function_defContext function
                    ? context.Facts.Returns(function)
                    : Value.Unknown;
        }
        var source = entry.Parameters[0].Name;
        var dataset = arguments.Keywords.GetValueOrDefault(source) ?? arguments.Positional.FirstOrDefault() ?? Value.Unknown;
        if (dataset.Kind != ValueKind.Instance)
        {
            return Value.Sequence(Value.Tensor);
        }
        return context.ClassNamed(dataset.Name!) is { } cls && context.Shape.Method(cls, ItemMethod) is { } item
            ? Collated(context.Facts.Returns(item))
            : Value.Unknown;
    }

    /// <summary>What torch's default collate makes of samples of one value: tensors and ints stack into a tensor, containers item by item.</summary>
    private static Value Collated(Value sample) => sample.Kind switch
    {
        ValueKind.None => Value.None,
        ValueKind.Tensor or ValueKind.Int => Value.Tensor,
        ValueKind.Tuple => Value.Tuple(sample.Items.Select(Collated).ToList()),
        ValueKind.Sequence => Value.Sequence(Collated(sample.Element!)),
        _ => Value.Unknown,
    };
}
