namespace Switcheroo.Engine.Session;

/// <summary>
/// Writes a file the way builds need: a temporary file with a unique name in the same folder, then
/// a rename, so a reader, a cancelled build or a second writer never sees half a file; and only
/// when the content changed, so an unchanged file keeps its timestamp and nothing downstream rebuilds.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; false when the file already held it.</summary>
    public static bool Write(string path, byte[] content)
    {
        if (Holds(path, content))
        {
            return false;
        }
        Replace(path, content);
        return true;
    }

    /// <summary>Replaces (or creates) the file with <paramref name="content"/>, atomically, whatever it holds now.</summary>
    public static void Replace(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
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
    }

    /// <summary>Whether the file exists and holds exactly <paramref name="content"/>.</summary>
    public static bool Holds(string path, byte[] content)
    {
        var file = new FileInfo(path);
        return file.Exists && file.Length == content.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
    }

    /// <summary>The I/O failures a caller reports as a coded error instead of crashing.</summary>
    public static bool IsExpected(Exception e) => e is IOException or UnauthorizedAccessException or System.Security.SecurityException;
}
