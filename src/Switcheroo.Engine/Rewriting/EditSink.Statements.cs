using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

// New statements written where code stands, in the file's layout.
public sealed partial class EditSink
{
    /// <summary>One level of a compound statement a hook writes (<c>if variables is None:</c>), as PEP 8 indents.</summary>
    internal const string StatementUnit = "    ";

    /// <summary>
    /// Statements in place of code whose line is indented by <paramref name="indentation"/> (as
    /// <see cref="Indentation"/> gives it): the first line goes where the code starts, the others
    /// follow at that indentation, with the file's newline.
    /// </summary>
    internal TextPart[] StatementLines(IReadOnlyList<PyStatement> statements, string indentation) =>
        PyBlockPrinter.Print(statements, indentation, StatementUnit, Newline());

    /// <summary>Statements on lines of their own before <paramref name="statement"/>, at its indentation (or the one given).</summary>
    internal void InsertStatementsBefore(PythonParser.StatementContext statement, IReadOnlyList<PyStatement> statements, string? indentation = null)
    {
        var at = indentation ?? Indentation(statement.Start);
        Plan.InsertBefore(statement, [.. StatementLines(statements, at), Newline() + at]);
    }

    /// <summary>
    /// One indentation step of the file: how far <paramref name="inner"/>, the first statement of a block,
    /// is indented beyond <paramref name="outer"/>, the block's own line; PEP 8's four spaces when that says nothing.
    /// </summary>
    internal string IndentationStep(string outer, Antlr4.Runtime.ParserRuleContext? inner)
    {
        var indentation = inner is null ? string.Empty : Indentation(inner.Start);
        return indentation.Length > outer.Length && indentation.StartsWith(outer, StringComparison.Ordinal) ? indentation[outer.Length..] : StatementUnit;
    }
}
