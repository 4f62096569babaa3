using Switcheroo.Engine.Rewriting.Syntax;

namespace Switcheroo.Engine.Rewriting.Forms;

/// <summary>
/// torch accepts an int or a sequence for sizes (kernel, stride, padding); Flax wants tuples, and
/// padding as (low, high) pairs. The form is decided from the parse tree (<see cref="SourceValue"/>)
/// where the value's kind is known; otherwise a runtime helper decides it exactly as torch does.
/// <code>
/// tuple2:  3 → (3, 3)    k: int → (k, k)    (3, 5) → (3, 5)    (k) → (k, k) or a helper    s → switcheroo_runtime.size_tuple(s, 2)
/// pad2:    1 → ((1, 1), (1, 1))    (1, 0) → ((1, 1), (0, 0))    0 → 'VALID'    'same' → 'SAME'    p → switcheroo_runtime.padding_pairs(p, 2)
/// axes:    n: int → -1 (the default)    (4, 5) → (-2, -1)    s → switcheroo_runtime.trailing_axes(s)
/// </code>
/// </summary>
internal static class SizeForms
{
    /// <summary>A form's result: the expression, and whether it is the neutral value (no padding, the last axis) an optional segment may leave out.</summary>
    public sealed record Result(Py Node, bool Neutral);

    public static Result Apply(string form, IReadOnlyList<TextPart> value, ConversionContext context)
    {
        var source = SourceValue.Of(value, context);
        int n = form.Length > 0 && char.IsDigit(form[^1]) ? form[^1] - '0' : 0;
        return form switch
        {
            _ when form.StartsWith("tuple", StringComparison.Ordinal) => new(Tuple(source, n, context), false),
            _ when form.StartsWith("pad", StringComparison.Ordinal) => Padding(source, n, context),
            "axes" => Axes(source, context),
            _ => throw new FormatException($"unknown size form '{form}'"),
        };
    }

    private static Py Helper(ConversionContext context, string name, params Py[] arguments) =>
        Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime." + name)), arguments);

    private static Py Tuple(SourceValue value, int n, ConversionContext context) => value switch
    {
        SourceValue.Int => Py.TupleOf(Enumerable.Repeat(value.Node, n)),
        SourceValue.Sequence sequence => Py.TupleOf(sequence.Items.Select(i => i.Node)),
        _ => Helper(context, "size_tuple", value.Node, PyLiteral.Int(n)),
    };

    private static Result Padding(SourceValue value, int n, ConversionContext context)
    {
        switch (value)
        {
            case SourceValue.Int { Literal: "0" }:
                return new(new PyLiteral("'VALID'"), true);
            case SourceValue.Int:
                return new(Py.TupleOf(Enumerable.Repeat(Py.TupleOf([value.Node, value.Node]), n)), false);
            case SourceValue.Text { Value: "same" or "valid" } text:
                return new(new PyLiteral($"'{text.Value.ToUpperInvariant()}'"), text.Value == "valid");
            case SourceValue.Sequence sequence:
                bool zero = sequence.Items.All(i => i is SourceValue.Int { Literal: "0" });
                return zero ? new(new PyLiteral("'VALID'"), true) : new(Py.TupleOf(sequence.Items.Select(i => Py.TupleOf([i.Node, i.Node]))), false);
            default:
                return new(Helper(context, "padding_pairs", value.Node, PyLiteral.Int(n)), false);
        }
    }

    private static Result Axes(SourceValue value, ConversionContext context) => value switch
    {
        SourceValue.Int => new(PyLiteral.Int(-1), true),
        SourceValue.Sequence { Items.Count: 1 } => new(PyLiteral.Int(-1), true),
        SourceValue.Sequence sequence => new(Py.TupleOf(Enumerable.Range(0, sequence.Items.Count).Select(i => (Py)PyLiteral.Int(i - sequence.Items.Count))), false),
        _ => new(Helper(context, "trailing_axes", value.Node), false),
    };
}
