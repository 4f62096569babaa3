using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// Relative imports of torch code the maps know. Binding takes a name from a relative import for the
/// project's own (it cannot know where the file lies); once the file's package is known
/// (<see cref="Session.PackageLayout"/>), a relative import that reaches a module of torch or
/// torchvision stands for that module's name: in <c>torchvision/models/mobilenetv2.py</c>,
/// <c>from ..ops.misc import Conv2dNormActivation</c> binds <c>torchvision.ops.misc.Conv2dNormActivation</c>,
/// which the maps convert. torch's own files read the same way: in <c>torch/nn/modules/linear.py</c>,
/// <c>from .module import Module</c> binds <c>torch.nn.modules.module.Module</c> and
/// <c>from .. import functional as F</c> binds <c>torch.nn.functional</c>, which the maps know under the
/// public names (<c>torch.nn.Module</c>, through their module aliases), so the file's layer classes are
/// module classes like a user's.
/// </summary>
/// <remarks>
/// Only names the maps cover are rebound (the rest stays the file's own business, reported where it
/// is used as today), never one a file converted together with this one defines, never one the same
/// scope binds otherwise too (a class or function of the file by that name), never in a package's
/// <c>__init__</c> (its relative imports re-export the package's own modules: <c>torch/nn/modules/__init__.py</c>'s
/// <c>from .linear import Linear</c> names the converted <c>linear.py</c>'s class, and dropped as a torch name
/// it would leave the package without it), and never an import that climbs above the top package
/// (Python refuses it). A class a file defines is the project's, whatever
/// the maps say of the torch name it has: <c>class Linear(Module)</c> in torch's <c>linear.py</c> is a
/// module class converted from its body, and <c>Linear</c> inside that file is that class, never
/// <c>torch.nn.Linear</c>'s map (binding resolves it to the class, not to an import); only another
/// file's relative import of it (<c>from .linear import Linear</c> in <c>transformer.py</c>, converted
/// alone) binds torch's name.
/// </remarks>
internal static class RelativeImports
{
    public static void Resolve(SemanticModel model, string path, MapSet maps, ProjectModules project, string modulePath)
    {
        if (Session.PackageLayout.PackageOf(path) is not { } package || IsPackageInit(path))
        {
            return;
        }
        foreach (var scope in model.Scopes)
        {
            var rebound = new List<(NameBinding Old, NameBinding New)>();
            foreach (var binding in scope.Bindings.Values.SelectMany(b => b))
            {
                if (binding.Kind == BindingKind.Local && binding.Site is Import_as_nameContext item
                    && Absolute(item, package) is var (module, relative)
                    && $"{module}.{item.name(0).GetText()}" is var qualified
                    && TorchNames.IsTorch(qualified) && maps.Covers(qualified)
                    && scope.Bindings[binding.Name].All(b => b.Kind == BindingKind.Local && b.Site is Import_as_nameContext)
                    && project.Resolve(modulePath, relative + item.name(0).GetText()) is null)
                {
                    rebound.Add((binding, binding with { Kind = BindingKind.Import, QualifiedName = qualified }));
                }
            }
            foreach (var (old, replacement) in rebound)
            {
                scope.Replace(old, replacement);
            }
        }
    }

    /// <summary>A package's <c>__init__</c>: its relative imports re-export the package's modules (whose converted files define the names).</summary>
    private static bool IsPackageInit(string path) =>
        Path.GetFileName(path) is "__init__.py" or "__init__.torch.py";

    /// <summary>
    /// The module a relative <c>from</c> import names, absolute, and as written ready for a name
    /// (<c>..ops.misc.</c>, <c>..</c>); null for an absolute import or one above the top package.
    /// </summary>
    private static (string Module, string Relative)? Absolute(Import_as_nameContext item, string package)
    {
        var (dots, dotted) = item.Parent?.Parent switch
        {
            ImportFromContext from when from.relative_dots() is { } d => (d, from.dotted_name().GetText()),
            ImportFromRelativeContext from => (from.relative_dots(), string.Empty),
            _ => (null, string.Empty),
        };
        if (dots is null)
        {
            return null;
        }
        int levels = dots.GetText().Count(c => c == '.');
        var parts = package.Split('.');
        if (levels > parts.Length)
        {
            return null;
        }
        var start = string.Join('.', parts[..(parts.Length - levels + 1)]);
        return dotted.Length == 0 ? (start, dots.GetText()) : ($"{start}.{dotted}", $"{dots.GetText()}{dotted}.");
    }
}
