using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Session;

/// <summary>An unexpected exception while working on one file, as SWR9001 (SWR9002 while indexing) at that file: a bug to report, never a crashed run.</summary>
public static class InternalError
{
    /// <summary>Indexing is not fatal for the file (its conversion reports what it hits): SWR9002, a warning.</summary>
    public const string Indexing = "indexing";

    public static Diagnostic While(string doing, Exception exception, string file) =>
        new(doing == Indexing ? DiagnosticCodes.IndexFailed : DiagnosticCodes.InternalError,
            $"internal error{(file.Length > 0 ? $" while {doing} this file" : string.Empty)}: {exception.GetType().Name}: {OneLine(exception.Message)}", file, 0, 0);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
