using System.Diagnostics;
using System.Globalization;

namespace Switcheroo.Bench;

/// <summary>
/// A long-lived benchmark process holding the corpus in memory: python (cpython_parse.py serve) or
/// this benchmark under other runtime settings (<c>serve</c>). Each <see cref="Run"/> times one pass,
/// measured inside the worker. Keeping workers alive lets all parsers alternate pass by pass, so a
/// change in machine load hits every side alike. Protocol, one line each way: "run" -> "time
/// SECONDS FAILURES CPU_SECONDS" (wall clock, and the worker process's CPU time), "rss" -> "rss PEAK CURRENT" (bytes); on start the worker says "ready FILES
/// BYTES RSS".
/// </summary>
internal sealed class Worker : IDisposable
{
    private readonly Process _process;

    public static Worker Python(string python, string script, string mode, string pathList) =>
        new(mode, PythonProcess.StartInfo(python, script, "serve", mode, pathList));

    public Worker(string name, ProcessStartInfo start)
    {
        Mode = name;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 })
            {
                Console.Error.WriteLine($"[{name}] {e.Data}");
            }
        };
        _process.BeginErrorReadLine();
        var ready = Reply("ready");
        Files = int.Parse(ready[1], CultureInfo.InvariantCulture);
        Bytes = long.Parse(ready[2], CultureInfo.InvariantCulture);
        RssAfterLoad = long.Parse(ready[3], CultureInfo.InvariantCulture);
    }

    public string Mode { get; }

    public int Files { get; }

    public long Bytes { get; }

    /// <summary>Resident set once the corpus is loaded, before any parsing.</summary>
    public long RssAfterLoad { get; }

    /// <summary>One timed pass over every file, as measured inside the worker: wall clock and process CPU time.</summary>
    public Pass Run()
    {
        _process.StandardInput.WriteLine("run");
        _process.StandardInput.Flush();
        var reply = Reply("time");
        return new Pass(double.Parse(reply[1], CultureInfo.InvariantCulture), int.Parse(reply[2], CultureInfo.InvariantCulture),
            double.Parse(reply[3], CultureInfo.InvariantCulture));
    }

    /// <summary>Peak resident set (getrusage ru_maxrss) and the current one, in bytes.</summary>
    public (long Peak, long Current) Rss()
    {
        _process.StandardInput.WriteLine("rss");
        _process.StandardInput.Flush();
        var reply = Reply("rss");
        return (long.Parse(reply[1], CultureInfo.InvariantCulture), long.Parse(reply[2], CultureInfo.InvariantCulture));
    }

    private string[] Reply(string expected)
    {
        var line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"worker {Mode} exited ({(_process.WaitForExit(5000) ? _process.ExitCode : -1)})");
        var parts = line.Split(' ');
        if (parts[0] != expected)
        {
            throw new InvalidOperationException($"worker {Mode}: expected '{expected}', got '{line}'");
        }
        return parts;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
