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
    public string Code => Descriptor.Code;

    public Severity Severity => Descriptor.Severity;

    public static Diagnostic At(DiagnosticDescriptor descriptor, string message, string file, int line, int column) =>
        new(descriptor, message, file, line, column);

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
