using System.ComponentModel;
using System.Diagnostics;

namespace Switcheroo.Cli;

/// <summary>
/// Runs the verification driver with the user's Python and passes its output through, line by
/// line, to the command's writers (so the in-process runner of the tests sees it too).
/// </summary>
internal static class DriverProcess
{
    /// <summary>The driver's exit status; 2 with a message when the interpreter cannot be started.</summary>
    public static int Run(string python, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process");
        }
        catch (Win32Exception e)
        {
            error.WriteLine($"switcheroo verify: cannot run '{python}': {e.Message}; give the Python with torch, jax, flax and optax with --python PATH");
            return 2;
        }
        using (process)
        {
            var errors = Pump(process.StandardError, error);
            Pump(process.StandardOutput, output).Wait();
            errors.Wait();
            process.WaitForExit();
            return process.ExitCode;
        }
    }

    private static Task Pump(StreamReader from, TextWriter to) => Task.Run(() =>
    {
        for (var line = from.ReadLine(); line is not null; line = from.ReadLine())
        {
            lock (to)
            {
                to.WriteLine(line);
            }
        }
    });
}
