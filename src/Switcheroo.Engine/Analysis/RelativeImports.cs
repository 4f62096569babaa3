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
/// which the maps convert. Only names the maps cover are rebound (the rest of torchvision stays the
/// file's own business), never one a file converted together with this one defines, and never an
/// import that climbs above the top package (Python refuses it). torch's own files (a package under
/// <c>torch</c>) keep their imports their own: the maps describe torch from outside, and torch's
/// implementation of <c>Conv2d</c> is not converted in terms of itself.
/// </summary>
internal static class RelativeImports
{
    public static void Resolve(SemanticModel model, string? package, MapSet maps, ProjectModules project, string modulePath)
    {
        if (package is null || TorchNames.IsTorchItself(package))
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
