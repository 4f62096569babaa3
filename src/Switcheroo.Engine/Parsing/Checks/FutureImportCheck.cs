using Antlr4.Runtime.Tree;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// <c>from __future__ import x</c> must come first in the module (after the docstring and other
/// future imports) and name a feature Python knows; <c>braces</c> gets CPython's famous answer.
/// </summary>
internal sealed class FutureImportCheck : ISyntaxCheck
{
    private static readonly HashSet<string> Features = new(StringComparer.Ordinal)
    {
        "nested_scopes", "generators", "division", "absolute_import", "with_statement",
        "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
    };

    public void Check(PythonParser.File_inputContext root, CheckReporter report)
    {
        var allowed = new HashSet<PythonParser.ImportFromContext>();
        CollectLeadingFutureImports(root, allowed);
        foreach (var import in Descendants<PythonParser.ImportFromContext>(root))
        {
            if (!IsFuture(import))
            {
                continue;
            }
            if (!allowed.Contains(import))
            {
                report.At(import, "from __future__ imports must occur at the beginning of the file");
                continue;
            }
            CheckFeatures(import, report);
        }
    }

    private static void CheckFeatures(PythonParser.ImportFromContext import, CheckReporter report)
    {
        var targets = import.import_targets();
        if (targets.STAR() is { } star)
        {
            report.At(star.Symbol, "future feature * is not defined");
            return;
        }
        foreach (var name in targets.import_as_name())
        {
            var feature = name.name(0).GetText();
            if (feature == "braces")
            {
                report.At(name, "not a chance");
            }
            else if (!Features.Contains(feature))
            {
                report.At(name, $"future feature {feature} is not defined");
            }
        }
    }

    /// <summary>The future imports in the module's opening run: an optional docstring, then only future imports.</summary>
    private static void CollectLeadingFutureImports(PythonParser.File_inputContext root, HashSet<PythonParser.ImportFromContext> allowed)
    {
        bool first = true;
        foreach (var statement in root.statement())
        {
            if (statement.simple_stmts() is not { } line)
            {
                return;
            }
            foreach (var simple in line.simple_stmt())
            {
                if (simple.import_stmt() is PythonParser.ImportFromContext import && IsFuture(import))
                {
                    allowed.Add(import);
                }
                else if (!(first && IsDocstring(simple)))
                {
                    return;
                }
                first = false;
            }
        }
    }

    private static bool IsFuture(PythonParser.ImportFromContext import) =>
        import.relative_dots() is null && import.dotted_name().GetText() == "__future__";

    /// <summary>A statement that is nothing but a string literal (single-child chain down to a string atom).</summary>
    private static bool IsDocstring(PythonParser.Simple_stmtContext simple)
    {
        IParseTree node = simple;
        while (node.ChildCount == 1 && node is not PythonParser.StringAtomContext)
        {
            node = node.GetChild(0);
        }
        return node is PythonParser.StringAtomContext;
    }

    internal static IEnumerable<T> Descendants<T>(IParseTree node) where T : IParseTree
    {
        var stack = new Stack<IParseTree>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is T match)
            {
                yield return match;
            }
            for (int i = current.ChildCount - 1; i >= 0; i--)
            {
                stack.Push(current.GetChild(i));
            }
        }
    }
}
