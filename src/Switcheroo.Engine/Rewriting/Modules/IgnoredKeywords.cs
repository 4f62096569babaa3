using Switcheroo.Engine.Rewriting.Syntax;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// A <c>**mapping</c> unpacked into the construction of a converted module class whose torch
/// constructor caught extra keywords in a <c>**kwargs</c> it never read passes on only torch's named
/// constructor arguments (<see cref="Analysis.VariadicConstructions.Filtered"/>):
/// <code>
/// model = MobileNetV3(setting, last_channel, **kwargs)
/// →
/// model = MobileNetV3(setting, last_channel, **switcheroo_runtime.constructor_keywords(kwargs, ("inverted_residual_setting", "last_channel", "num_classes")))
/// </code>
/// torch ignored the other keys; the Flax module has no field for them, and would reject them, or take
/// <c>name</c>, <c>parent</c> or <c>train</c> as its own. A key that is a named argument reaches the
/// field as it reached torch's argument (twice, with a positional argument: a TypeError in both).
/// </summary>
internal static class IgnoredKeywords
{
    public static void Filter(ConversionContext context)
    {
        foreach (var (unpacked, names) in context.Facts.FilteredKeywords)
        {
            if (context.Edits.IsVerbatim(unpacked))
            {
                continue;
            }
            var kept = Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.constructor_keywords")),
                Py.Source(unpacked.expression()), Py.TupleOf(names.Select(n => (Py)PyLiteral.String(n))));
            context.Plan.Replace(unpacked.expression(), PyPrinter.Print(kept));
        }
    }
}
