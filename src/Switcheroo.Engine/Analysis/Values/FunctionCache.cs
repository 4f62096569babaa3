using System.Security.Cryptography;
using System.Text;
using Switcheroo.Engine.Mapping;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What <see cref="FunctionIndex"/> reads of a file's syntax: its top-level functions, the methods that may be closed, its imports,
/// and the functions a star import of it does not reach (<see cref="StarExports"/>).
/// </summary>
internal sealed record FunctionSyntax(IReadOnlyList<string> Functions, IReadOnlySet<string> Methods, FunctionImports Imports, IReadOnlySet<string> StarHidden);

/// <summary>What one file's analysis found for the function index: its functions' returns, its calls' values (both as other files hold them).</summary>
internal sealed record FunctionFindings(
    IReadOnlyList<((string Module, string Name) Function, Value Value)> Returns,
    IReadOnlyList<((string Module, string Name) Function, CallValues Values)> Calls)
{
    public static FunctionFindings None { get; } = new([], []);
}

/// <summary>
/// The function index's part of the build's <see cref="IndexCache"/>, by source path with the file's
/// length and write time and the project's module paths (which decide what its imports name): the
/// file's <see cref="FunctionSyntax"/> (or that it does not parse), and each analysis of it the last
/// index ran, by what that analysis read — the maps' value rules, the project's class facts and the
/// part of the other files' findings the file sees (<see cref="FunctionIndex"/>'s key). An unchanged
/// file whose analyses all read what they read last time is not parsed again, and the index reaches
/// the same result through the same rounds as without a cache. Block, in the cache's text:
/// <code>
/// G	/src/models/utils.torch.py	1234	638990000000000000	&lt;modules key&gt;
/// f	pad                            (a top-level function; u alone: the file does not parse)
/// m	_make_layer                    (a method that may be closed)
/// h	_load                          (a function a star import of the file does not reach)
/// i	pad	models/ops	pad	1            (an imported function: bound name, module, name, only called)
/// w	models/ops  /  d	models/ops  /  a	weight    (whole modules, modules, attribute names read)
/// k	&lt;analysis key&gt;                 (then its findings:)
/// r	models/utils	pad	T
/// c	models/ops	scale	0	=T	dim=I
/// </code>
/// </summary>
internal sealed class FunctionCache
{
    private sealed class Entry(long length, long ticks, string modules, FunctionSyntax? syntax)
    {
        public long Length { get; } = length;

        public long Ticks { get; } = ticks;

        public string Modules { get; } = modules;

        public FunctionSyntax? Syntax { get; } = syntax;

        public Dictionary<string, FunctionFindings> Analyses { get; } = new(StringComparer.Ordinal);
    }

    private readonly Dictionary<string, Entry> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _kept = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unchanged = new(StringComparer.Ordinal);
    private int _parsed;

    /// <summary>How many files the function index read the syntax of (parsed, or the index's parse of them) since this cache was read.</summary>
    public int Parsed => _parsed;

    public void CountParse() => Interlocked.Increment(ref _parsed);

    /// <summary>The syntax of a file unchanged since it was cached, in a project of the same modules: found (null inside when it does not parse), or not.</summary>
    public bool TryFind(string path, long length, long ticks, string modules, out FunctionSyntax? syntax)
    {
        syntax = null;
        if (!_read.TryGetValue(path, out var entry) || entry.Length != length || entry.Ticks != ticks || entry.Modules != modules)
        {
            return false;
        }
        syntax = entry.Syntax;
        lock (_kept)
        {
            _kept[path] = new Entry(length, ticks, modules, syntax);
            _unchanged.Add(path);
        }
        return true;
    }

    /// <summary>Keeps a file's syntax for the next build (files not kept are forgotten).</summary>
    public void Keep(string path, long length, long ticks, string modules, FunctionSyntax? syntax)
    {
        lock (_kept)
        {
            _kept[path] = new Entry(length, ticks, modules, syntax);
        }
    }

    /// <summary>An analysis of a file found unchanged (<see cref="TryFind"/>) that read what <paramref name="key"/> says, from the last index; it is kept again.</summary>
    public FunctionFindings? FindAnalysis(string path, string key)
    {
        FunctionFindings? findings;
        lock (_kept)
        {
            if (!_unchanged.Contains(path) || !_read[path].Analyses.TryGetValue(key, out findings))
            {
                return null;
            }
        }
        KeepAnalysis(path, key, findings);
        return findings;
    }

    public void KeepAnalysis(string path, string key, FunctionFindings findings)
    {
        lock (_kept)
        {
            if (_kept.TryGetValue(path, out var entry))
            {
                entry.Analyses[key] = findings;
            }
        }
    }

    /// <summary>Identifies a set of module paths (the project's files).</summary>
    public static string ModulesKey(IEnumerable<string> modules) => Hash(modules.Order(StringComparer.Ordinal));

