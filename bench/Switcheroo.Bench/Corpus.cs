using System.Diagnostics;

namespace Switcheroo.Bench;

/// <summary>One source file, held in memory for the whole run.</summary>
internal sealed record SourceFile(string Path, byte[] Bytes, int Lines);

/// <summary>
/// The benchmark corpus: the .py files of the standard library of the given python that its
/// <c>compile()</c> accepts (rejected files are left out of every timing, on both sides, and only
/// counted). Files are read once, up front; no timing includes I/O.
/// </summary>
internal sealed class Corpus
{
    private Corpus(IReadOnlyList<SourceFile> files, IReadOnlyList<string> rejected, string python, string pythonVersion)
    {
        Files = files;
        RejectedPaths = rejected;
        Python = python;
        PythonVersion = pythonVersion;
        Bytes = files.Sum(f => (long)f.Bytes.Length);
        Lines = files.Sum(f => (long)f.Lines);
    }

    public IReadOnlyList<SourceFile> Files { get; }

    /// <summary>Standard-library files CPython rejects; not benchmarked.</summary>
    public int Rejected => RejectedPaths.Count;

    public IReadOnlyList<string> RejectedPaths { get; }

    /// <summary>The python executable itself (pyenv shims and the like resolved), for the workers.</summary>
    public string Python { get; }

    public string PythonVersion { get; }

    public long Bytes { get; }

    public long Lines { get; }

    public double Megabytes => Bytes / 1e6;

    /// <summary>Python's verdict lines (the <c>corpus</c> mode of cpython_parse.py); <see cref="Load"/> reads them back from a file.</summary>
    public static string FetchVerdicts(string python, string script) => PythonProcess.RunToEnd(python, script, "corpus");

    /// <summary>Asks <paramref name="python"/> for its stdlib and its verdicts, or reads verdicts saved from <see cref="FetchVerdicts"/>.</summary>
    public static Corpus Load(string python, string script, string? listFile)
    {
        var output = listFile is null ? FetchVerdicts(python, script) : File.ReadAllText(listFile);
        string resolved = python, version = "?";
        var rejected = new List<string>();
        var paths = new List<string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t', 2);
            switch (parts[0])
            {
                case "python": resolved = parts[1]; break;
                case "version": version = parts[1]; break;
                case "ok": paths.Add(parts[1]); break;
                case "error": rejected.Add(parts[1]); break;
                default: throw new InvalidDataException($"unexpected corpus line: {line}");
            }
        }
        if (paths.Count == 0)
        {
            throw new InvalidDataException("empty corpus");
        }
        var files = paths.Select(path =>
        {
            var bytes = File.ReadAllBytes(path);
            return new SourceFile(path, bytes, CountLines(bytes));
        }).ToList();
        return new Corpus(files, rejected, resolved, version);
    }

    /// <summary>Writes the plain path list the python workers load.</summary>
    public string WritePathList()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"switcheroo-bench-{Environment.ProcessId}.txt");
        File.WriteAllLines(path, Files.Select(f => f.Path));
        return path;
    }

    /// <summary>Lines as editors count them: newline characters, plus one for an unterminated last line.</summary>
    public static int CountLines(ReadOnlySpan<byte> bytes)
    {
        int lines = bytes.Count((byte)'\n');
        return bytes.Length > 0 && bytes[^1] != (byte)'\n' ? lines + 1 : lines;
    }

    public static string Script => System.IO.Path.Combine(AppContext.BaseDirectory, "cpython_parse.py");
}

/// <summary>Runs python once and collects its output.</summary>
internal static class PythonProcess
{
    public static ProcessStartInfo StartInfo(string python, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        return start;
    }

    public static string RunToEnd(string python, string script, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(python, script, arguments))!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{python} {script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }
        return output;
    }
}
