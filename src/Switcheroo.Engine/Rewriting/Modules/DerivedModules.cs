using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// Classes deriving from a module class that converts (of this file, or imported from another file of
/// the project) without a torch model base of their own: <c>class Child(Base)</c>. Such a subclass is
/// not converted yet, and left as it was it would be a Linen module with a torch constructor, which
/// Flax rejects at run time (an attribute set after the base's dataclass constructor raises
/// <c>SetAttributeFrozenModuleError</c>). It is reported (SWR3006) and kept as it is, before any other
/// conversion edits it.
/// </summary>
internal static class DerivedModules
{

    public static void KeepUnconverted(ConversionContext context)
    {
        var facts = context.Facts;
        var classes = ParseTrees.Descendants<PythonParser.Class_defContext>(context.Tree.Root!).ToList();
        // Classes already written as Linen modules (a converted file converted again) count as module classes too.
        var linen = classes.Where(c => ModelBases.Of(c).Any(b => context.Model.QualifiedName(b) == ModuleClassHook.LinenModule))
            .Select(c => c.name().GetText()).ToHashSet(StringComparer.Ordinal);
        foreach (var cls in classes)
        {
            if (context.Edits.IsVerbatim(cls) || ModelBases.Has(cls, context.Model, context.Maps))
            {
                continue;
            }
            var converted = ModelBases.Of(cls).Select(b => b.GetText())
                .FirstOrDefault(name => facts.ModuleClasses.Named(name) is not null || facts.ImportedClasses.ContainsKey(name) || linen.Contains(name));
            if (converted is null)
            {
                continue;
            }
            context.Report(DiagnosticCodes.ModuleNotConverted, cls.name(),
                $"class {cls.name().GetText()} is not converted to a Flax module: it derives from the module class {converted}, and subclasses of converted module classes are not converted yet; its body stays torch code");
            context.Edits.KeepVerbatim(cls);
        }
    }
}
