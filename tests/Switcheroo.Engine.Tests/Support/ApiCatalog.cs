using System.Text.Json;

namespace Switcheroo.Engine.Tests.Support;

/// <summary>
/// One of the API catalogs in shared/api (targets.json: flax, jax, optax; torch.json: torch 1.13):
/// which names exist and which parameters (or, for Linen modules, dataclass fields) they accept.
/// </summary>
public sealed class ApiCatalog
{
    private readonly Dictionary<string, JsonElement> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);

    private ApiCatalog(string path)
    {
        using var stream = File.OpenRead(path);
        var document = JsonDocument.Parse(stream);
        foreach (var ns in document.RootElement.GetProperty("namespaces").EnumerateObject())
        {
            _namespaces.Add(ns.Name);
        }
        foreach (var entry in document.RootElement.GetProperty("entries").EnumerateArray())
        {
            _entries[entry.GetProperty("name").GetString()!] = entry.Clone();
        }
    }

    public static ApiCatalog Targets { get; } = new(RepositoryPaths.ApiCatalog("targets.json"));

    public static ApiCatalog Torch { get; } = new(RepositoryPaths.ApiCatalog("torch.json"));

    public bool Contains(string name) => _entries.ContainsKey(name) || MethodOf(name) is not null;

    /// <summary>
    /// True when the catalog read the module this name belongs to (a catalogued namespace, or a
    /// direct member of one); names elsewhere (<c>torch.cuda.is_available</c>) cannot be checked.
    /// </summary>
    public bool Covers(string name, bool isNamespace) =>
        isNamespace ? _namespaces.Contains(name) : name.LastIndexOf('.') is > 0 and var dot && _namespaces.Contains(name[..dot]);

    /// <summary>True when the catalog has names inside this module (<c>torch.nn.init</c>).</summary>
    public bool HasNamesUnder(string module) => _entries.Keys.Any(k => k.StartsWith(module + ".", StringComparison.Ordinal));

    /// <summary>The parameters a name accepts: a function's params (all overloads), a Linen module's fields plus parent/name; null when unknown.</summary>
    public IReadOnlyList<(string Name, string Kind)>? Parameters(string name)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            return MethodOf(name) is { } method ? Read(method, "params") : null;
        }
        if (entry.TryGetProperty("linen_module", out var linen) && linen.GetBoolean())
        {
            var fields = entry.GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("name").GetString()!, "positional_or_keyword")).ToList();
            fields.Add(("parent", "keyword_only"));
            fields.Add(("name", "keyword_only"));
            return fields;
        }
        var direct = Read(entry, "params");
        if (direct is not null)
        {
            return direct;
        }
        if (entry.TryGetProperty("overloads", out var overloads) && overloads.ValueKind == JsonValueKind.Array)
        {
            return overloads.EnumerateArray().SelectMany(o => o.EnumerateArray()).Select(Parameter).Distinct().ToList();
        }
        return null;
    }

    private JsonElement? MethodOf(string name)
    {
        int dot = name.LastIndexOf('.');
        if (dot < 0 || !_entries.TryGetValue(name[..dot], out var owner) || !owner.TryGetProperty("methods", out var methods)
            || methods.ValueKind != JsonValueKind.Object || !methods.TryGetProperty(name[(dot + 1)..], out var method))
        {
            return null;
        }
        return method;
    }

    private static IReadOnlyList<(string Name, string Kind)>? Read(JsonElement entry, string property)
    {
        if (entry.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return list.EnumerateArray().Select(Parameter).ToList();
        }
        if (entry.TryGetProperty("overloads", out var overloads) && overloads.ValueKind == JsonValueKind.Array)
        {
            return overloads.EnumerateArray().SelectMany(o => o.EnumerateArray()).Select(Parameter).Distinct().ToList();
        }
        return null;
    }

    private static (string, string) Parameter(JsonElement p) => (p.GetProperty("name").GetString()!, p.GetProperty("kind").GetString()!);
}
