using Switcheroo.Engine.Analysis;
using System.Text;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;

namespace Switcheroo.Engine;

/// <summary>
/// The module summaries of a build's last index, by source path with the file's length and write time
/// and the key of the project's packages (a summary reads the file with its absolute imports of the
/// project made relative: <see cref="Analysis.AbsoluteImports"/>), so the next index parses only the
/// sources that changed; and the function index's facts and analyses of each file
/// (<see cref="Analysis.Values.FunctionCache"/>, <c>G</c> blocks), so the functions of unchanged files
/// are linked without parsing them. Keyed to the engine build and to the traits
/// the maps declare (<see cref="MapSet.TraitsKey"/>) too: a new engine, or a map that declares a layer's
/// traits differently, may summarize differently, and then nothing is reused; so is a cache of another
/// format version (7: a module class's constructor, <c>S</c> lines, <see cref="ConstructorSignature"/>, whose kind letters are
/// lower case for an argument whose attribute may hold another value, and <c>&gt;NAME_</c> after its name where the Linen class moves that value there). Text, one block per file:
/// <code>
/// switcheroo-index 7 &lt;engine build id&gt; &lt;traits key&gt;
/// F	/src/models/cnn.torch.py	1234	638990000000000000	&lt;packages key&gt;
/// C	ConvNet	module	12	Block
/// S	ConvNet	Pchannels	Pwidth=64	psizes>sizes_?	Kdropout=0.5	Wkwargs
/// I	Block	block.Block
/// G	/src/models/cnn.torch.py	1234	638990000000000000	&lt;modules key&gt;
/// f	make_layers
/// </code>
/// </summary>
public sealed class IndexCache
{
    private static readonly string Engine = typeof(IndexCache).Assembly.ManifestModule.ModuleVersionId.ToString();

    private readonly string _header;

    private readonly Dictionary<string, (long Length, long Ticks, string Packages, ModuleSummary Summary)> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Length, long Ticks, string Packages, ModuleSummary Summary)> _kept = new(StringComparer.Ordinal);

    private int _reused;

    private IndexCache(string traitsKey)
    {
        TraitsKey = traitsKey;
        _header = $"switcheroo-index 7 {Engine} {traitsKey}";
    }

    /// <summary>The traits the summaries were computed with (<see cref="MapSet.TraitsKey"/>).</summary>
    public string TraitsKey { get; }

    /// <summary>How many summaries were reused since this cache was read.</summary>
    public int Reused => _reused;

    /// <summary>The function index's part (its own keys decide what is reused: <see cref="Analysis.Values.FunctionCache"/>).</summary>
    internal Analysis.Values.FunctionCache Functions { get; } = new();

    /// <summary>How many files the function index parsed since this cache was read.</summary>
    public int FunctionFilesParsed => Functions.Parsed;

    /// <summary>
    /// Reads a cache file's text for an index with <paramref name="maps"/>; anything unreadable (another
    /// engine, other traits, a damaged file, none) is an empty cache.
    /// </summary>
    public static IndexCache Parse(string? text, MapSet maps)
    {
        var cache = new IndexCache(maps.TraitsKey);
        var lines = (text ?? string.Empty).Split('\n');
        if (lines[0].TrimEnd('\r') != cache._header)
        {
            return cache;
        }
        static bool Starts(string line) => line.StartsWith("F\t", StringComparison.Ordinal) || line.StartsWith("G\t", StringComparison.Ordinal);
        int i = 1;
        while (i < lines.Length && Starts(lines[i]))
        {
            var fields = lines[i].Split('\t');
            int end = i + 1;
            while (end < lines.Length && lines[end].Length > 0 && !Starts(lines[end]))
            {
                end++;
            }
            if (fields[0] == "G")
            {
                cache.Functions.Read(lines[i..end]);
            }
            else if (fields.Length == 5 && long.TryParse(fields[2], out var length) && long.TryParse(fields[3], out var ticks)
                && ModuleSummary.Parse(lines[(i + 1)..end]) is { } summary)
            {
                cache._read[fields[1]] = (length, ticks, fields[4], summary);
            }
            i = end;
        }
        return cache;
    }

    /// <summary>
    /// The summary of a file when it has not changed since it was cached (same length and write time) and the
    /// project's packages are the same (<see cref="ProjectPackages.Key"/>), else null. Thread-safe.
    /// </summary>
    public ModuleSummary? Find(string path, long length, long ticks, string packages)
    {
        if (_read.TryGetValue(path, out var entry) && entry.Length == length && entry.Ticks == ticks && entry.Packages == packages)
        {
            Interlocked.Increment(ref _reused);
            return entry.Summary;
        }
        return null;
    }

    /// <summary>Keeps a file's summary for the next build (files not kept are forgotten: deleted sources).</summary>
    public void Keep(string path, long length, long ticks, string packages, ModuleSummary summary)
    {
        lock (_kept)
        {
            _kept[path] = (length, ticks, packages, summary);
        }
    }

    public string Serialize()
    {
        var text = new StringBuilder(_header).Append('\n');
        foreach (var (path, entry) in _kept.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.Append("F\t").Append(path).Append('\t').Append(entry.Length).Append('\t').Append(entry.Ticks).Append('\t').Append(entry.Packages).Append('\n');
            foreach (var line in entry.Summary.Lines())
            {
                text.Append(line).Append('\n');
            }
        }
        Functions.Write(text);
        return text.ToString();
    }
}
