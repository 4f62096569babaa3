namespace Switcheroo.Bench;

/// <summary>One pass over the corpus: wall-clock seconds, files rejected, CPU seconds of the whole process (all its threads).</summary>
internal readonly record struct Pass(double Seconds, int Failures, double Cpu);

/// <summary>Timings of repeated passes over the corpus, and throughput derived from them.</summary>
internal sealed class Samples(string name)
{
    private readonly List<double> _seconds = new();

    public string Name { get; } = name;

    public IReadOnlyList<double> Seconds => _seconds;

    private readonly List<double> _busy = new();

    public void Add(double seconds) => _seconds.Add(seconds);

    private readonly List<double> _cpu = new();

    public void Add(Pass pass, double busyCores)
    {
        _seconds.Add(pass.Seconds);
        _cpu.Add(pass.Cpu);
        _busy.Add(busyCores);
    }

    /// <summary>Median CPU time per pass: much less sensitive than wall time to other work on the machine.</summary>
    public double CpuMedian => MedianOf(_cpu);

    public string CpuList => string.Join(", ", _cpu.Select(s => s.ToString("F3")));

    /// <summary>Mean number of busy cores on the machine during the passes (see <see cref="Machine.Metered"/>).</summary>
    public double BusyCores => _busy.Count == 0 ? double.NaN : _busy.Average();

    public double Median => MedianOf(_seconds);

    public static double MedianOf(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public double Min => _seconds.Min();

    public double Max => _seconds.Max();

    /// <summary>Max over min: above ~1.10 the machine was probably busy with something else.</summary>
    public double Spread => Max / Min;

    public string List => string.Join(", ", _seconds.Select(s => s.ToString("F3")));
}
