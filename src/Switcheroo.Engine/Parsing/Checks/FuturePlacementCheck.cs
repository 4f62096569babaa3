using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// <c>from __future__ import x</c> must come first in the module, after the docstring and other
/// future imports; anywhere else (later, or inside a function) it is an error. A file whose text
/// never spells <c>__future__</c> (nearly all) has no future import and skips the check.
/// </summary>
internal sealed class FuturePlacementCheck : IWordGuardedCheck
{
    public string[] Words { get; } = ["__future__"];

    public void Check(PythonParser.File_inputContext root, CheckReporter report)
    {
        var leading = FutureImports.Leading(root);
        foreach (var import in ScopedTree.Of(root).Nodes<PythonParser.ImportFromContext>(NodeIndex.FromImports))
        {
            if (FutureImports.IsFuture(import) && !leading.Contains(import))
            {
                report.At(import, "from __future__ imports must occur at the beginning of the file");
            }
        }
    }
}
