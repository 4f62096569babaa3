using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// Classes deriving from a module class that converts (of this file, or imported from another file of
/// the project), without a torch model base of their own: <c>class Child(Base)</c>. Where the analysis
/// (<see cref="Analysis.DerivedClasses"/>) found the child's fields to be exactly its base's followed by
/// its own, the child becomes a Linen subclass of the converted base: it declares only its new fields
/// (and those whose default it changes), inherits the others and the <c>train</c> field, and its
/// constructor becomes a <c>setup</c> that calls <c>super().setup()</c> where it called the base's
/// constructor:
/// <code>
/// class Child(Base):                        class Child(Base):
///     def __init__(self, w, k=2):               k: int = 2
///         super().__init__(w)
///         self.extra = nn.Linear(w, k)          def setup(self):
///                                                   w = self.w
///                                                   k = self.k
///                                                   super().setup()
///                                                   self.extra = nn.Dense(features=k)
/// </code>
/// <c>super().forward(...)</c> becomes <c>super().__call__(...)</c>. A child that cannot be exact is
/// reported (SWR3006) with the reason and kept as it is, before any other conversion edits it: left
/// half converted it would be a Linen module with a torch constructor, which Flax rejects at run time.
/// </summary>
internal static class DerivedModules
{
    public static void Convert(ConversionContext context)
    {
        foreach (var derived in context.Facts.ModuleClasses.Derived.OrderBy(d => d.Node.Start.TokenIndex))
        {
            var cls = derived.Node;
            if (context.Edits.IsVerbatim(cls))
            {
                continue;
            }
            if (derived.Problem is { } problem)
            {
                context.Report(DiagnosticCodes.ModuleNotConverted, cls.name(),
                    $"class {cls.name().GetText()} is not converted to a Flax module: it derives from the module class {derived.BaseName}, and {problem}; its body stays torch code");
                context.Edits.KeepVerbatim(cls);
                continue;
            }
            var module = ModuleClass.Of(cls);
            // A positional argument that the dataclass's order of fields cannot keep positional is a keyword-only field.
            var fields = ModuleFields.Of(module, derived.Parameters, context)
                .Select(f => derived.Demoted.Contains(f.Parameter!) ? f with { KeywordOnly = true } : f).ToList();
            new ModuleRewriter(module, fields, context)
            {
                Declared = fields.Where(f => derived.Declared.Contains(f.Parameter!)).Concat(Fixed(derived, context)).OrderBy(f => f.KeywordOnly).ToList(),
                InheritsTrain = context.Facts.TrainState.NeedsTrain(derived.BaseName),
                BaseSetup = derived.BaseCall,
                KeepsAnnotations = derived.LinenBase,
            }.Run();
            CallsOfForward(cls, derived.BaseName, context);
        }
    }

    /// <summary>
    /// The base's fields the child declares again with a value of its base call, or the base's default, as their
    /// default: <c>super().__init__(*args, conv_block=QuantizableConv, **kwargs)</c> → <c>conv_block: Any = QuantizableConv</c>,
    /// <c>super().__init__(size, mode='nearest')</c> → <c>_: dataclasses.KW_ONLY</c>, <c>mode: Any = 'nearest'</c>.
    /// </summary>
    private static IEnumerable<ModuleField> Fixed(Analysis.DerivedClass derived, ConversionContext context) =>
        derived.Fixed.Select(field => new ModuleField(field.Name, null, [context.Targets.Reference("typing.Any")], field.Value, false, field.KeywordOnly)
        {
            DefaultText = field.Literal,
        });

    /// <summary><c>super().forward(x)</c> and <c>Base.forward(self, x)</c>: the base's <c>forward</c> is its <c>__call__</c> now.</summary>
    private static void CallsOfForward(PythonParser.Class_defContext cls, string baseName, ConversionContext context)
    {
        foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(cls))
        {
            if (attribute.name().GetText() == "forward"
                && (attribute.expr() is PythonParser.CallExprContext { } inner && inner.expr().GetText() == "super" || attribute.expr().GetText() == baseName))
            {
                context.Plan.Replace(attribute.name(), "__call__");
            }
        }
    }
}
