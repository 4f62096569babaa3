namespace Switcheroo.Build;

/// <summary>
/// Writes build outputs the way incremental builds need them: atomically (a temporary file in the
/// same folder, then a rename, so a reader or a cancelled build never sees half a file) and only when
/// the content changed, so an unchanged output keeps its timestamp and nothing downstream rebuilds.
/// </summary>
internal static class OutputWriter
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; false when the file already held it.</summary>
    public static bool Write(string path, byte[] content)
    {
        if (File.Exists(path) && new FileInfo(path).Length == content.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return true;
    }

    /// <summary>Creates an empty file or moves its timestamp to now (nothing for an empty path).</summary>
    public static void Touch(string path)
    {
        if (path.Length == 0)
        {
            return;
        }
        if (File.Exists(path))
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Array.Empty<byte>());
    }

    /// <summary>Removes an output if it exists; true when a file was removed.</summary>
    public static bool Remove(string path)
    {
        if (path.Length == 0 || !File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        return true;
    }

    public static bool IsExpected(Exception e) => e is IOException or UnauthorizedAccessException;
}
