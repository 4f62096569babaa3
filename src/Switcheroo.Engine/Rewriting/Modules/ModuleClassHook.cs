using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Hooks;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// <c>module_class</c>, on <c>torch.nn.Module</c>: a subclass becomes a Flax Linen module.
/// <code>
/// class Net(nn.Module):                      class Net(nn.Module):           # flax.linen
///     def __init__(self, d, h=64):              d: typing.Any
///         super().__init__()                    h: int = 64
///         self.fc = nn.Linear(d, h)
///                                               def setup(self):
///     def forward(self, x):                         h = self.h
///                                                   self.fc = nn.Dense(features=h)
///         return self.fc(x)
///                                               def __call__(self, x):
///                                                   return self.fc(x)
/// </code>
/// Constructor arguments become dataclass fields (annotated as written, else by their literal
/// default, else <c>typing.Any</c>), <c>__init__</c> becomes <c>setup</c>, which first binds the
/// fields it reads to locals of the same name (so its body reads as before, reassignments
/// included); <c>super().__init__()</c> and <c>self.x = x</c> go, and a constructor left empty
/// goes entirely (a class body left with nothing gets <c>pass</c>); <c>forward</c> becomes <c>__call__</c>. Any other use of <c>nn.Module</c>
/// (annotations, isinstance) becomes <c>flax.linen.Module</c>; arguments after a bare <c>*</c> become
/// keyword-only fields (after <c>_: dataclasses.KW_ONLY</c>); a <c>*args</c>/<c>**kwargs</c> the
/// constructor never reads has no field (<see cref="Analysis.VariadicConstructions"/>). Caveats: a
/// constructor that reads its <c>*args</c>/<c>**kwargs</c>, or an argument defaulting to a layer
/// class that follows the train flag, cannot be dataclass fields; such a class is reported (SWR3006)
/// and kept as it is.
/// </summary>
public sealed class ModuleClassHook : IHook
{
    /// <summary>The base a converted module class gets.</summary>
    public const string LinenModule = "flax.linen.Module";

    public string Name => Mapping.MapSet.ModuleClassHook;

    public void Apply(HookSite site, ConversionContext context)
    {
        var module = ModuleClass.WithBase(site.Reference);
        if (module is null)
        {
            context.Plan.Replace(site.Reference, context.Targets.Reference(LinenModule));
            context.MarkConverted(site.Reference);
            return;
        }
        var fields = ModuleFields.Read(module, context, out var problem);
        if (fields is null)
        {
            context.Report(DiagnosticCodes.ModuleNotConverted, module.Node.name(), $"class {module.Name} is not converted to a Flax module: {problem}; its body stays torch code");
            context.Edits.KeepVerbatim(module.Node);
            return;
        }
        context.Plan.Replace(site.Reference, context.Targets.Reference(LinenModule));
        context.MarkConverted(site.Reference);
        new ModuleRewriter(module, fields, context).Run();
    }
}
