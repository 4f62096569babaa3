using Switcheroo.Engine.Rewriting.Syntax;

namespace Switcheroo.Engine.Rewriting;

// New statements written where code stands, in the file's layout.
public sealed partial class EditSink
{
    /// <summary>One level of a compound statement a hook writes (<c>if variables is None:</c>), as PEP 8 indents.</summary>
    private const string StatementUnit = "    ";

    /// <summary>
    /// Statements in place of code whose line is indented by <paramref name="indentation"/> (as
    /// <see cref="Indentation"/> gives it): the first line goes where the code starts, the others
    /// follow at that indentation, with the file's newline.
    /// </summary>
    internal TextPart[] StatementLines(IReadOnlyList<PyStatement> statements, string indentation) =>
        PyBlockPrinter.Print(statements, indentation, StatementUnit, Newline());
}
