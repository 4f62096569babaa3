using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Session;

/// <summary>An unexpected exception while working on one file, at that file: a bug to report, never a crashed run.</summary>
public static class InternalError
{
    /// <summary>SWR9001: converting (or writing) the file failed; the file has no output.</summary>
    public static Diagnostic WhileConverting(Exception exception, string file) =>
        Describe(DiagnosticCodes.InternalError, "converting", exception, file);

    /// <summary>SWR9002, a warning: indexing is not fatal for the file (its conversion reports what it hits).</summary>
    public static Diagnostic WhileIndexing(Exception exception, string file) =>
        Describe(DiagnosticCodes.IndexFailed, "indexing", exception, file);

    private static Diagnostic Describe(DiagnosticDescriptor descriptor, string doing, Exception exception, string file) =>
        new(descriptor, $"internal error{(file.Length > 0 ? $" while {doing} this file" : string.Empty)}: {exception.GetType().Name}: {exception.Message}", file, 0, 0);
}
