namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>
/// The text of code built wholly by Switcheroo (no part of the source in it): what a diagnostic
/// message quotes, or an API whose callers still take text (a key expression, the variables dict).
/// </summary>
public static class PyText
{
    public static string Of(Py node) => Joined(PyPrinter.Print(node));

    /// <summary>A simple statement on one line.</summary>
    public static string Of(PyStatement statement) => Joined(PyBlockPrinter.Print(statement));

    private static string Joined(IEnumerable<TextPart> parts) => string.Concat(parts.Select(part => part is TextPart.Literal literal
        ? literal.Text
        : throw new ArgumentException("code with a part of the source has no text before the plan is rendered", nameof(parts))));
}