    /// <summary>
    /// Identifies what the value analysis reads of the maps (each entry's kind, name, hook, parameters
    /// and value rules) and of the project's classes, so an analysis cached under other maps or other
    /// class facts is not reused.
    /// </summary>
    public static string InputsKey(MapSet maps, ProjectModules classes) =>
        Hash(maps.Entries.Select(e => string.Join('\t', e.Kind, e.Torch, e.Hook, e.Unsupported is null, e.AnyReceiver, e.ReturnsTensor,
                e.ReturnsTensors, e.YieldsTensors, e.InstancesAreTensors, e.ReturnsSelf, (int)e.Traits, string.Join(',', e.Parameters.Select(p => p.Name))))
            .Order(StringComparer.Ordinal).Append(classes.Serialize()));

    public static string Hash(IEnumerable<string> lines) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))), 0, 12).ToLowerInvariant();

    /// <summary>Reads one block (its <c>G</c> line first); a block it cannot read is skipped.</summary>
    public void Read(string[] block)
    {
        var head = block[0].Split('\t');
        if (head.Length != 5 || !long.TryParse(head[2], out var length) || !long.TryParse(head[3], out var ticks))
        {
            return;
        }
        var functions = new List<string>();
        var methods = new HashSet<string>(StringComparer.Ordinal);
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        var imports = new FunctionImports();
        bool parses = true;
        var analyses = new Dictionary<string, (List<((string, string), Value)> Returns, List<((string, string), CallValues)> Calls)>(StringComparer.Ordinal);
        string? key = null;
        foreach (var line in block[1..])
        {
            var fields = line.Split('\t');
            switch (fields)
            {
                case ["u"]: parses = false; break;
                case ["f", var name]: functions.Add(name); break;
                case ["m", var name]: methods.Add(name); break;
                case ["h", var name]: hidden.Add(name); break;
                case ["s", var module]: imports.StarModules.Add(module); break;
                case ["i", var bound, var module, var name, var known]: imports.Functions.Add(new ImportedFunction(bound, module, name, known == "1")); break;
                case ["w", var module]: imports.WholeModules.Add(module); break;
                case ["d", var module]: imports.Modules.Add(module); break;
                case ["a", var name]: imports.Attributes.Add(name); break;
                case ["k", var analysis]:
                    key = analysis;
                    analyses[key] = ([], []);
                    break;
                case ["r", var module, var name, var text] when key is not null && ValueText.Read(text) is { } value:
                    analyses[key].Returns.Add(((module, name), value));
                    break;
                case ["c", var module, var name, var spread, ..] when key is not null && ProjectFunctions.ReadCall(spread, fields[4..]) is { } call:
                    analyses[key].Calls.Add(((module, name), call));
                    break;
                default:
                    return;
            }
        }
        var entry = new Entry(length, ticks, head[4], parses ? new FunctionSyntax(functions, methods, imports, hidden) : null);
        foreach (var (analysis, (returns, calls)) in analyses)
        {
            entry.Analyses[analysis] = new FunctionFindings(returns, calls);
        }
        _read[head[1]] = entry;
    }

    public void Write(StringBuilder text)
    {
        foreach (var (path, entry) in _kept.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.Append($"G\t{path}\t{entry.Length}\t{entry.Ticks}\t{entry.Modules}\n");
            if (entry.Syntax is not { } syntax)
            {
                text.Append("u\n");
                continue;
            }
            foreach (var name in syntax.Functions)
            {
                text.Append($"f\t{name}\n");
            }
            foreach (var name in syntax.Methods.Order(StringComparer.Ordinal))
            {
                text.Append($"m\t{name}\n");
            }
            Lines(text, "h", syntax.StarHidden);
            foreach (var function in syntax.Imports.Functions)
            {
                text.Append($"i\t{function.Bound}\t{function.Module}\t{function.Name}\t{(function.Known ? 1 : 0)}\n");
            }
            Lines(text, "w", syntax.Imports.WholeModules);
            Lines(text, "s", syntax.Imports.StarModules);
            Lines(text, "d", syntax.Imports.Modules);
            Lines(text, "a", syntax.Imports.Attributes);
            foreach (var (key, findings) in entry.Analyses.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                text.Append($"k\t{key}\n");
                foreach (var ((module, name), value) in findings.Returns)
                {
                    text.Append($"r\t{module}\t{name}\t{ValueText.Write(value)}\n");
                }
                foreach (var ((module, name), call) in findings.Calls)
                {
                    text.Append($"c\t{module}\t{name}\t{ProjectFunctions.CallText(call)}\n");
                }
            }
        }
    }

    private static void Lines(StringBuilder text, string kind, IEnumerable<string> names)
    {
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            text.Append(kind).Append('\t').Append(name).Append('\n');
        }
    }
}
