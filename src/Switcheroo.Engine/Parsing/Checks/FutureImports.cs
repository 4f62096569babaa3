using Antlr4.Runtime;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>The <c>from __future__</c> imports at the top of a module, the only place they take effect.</summary>
internal static class FutureImports
{
    /// <summary>The future imports in the module's opening run: an optional docstring, then only future imports.</summary>
    public static HashSet<PythonParser.ImportFromContext> Leading(PythonParser.File_inputContext root)
    {
        var leading = new HashSet<PythonParser.ImportFromContext>();
        bool first = true;
        foreach (var statement in root.statement())
        {
            if (statement.SimpleLine() is not { } line)
            {
                break;
            }
            foreach (var simple in line.simple_stmt())
            {
                if (simple is PythonParser.Import_statementContext { } importing && importing.import_stmt() is PythonParser.ImportFromContext import && IsFuture(import))
                {
                    leading.Add(import);
                }
                else if (!(first && IsDocstring(simple)))
                {
                    return leading;
                }
                first = false;
            }
        }
        return leading;
    }

    /// <summary>The module's top-level statements, each simple statement of a line on its own, as CPython's AST lists them.</summary>
    public static List<ParserRuleContext> TopLevel(PythonParser.File_inputContext root) =>
        root.statement()
            .SelectMany(statement => statement.SimpleLine() is { } line
                ? line.simple_stmt().Cast<ParserRuleContext>()
                : new ParserRuleContext[] { statement })
            .ToList();

    /// <summary>Whether the module turns on a feature, e.g. "annotations" (PEP 563).</summary>
    /// <remarks>
    /// Asked of every file parsed (<see cref="Binding.ScopeBuilder"/>), so it reads the opening run
    /// as <see cref="Leading"/> does, in place: no set, and no array of all the top-level statements.
    /// </remarks>
    public static bool Enable(PythonParser.File_inputContext root, string feature)
    {
        bool first = true;
        for (int i = 0; i < root.ChildCount; i++)
        {
            if (root.GetChild(i) is not PythonParser.StatementContext statement)
            {
                continue;
            }
            if (statement.SimpleLine() is not { } line)
            {
                return false;
            }
            foreach (var simple in line.simple_stmt())
            {
                if (simple is PythonParser.Import_statementContext { } importing && importing.import_stmt() is PythonParser.ImportFromContext import && IsFuture(import))
                {
                    if (import.import_targets().import_as_name().Any(name => name.name(0).GetText() == feature))
                    {
                        return true;
                    }
                }
                else if (!(first && IsDocstring(simple)))
                {
                    return false;
                }
                first = false;
            }
        }
        return false;
    }

    /// <summary>CPython 3.11 looks only at the module name, so <c>from .__future__ import x</c> counts too.</summary>
    public static bool IsFuture(PythonParser.ImportFromContext import) => import.dotted_name().GetText() == "__future__";

    /// <summary>A statement that is only a str literal; CPython does not count bytes or f-strings as docstrings.</summary>
    public static bool IsDocstring(PythonParser.Simple_stmtContext simple)
    {
        if (simple is not PythonParser.Expression_stmtContext statement || statement.ChildCount != 1)
        {
            return false;
        }
        var value = Expr.Of(statement.star_expressions());
        return value.Kind == ExprKind.Constant
            && value.Node is PythonParser.StringAtomContext text
            && text.strings().STRING().All(token => !StringLiterals.IsBytes(token.Symbol));
    }
}
