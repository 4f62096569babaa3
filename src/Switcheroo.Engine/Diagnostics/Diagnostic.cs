namespace Switcheroo.Engine.Diagnostics;

/// <summary>
/// One reported problem, at a 1-based line and column of a file (0 when it concerns the whole
/// file). <see cref="ToString"/> gives MSBuild's canonical form, which build logs and IDEs parse:
/// <c>path(line,col): error SWR2001: message</c>.
/// </summary>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    string Message,
    string File,
    int Line,
    int Column,
    int EndLine = 0,
    int EndColumn = 0)
{
    /// <summary>
    /// The message, always one line: a quoted multi-line expression has its line breaks and the
    /// indentation after them folded to one space, so a build log shows one line per diagnostic,
    /// as many as MSBuild counts.
    /// </summary>
    public string Message
    {
        get => _message;
        init => _message = OneLine(value);
    }

    private readonly string _message = OneLine(Message);

    public string Code => Descriptor.Code;

    public Severity Severity => Descriptor.Severity;

    public static Diagnostic At(DiagnosticDescriptor descriptor, string message, string file, int line, int column) =>
        new(descriptor, message, file, line, column);

    private static string OneLine(string message) =>
        message.Contains('\n') || message.Contains('\r')
            ? System.Text.RegularExpressions.Regex.Replace(message, @"[ \t]*(\r\n|\r|\n)[ \t]*", " ")
            : message;

    public override string ToString()
    {
        var where = Line > 0 ? $"{File}({Line},{Column})" : File;
        var severity = Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "info",
        };
        return $"{where}: {severity} {Code}: {Message}";
    }
}
