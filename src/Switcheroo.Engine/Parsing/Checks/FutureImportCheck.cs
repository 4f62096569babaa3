using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The features named by the leading <c>from __future__</c> imports must be ones Python knows;
/// <c>braces</c> gets CPython's famous answer. (Misplaced future imports are the compiler's
/// business, a later stage: <see cref="FuturePlacementCheck"/>.) CPython positions these errors at
/// the import statement. Both need the word <c>__future__</c> in the text (a name is the source's
/// own characters), so the many files without it skip the check, and with it the line table their
/// tokens would build to answer the statements' lines (docs/performance.md, seventh round).
/// </summary>
internal sealed class FutureImportCheck : IWordGuardedCheck
{
    private static readonly HashSet<string> Features = new(StringComparer.Ordinal)
    {
        "nested_scopes", "generators", "division", "absolute_import", "with_statement",
        "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
    };

    public string[] Words { get; } = ["__future__"];

    public void Check(PythonParser.File_inputContext root, CheckReporter report)
    {
        foreach (var import in FutureImports.Leading(root))
        {
            CheckFeatures(import, report);
        }
        CheckSameLineAsCode(root, report);
    }

    /// <summary>
    /// This pass also catches a future import on the line of the statement that ended the leading
    /// run (<c>import os; from __future__ import x</c>); it positions it 0-based, which CPython keeps.
    /// </summary>
    private static void CheckSameLineAsCode(PythonParser.File_inputContext root, CheckReporter report)
    {
        var statements = FutureImports.TopLevel(root);
        int start = statements.FirstOrDefault() is PythonParser.Simple_stmtContext first && FutureImports.IsDocstring(first) ? 1 : 0;
        bool done = false;
        int previousLine = 0;
        foreach (var statement in statements.Skip(start))
        {
            if (done && statement.Start.Line > previousLine)
            {
                return;
            }
            previousLine = statement.Start.Line;
            if (statement is PythonParser.Simple_stmtContext { } simple
                && simple is PythonParser.Import_statementContext { } importing && importing.import_stmt() is PythonParser.ImportFromContext import && FutureImports.IsFuture(import))
            {
                if (done)
                {
                    report.At(import.Start.Line, import.Start.Column, "from __future__ imports must occur at the beginning of the file");
                    return;
                }
            }
            else
            {
                done = true;
            }
        }
    }

    private static void CheckFeatures(PythonParser.ImportFromContext import, CheckReporter report)
    {
        var targets = import.import_targets();
        if (targets.STAR() is { } star)
        {
            report.At(import, "future feature * is not defined");
            return;
        }
        foreach (var name in targets.import_as_name())
        {
            var feature = name.name(0).GetText();
            if (feature == "braces")
            {
                report.At(import, "not a chance");
            }
            else if (!Features.Contains(feature))
            {
                report.At(import, $"future feature {feature} is not defined");
            }
        }
    }
}
