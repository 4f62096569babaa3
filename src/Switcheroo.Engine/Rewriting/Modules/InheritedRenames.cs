using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// The attributes a converted class reads that another class of its hierarchy in the file moves to a new
/// name (<see cref="ShadowedFields"/>): a base that stores a transformed argument under <c>NAME_</c>
/// (<c>_MaxPoolNd</c>'s <c>self.stride_ = stride if (stride is not None) else kernel_size</c>) is read as
/// <c>self.stride_</c> by its subclasses (<c>MaxPool2d.forward</c>); a base that reads what its subclasses
/// store (<c>_ReflectionPadNd.forward</c> reads <c>self.padding</c>, which <c>ReflectionPad2d</c> sets to
/// <c>_quadruple(padding)</c>, its argument) reads the new name when every converted subclass that stores it
/// uses that name:
/// <code>
/// class _PadNd(nn.Module):                         class _PadNd(nn.Module):
///     def forward(self, x):                            def __call__(self, x):
///         return F.pad(x, self.padding)                    return switcheroo_runtime.pad(x, self.padding_)
/// class Pad2d(_PadNd):                             class Pad2d(_PadNd):
///     def __init__(self, padding):                     padding: typing.Any
///         super().__init__()                           def setup(self):
///         self.padding = _quadruple(padding)               padding = self.padding
///                                                          self.padding_ = switcheroo_runtime.as_ntuple(padding, n=4)
/// </code>
/// Where converted subclasses store the attribute under different names (one as its argument's
/// transform, another as an attribute of its own), the base's reads cannot follow both: they stay and
/// are reported (SWR3006). A subclass of a base in another file reads the attribute that base moves a plain value to
/// (<see cref="FieldSignature.MovedTo"/>, as the module index records it). Caveat: subclasses in other files are not seen
/// by their base.
/// </summary>
internal static class InheritedRenames
{
    public static void Apply(ModuleClass module, IReadOnlyCollection<string> fields, ConversionContext context)
    {
        var classes = context.Facts.ModuleClasses;
        var known = new Dictionary<PythonParser.Class_defContext, IReadOnlyDictionary<string, string>>();
        IReadOnlyDictionary<string, string> RenamesOf(PythonParser.Class_defContext cls) =>
            known.TryGetValue(cls, out var found) ? found : known[cls] = TransformedFields.RenamesOf(cls, TransformedFields.FieldsOf(cls), context.Model, context.Maps, context.Tree.Tokens);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ancestor in Ancestors(module.Node, classes))
        {
            foreach (var (name, renamed) in RenamesOf(ancestor))
            {
                renames.TryAdd(name, renamed);
            }
        }
        // A base of another file that moves a plain value to NAME_ (the module index's ConstructorParameter.Moved): read there too.
        foreach (var field in classes.DerivedOf(module.Node)?.Fields ?? [])
        {
            if (field.MovedTo is { } moved)
            {
                renames.TryAdd(field.Name, moved);
            }
        }
        var assigned = TransformedFields.Assigned(module.Node).ToHashSet(StringComparer.Ordinal);
        var descendants = classes.Derived.Where(d => classes.Converts(d.Node) && Ancestors(d.Node, classes).Contains(module.Node)).Select(d => d.Node).ToList();
        foreach (var read in ParseTrees.Descendants<PythonParser.AttributeExprContext>(module.Node)
            .Where(a => a.expr().GetText() == "self").GroupBy(a => a.name().GetText(), StringComparer.Ordinal))
        {
            var name = read.Key;
            if (renames.ContainsKey(name) || fields.Contains(name) || assigned.Contains(name))
            {
                continue;
            }
            var stored = descendants.Select(d => (Class: d, As: StoredAs(d, Below(d, module.Node, classes), name, RenamesOf))).Where(s => s.As is not null).ToList();
            var under = stored.Select(s => s.As!).Distinct(StringComparer.Ordinal).ToList();
            if (under is [var only] && only != name)
            {
                renames[name] = only;
            }
            else if (under.Count > 1)
            {
                context.Report(DiagnosticCodes.ModuleNotConverted, read.First(),
                    $"{module.Name} reads self.{name}, which its subclasses store under different names in Flax ("
                    + string.Join(", ", stored.Select(s => $"{s.Class.name().GetText()}: {s.As}")) + "): a constructor argument is a field that setup may not assign, "
                    + $"so a subclass stores its transformed argument under another name; give the attribute one name in the torch code (an argument of another name than the attribute)");
            }
        }
        ShadowedFields.Rename(module.Node, renames, context);
    }

    /// <summary>
    /// The name under which a converted class stores <c>self.NAME</c> in Flax, or null when neither its constructor
    /// nor a base's below the reading class stores it: the nearest class of <paramref name="chain"/> (the class, then
    /// its bases) that assigns it decides, since a base's setup runs inside the subclass's (<c>ZeroPad2d</c> takes
    /// <c>padding</c> and passes it on; <c>ConstantPad2d</c> stores <c>_quadruple(padding)</c> as <c>padding_</c>);
    /// else the class's own field of that name.
    /// </summary>
    private static string? StoredAs(PythonParser.Class_defContext cls, IEnumerable<PythonParser.Class_defContext> chain, string name,
        Func<PythonParser.Class_defContext, IReadOnlyDictionary<string, string>> renamesOf)
    {
        foreach (var step in chain)
        {
            if (renamesOf(step).TryGetValue(name, out var renamed))
            {
                return renamed;
            }
            if (TransformedFields.Assigned(step).Contains(name))
            {
                return name;
            }
        }
        return TransformedFields.FieldsOf(cls).Contains(name) ? name : null;
    }

    /// <summary>The class and its converted bases of the file up to, not including, <paramref name="ancestor"/>.</summary>
    private static IEnumerable<PythonParser.Class_defContext> Below(PythonParser.Class_defContext cls, PythonParser.Class_defContext ancestor, ModuleClasses classes) =>
        new[] { cls }.Concat(Ancestors(cls, classes).TakeWhile(c => c != ancestor));

    /// <summary>The converted classes of the file a class derives from, nearest first.</summary>
    private static IEnumerable<PythonParser.Class_defContext> Ancestors(PythonParser.Class_defContext cls, ModuleClasses classes)
    {
        var seen = new HashSet<PythonParser.Class_defContext> { cls };
        for (var step = classes.DerivedOf(cls); step is not null && classes.Named(step.BaseName) is { } next && seen.Add(next); step = classes.DerivedOf(next))
        {
            yield return next;
        }
    }
}
