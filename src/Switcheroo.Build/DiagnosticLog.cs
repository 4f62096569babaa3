using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Build;

/// <summary>
/// Reports engine diagnostics to MSBuild through the full <c>LogError</c>/<c>LogWarning</c>
/// overloads (code, help keyword, file, line, column, end line, end column), so <c>NoWarn</c>,
/// <c>WarningsAsErrors</c> and IDE error lists see real codes and positions. The subcategory stays
/// empty: MSBuild would print it before the severity and break the canonical
/// <c>path(line,col): error SWR2001: message</c> form. Info diagnostics are messages at normal
/// importance. Not thread-safe: the task logs from its own thread, in source order.
/// </summary>
internal sealed class DiagnosticLog(TaskLoggingHelper log, IBuildEngine? engine, bool treatWarningsAsErrors)
{
    public int Warnings { get; private set; }

    public int Errors { get; private set; }

    /// <summary>
    /// Whether the build will see this diagnostic as an error: an error, or a warning promoted by
    /// <c>SwitcherooTreatWarningsAsErrors</c> or by MSBuild (<c>WarningsAsErrors</c>,
    /// <c>TreatWarningsAsErrors</c>). A file with such a diagnostic is not written, so the next build
    /// converts it again and reports it again instead of skipping it as up to date.
    /// </summary>
    public bool FailsTheBuild(Diagnostic diagnostic) => diagnostic.Severity switch
    {
        Severity.Error => true,
        Severity.Warning => treatWarningsAsErrors || (engine is IBuildEngine8 host && host.ShouldTreatWarningAsError(diagnostic.Code)),
        _ => false,
    };

    public void Report(Diagnostic d)
    {
        if (d.Severity == Severity.Info)
        {
            log.LogMessage(null, d.Code, d.Code, d.File, d.Line, d.Column, d.EndLine, d.EndColumn, MessageImportance.Normal, Escape(d.Message));
        }
        else if (d.Severity == Severity.Error || (treatWarningsAsErrors && d.Severity == Severity.Warning))
        {
            Errors++;
            log.LogError(null, d.Code, d.Code, d.File, d.Line, d.Column, d.EndLine, d.EndColumn, Escape(d.Message));
        }
        else
        {
            Warnings++;
            log.LogWarning(null, d.Code, d.Code, d.File, d.Line, d.Column, d.EndLine, d.EndColumn, Escape(d.Message));
        }
    }

    public void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Report(diagnostic);
        }
    }

    /// <summary>An unexpected exception, as SWR9001 at the file being processed (or none), with the stack at low importance.</summary>
    public void Internal(Exception exception, string? file)
    {
        Report(InternalError(exception, file ?? string.Empty));
        log.LogMessage(MessageImportance.Low, Escape(exception.ToString()));
    }

    public static Diagnostic InternalError(Exception exception, string file) => Engine.Session.InternalError.WhileConverting(exception, file);

    // The message arguments are format strings for MSBuild; braces in Python code would break them.
    private static string Escape(string message) => message.Replace("{", "{{").Replace("}", "}}");
}
