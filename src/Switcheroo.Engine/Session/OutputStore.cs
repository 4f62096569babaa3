using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Session;

/// <summary>
/// Every write and removal of an output goes through here, so no front end can lose a user's file:
/// a path outside the output folder is refused (SWR0008); an existing file is replaced only when
/// the <see cref="OutputRecord"/> says Switcheroo wrote it, or when it already holds the new content
/// (SWR0007 otherwise); a file is removed only when Switcheroo wrote it (anything else is left
/// alone, silently: it was never an output); an I/O failure is SWR0004 with the path. Writes are
/// atomic and skipped when nothing changed (<see cref="AtomicFile"/>).
/// </summary>
public sealed class OutputStore(string? root, OutputRecord record)
{
    /// <summary>The folder outputs must stay in; null when the caller confines them itself.</summary>
    public string? Root { get; } = root is null ? null : Path.GetFullPath(root);

    public OutputRecord Record { get; } = record;

    /// <summary>Null when <paramref name="output"/> may be written for <paramref name="source"/>, else why not.</summary>
    public Diagnostic? Refusal(string output, string source)
    {
        if (Root is not null && !OutputNaming.IsInside(Root, output))
        {
            return new Diagnostic(DiagnosticCodes.OutputOutsideFolder,
                $"the output {Path.GetFullPath(output)} would be outside the output folder {Root}; give the source a Link (or path) without '..'", source, 0, 0);
        }
        return null;
    }

    /// <summary>Writes an output; the diagnostic says why it was not written (null when it is on disk now).</summary>
    public Diagnostic? Write(string output, byte[] content, string source)
    {
        if (Refusal(output, source) is { } refused)
        {
            return refused;
        }
        try
        {
            if (AtomicFile.Holds(output, content))
            {
                Record.Add(output);
                return null;
            }
            if (File.Exists(output) && !Record.Owns(output))
            {
                return new Diagnostic(DiagnosticCodes.OutputNotOwned,
                    $"{Path.GetFullPath(output)} exists and was not written by Switcheroo; it is left as it is. Move or delete it, or convert to another output folder", source, 0, 0);
            }
            AtomicFile.Replace(output, content); // Holds already said the content differs
            Record.Add(output);
            return null;
        }
        catch (Exception e) when (AtomicFile.IsExpected(e))
        {
            return new Diagnostic(DiagnosticCodes.OutputUnwritable, $"cannot write {output}: {e.Message}", source, 0, 0);
        }
    }

    /// <summary>Removes an output Switcheroo wrote (a file it did not write stays); the diagnostic is an I/O failure.</summary>
    public Diagnostic? Remove(string output, string source)
    {
        // Ownership alone decides: an output Switcheroo wrote may be removed wherever it is (the
        // output folder may have moved since), anything else never.
        if (!Record.Owns(output))
        {
            return null;
        }
        try
        {
            File.Delete(output);
            Record.Forget(output);
            return null;
        }
        catch (Exception e) when (AtomicFile.IsExpected(e))
        {
            return new Diagnostic(DiagnosticCodes.OutputUnwritable, $"cannot remove {output}: {e.Message}", source, 0, 0);
        }
    }
}
