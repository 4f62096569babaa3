using System.Runtime;
using System.Runtime.InteropServices;

namespace Switcheroo.Bench;

/// <summary>What the numbers were measured on and with.</summary>
internal static class Machine
{
    public static string Cpu => ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    public static string Memory
    {
        get
        {
            var total = ProcLine("/proc/meminfo", "MemTotal");
            return total is null ? "?" : $"{long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]) / 1024.0 / 1024.0:F1} GiB";
        }
    }

    /// <summary>The 1-, 5- and 15-minute load averages: other work on the machine skews the numbers.</summary>
    public static string Load
    {
        get
        {
            try
            {
                return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            }
            catch (IOException)
            {
                return "?";
            }
        }
    }

    /// <summary>Busy and total CPU time of the whole machine so far (jiffies, all cores), from /proc/stat.</summary>
    public static (long Busy, long Total) CpuTimes()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Take(8).Select(long.Parse).ToArray();
            long idle = fields[3] + fields[4];
            long total = fields.Sum();
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> and says how many cores the whole machine kept busy meanwhile:
    /// about 1.0 for a single-threaded pass on a quiet machine; more means other work competed.
    /// </summary>
    public static (T Result, double BusyCores) Metered<T>(Func<T> work)
    {
        var before = CpuTimes();
        var result = work();
        var after = CpuTimes();
        long total = after.Total - before.Total;
        return (result, total <= 0 ? double.NaN : (after.Busy - before.Busy) * (double)Environment.ProcessorCount / total);
    }

    public static string Runtime => $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})";

    public static string GcAndJit
    {
        get
        {
            string Switch(string name, string fallback) => AppContext.GetData(name)?.ToString() ?? fallback;
            return $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, concurrent={Switch("System.GC.Concurrent", "default")}, " +
                   $"TieredCompilation={Switch("System.Runtime.TieredCompilation", "default")}, TieredPGO={Switch("System.Runtime.TieredPGO", "default")}" +
                   EnvironmentOverrides();
        }
    }

    private static string EnvironmentOverrides()
    {
        var set = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) && (k.Contains("GC", StringComparison.OrdinalIgnoreCase) || k.Contains("Tiered", StringComparison.Ordinal) || k.Contains("TC_", StringComparison.Ordinal) || k.Contains("ReadyToRun", StringComparison.Ordinal)))
            .OrderBy(k => k, StringComparer.Ordinal)
            .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}")
            .ToList();
        return set.Count == 0 ? string.Empty : $" (environment: {string.Join(", ", set)})";
    }

    private static string? ProcLine(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
