using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Checks Python text a map asks Switcheroo to write, with the engine's own parser: an expression
/// must parse as the single value of <c>_ = text</c> (no second statement, no bare tuple, no
/// comment that would swallow what follows it on the output line); a name must be dotted identifiers.
/// </summary>
internal static class PythonText
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    };

    /// <summary>Why <paramref name="text"/> is not one Python expression; null when it is.</summary>
    public static string? ExpressionProblem(string text)
    {
        if (text.Trim().Length == 0)
        {
            return "it is empty";
        }
        var tree = PythonSyntax.Parse(SourceText.FromString($"_ = {text}\n"));
        if (tree.Diagnostics.FirstOrDefault(d => d.Severity == Diagnostics.Severity.Error) is { } error)
        {
            return error.Message;
        }
        if (tree.Tokens.Any(t => t.Type == PythonLexer.COMMENT))
        {
            return "it contains a comment";
        }
        return IsSingleExpression(tree.Root!) ? null : "it is not a single expression";
    }

    /// <summary><c>_ = value</c> and nothing else, where the value is one expression (not <c>a, b</c>, <c>*a</c> or <c>yield</c>).</summary>
    private static bool IsSingleExpression(PythonParser.File_inputContext root)
    {
        var statements = root.statement();
        if (statements.Length != 1 || statements[0].SimpleLine() is not { } line || line.simple_stmt().Length != 1)
        {
            return false;
        }
        if (line.simple_stmt(0) is not PythonParser.Expression_stmtContext assignment || assignment.assigned_value().Length != 1)
        {
            return false;
        }
        var value = assignment.assigned_value(0).star_expressions();
        return value is not null && value.COMMA().Length == 0 && value.expression(0) is not null;
    }

    public static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_')
        && !Keywords.Contains(text);

    /// <summary>The identifier a plain string literal spells (<c>"bias"</c>, <c>'weight'</c>: no prefix, escape or concatenation), or null.</summary>
    public static string? QuotedIdentifier(string literal) =>
        literal.Length >= 2 && literal[0] is '"' or '\'' && literal[^1] == literal[0] && IsIdentifier(literal[1..^1]) ? literal[1..^1] : null;

    /// <summary><c>jax.numpy.sum</c>: identifiers joined by dots, nothing else.</summary>
    public static bool IsDottedName(string text) => text.Split('.').All(IsIdentifier);

    /// <summary><c>torch.nn.Conv2d</c>: a dotted name with at least one dot (a name in a module).</summary>
    public static bool IsQualifiedName(string text) => text.Contains('.') && IsDottedName(text);
}
