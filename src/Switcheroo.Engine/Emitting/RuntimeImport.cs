using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Session;

namespace Switcheroo.Engine.Emitting;

/// <summary>
/// The import of the runtime module in a file that lies in a package: relative, from the package's top
/// folder among the outputs, where the session writes the package's one <c>switcheroo_runtime.py</c>
/// (<see cref="PackageLayout.RuntimeDepth"/>). A copy per folder would be a module per folder, and the
/// runtime's classes and caches would differ between them.
/// <code>
/// proj/sub/net.py    import switcheroo_runtime  →  from .. import switcheroo_runtime
/// proj/blocks.py     import switcheroo_runtime  →  from . import switcheroo_runtime
/// train.py           import switcheroo_runtime       (in no package: the runtime lies beside it)
/// </code>
/// The name bound is the same, so the references written for it stand.
/// </summary>
internal static class RuntimeImport
{
    public const string Module = "switcheroo_runtime";

    /// <summary>The statement <paramref name="chosen"/> becomes in the file <paramref name="facts"/> describe.</summary>
    public static ImportName Of(string module, ImportName chosen, FileFacts facts)
    {
        if (module != Module || PackageLayout.RuntimeDepth(facts.Tree.Source.Path, facts.ModulePath) is not (> 0 and var depth))
        {
            return chosen;
        }
        var alias = chosen.Bound == Module ? string.Empty : " as " + chosen.Bound;
        return chosen with { Statement = $"from {new string('.', depth)} import {Module}{alias}" };
    }
}
