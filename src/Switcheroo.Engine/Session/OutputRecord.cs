namespace Switcheroo.Engine.Session;

/// <summary>
/// The files Switcheroo wrote for one owner (a project's <c>obj/</c>, a CLI output folder), kept in
/// a file of full paths, one per line. It is what lets Switcheroo replace and remove its own
/// outputs while refusing to touch anything else (<see cref="OutputStore"/>): a hand-written
/// <c>net.py</c> beside <c>net.torch.py</c>, another project's output. A missing or unreadable record
/// owns nothing; thread-safe, as files are written in parallel.
/// </summary>
public sealed class OutputRecord
{
    private readonly HashSet<string> _paths = new(OutputNaming.PathComparer);
    private readonly object _lock = new();
    private bool _changed;

    private OutputRecord(string? file) => File = file;

    /// <summary>Where the record is kept; null for one held in memory only.</summary>
    public string? File { get; }

    public static OutputRecord InMemory() => new(null);

    /// <summary>Reads the record at <paramref name="file"/> (empty when the file does not exist or cannot be read).</summary>
    public static OutputRecord Load(string file)
    {
        var record = new OutputRecord(Path.GetFullPath(file));
        try
        {
            if (System.IO.File.Exists(file))
            {
                foreach (var line in System.IO.File.ReadAllLines(file))
                {
                    if (line.Length > 0)
                    {
                        record._paths.Add(line);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable record owns nothing: Switcheroo then refuses to replace existing files
            // whose content differs, which is safe, and says why.
        }
        return record;
    }

    public bool Owns(string path)
    {
        lock (_lock)
        {
            return _paths.Contains(Path.GetFullPath(path));
        }
    }

    /// <summary>Every path the record holds, in ordinal order.</summary>
    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_lock)
            {
                return _paths.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    public void Add(string path)
    {
        lock (_lock)
        {
            _changed |= _paths.Add(Path.GetFullPath(path));
        }
    }

    public void Forget(string path)
    {
        lock (_lock)
        {
            _changed |= _paths.Remove(Path.GetFullPath(path));
        }
    }

    /// <summary>Writes the record back when it changed (atomically); nothing for an in-memory record.</summary>
    public void Save()
    {
        if (File is null || !_changed)
        {
            return;
        }
        var lines = string.Concat(Paths.Select(p => p + "\n"));
        AtomicFile.Write(File, System.Text.Encoding.UTF8.GetBytes(lines));
        _changed = false;
    }
}
