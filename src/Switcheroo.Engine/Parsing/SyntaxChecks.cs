using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing.Checks;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// The rules CPython enforces after its grammar, while compiling: <c>from __future__</c> placement
/// and features, and the other checks in <c>Parsing/Checks/</c>. A file that breaks one does not
/// compile, so it must not convert either. Reports the first violation, as CPython does (SWR2009).
/// </summary>
internal static class SyntaxChecks
{
    private static readonly ISyntaxCheck[] Checks =
    {
        new FutureImportCheck(),
    };

    public static IReadOnlyList<Diagnostic> Run(PythonParser.File_inputContext root, string path)
    {
        var found = new List<Diagnostic>();
        foreach (var check in Checks)
        {
            check.Check(root, new CheckReporter(path, found));
            if (found.Count > 0)
            {
                return new[] { found.OrderBy(d => d.Line).ThenBy(d => d.Column).First() };
            }
        }
        return found;
    }
}
