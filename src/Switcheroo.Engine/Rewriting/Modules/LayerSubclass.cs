using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// A class deriving from a torch layer whose entry names a <c>base</c> (<see cref="LayerBase"/>) becomes a
/// Linen module deriving from the runtime's base. With a constructor of its own, its arguments are its
/// fields and <c>super().__init__(...)</c> becomes <c>super().torch_layer(...)</c>, which declares the layer's
/// variables at the class's own level (so torch's <c>weight</c>, not <c>conv.weight</c>) and sets torch's attributes:
/// <code>
/// class Conv3DSimple(nn.Conv3d):                       class Conv3DSimple(switcheroo_runtime.Conv3dBase):
///     def __init__(self, in_planes, out_planes,            in_planes: int
///                  stride=1):                              out_planes: int
///         super().__init__(in_planes, out_planes,          stride: int = 1
///                          kernel_size=3, stride=stride)
///                                                          def setup(self):
///                                                              in_planes = self.in_planes
///                                                              ...
///                                                              super().torch_layer(in_planes, out_planes, kernel_size=3, stride=stride)
/// </code>
/// Without one it keeps torch's constructor: <c>class LayerNorm2d(nn.LayerNorm)</c> derives from
/// <c>switcheroo_runtime.TorchLayerNorm</c>, whose fields are torch's arguments, holding torch's values, and its
/// <c>forward</c> becomes <c>__call__</c> (a class without one computes the base's, torch's). <c>super().forward</c>
/// becomes <c>super().__call__</c>. A class that cannot (<see cref="LayerBases.Problem"/>) is reported (SWR3006) and kept whole.
/// </summary>
internal static class LayerSubclass
{
    public static void Convert(PythonParser.Class_defContext cls, PythonParser.ExprContext reference, MapEntry entry, ConversionContext context)
    {
        var module = ModuleClass.Of(cls);
        var fields = context.Facts.ModuleClasses.Converts(cls) ? ModuleFields.Read(module, context, out _) : null;
        if (fields is null)
        {
            var why = ModuleClasses.Problem(cls, context.Model, context.Maps) ?? "its constructor's arguments cannot be dataclass fields";
            context.Report(DiagnosticCodes.ModuleNotConverted, reference,
                $"class {module.Name} derives from {entry.Torch}, and {why}; its body stays torch code");
            context.Edits.KeepVerbatim(cls);
            return;
        }
        var layerBase = entry.Base!;
        context.Plan.Replace(reference, context.Targets.Reference(module.Init is null ? layerBase.Fields : layerBase.Setup));
        context.MarkConverted(reference);
        new ModuleRewriter(module, fields, context) { LayerConstructor = LayerBase.Constructor }.Run();
        foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(cls.block()))
        {
            if (attribute.name().GetText() == "forward" && attribute.expr() is PythonParser.CallExprContext { } inner && inner.expr().GetText() == "super")
            {
                context.Plan.Replace(attribute.name(), "__call__");
            }
        }
    }
}
