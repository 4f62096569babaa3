namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What the value analysis carries between the files converted together (<see cref="FunctionIndex"/>
/// computes it): for each top-level function of a file, by module path and name, what it returns as
/// its own file sees it, the values every call from another file passes, and whether some other file
/// may call it unseen (it uses the function as a value, or imports its whole module). A function a
/// method of whose name another file reads (<c>self._make_layer</c> in a subclass) is open the same way.
/// </summary>
public sealed class ProjectFunctions
{
    internal ProjectFunctions(
        IReadOnlyDictionary<(string Module, string Name), Value> returns,
        IReadOnlyDictionary<(string Module, string Name), IReadOnlyList<CallValues>> calls,
        IReadOnlySet<(string Module, string Name)> open,
        IReadOnlyDictionary<string, HashSet<string>> openMethods,
        IReadOnlySet<string> modules)
    {
        Modules = modules;
        Returns = returns;
        Calls = calls;
        Open = open;
        OpenMethods = openMethods;
    }

    public static ProjectFunctions Empty { get; } = new(
        new Dictionary<(string, string), Value>(), new Dictionary<(string, string), IReadOnlyList<CallValues>>(),
        new HashSet<(string, string)>(), new Dictionary<string, HashSet<string>>(), new HashSet<string>());

    /// <summary>The module paths of the files converted together.</summary>
    internal IReadOnlySet<string> Modules { get; }

    /// <summary>What each top-level function returns, seen from its own file (values that name no class of it).</summary>
    internal IReadOnlyDictionary<(string Module, string Name), Value> Returns { get; }

    /// <summary>What each call from another file passes.</summary>
    internal IReadOnlyDictionary<(string Module, string Name), IReadOnlyList<CallValues>> Calls { get; }

    /// <summary>Functions another file may call in ways the index does not see.</summary>
    internal IReadOnlySet<(string Module, string Name)> Open { get; }

    /// <summary>By module: the attribute names the files importing it (directly or not) read, whose methods they may call.</summary>
    internal IReadOnlyDictionary<string, HashSet<string>> OpenMethods { get; }

    /// <summary>
    /// Lines for the modules file (<see cref="ProjectModules.Serialize"/>), sorted: <c>@P module</c> per file,
    /// <c>@R module function value</c> per return (<see cref="ValueText"/>), <c>@C module function spread
    /// =value... keyword=value...</c> per call from another file, <c>@O module function</c> per open
    /// function, <c>@M module name,...</c> for the method names other files read.
    /// </summary>
    public IEnumerable<string> Lines()
    {
        static string Key((string Module, string Name) key) => $"{key.Module}\t{key.Name}";
        var lines = Modules.Select(m => $"@P\t{m}")
            .Concat(Returns.Select(r => $"@R\t{Key(r.Key)}\t{ValueText.Write(r.Value)}"))
            .Concat(Calls.SelectMany(c => c.Value.Select(call => $"@C\t{Key(c.Key)}\t{CallText(call)}")))
            .Concat(Open.Select(o => $"@O\t{Key(o)}"))
            .Concat(OpenMethods.Select(m => $"@M\t{m.Key}\t{string.Join(',', m.Value.Order(StringComparer.Ordinal))}"));
        return lines.Order(StringComparer.Ordinal);
    }

    /// <summary>Reads <see cref="Lines"/> (lines of other kinds are not given here); a line it cannot read is skipped (the file is the build's own).</summary>
    public static ProjectFunctions Parse(IEnumerable<string[]> lines)
    {
        var modules = new HashSet<string>(StringComparer.Ordinal);
        var returns = new Dictionary<(string, string), Value>();
        var calls = new Dictionary<(string, string), IReadOnlyList<CallValues>>();
        var open = new HashSet<(string, string)>();
        var methods = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var fields in lines)
        {
            switch (fields)
            {
                case ["@P", var module]:
                    modules.Add(module);
                    break;
                case ["@R", var module, var name, var text] when ValueText.Read(text) is { } value:
                    returns[(module, name)] = value;
                    break;
                case ["@O", var module, var name]:
                    open.Add((module, name));
                    break;
                case ["@M", var module, var names]:
                    methods[module] = names.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                    break;
                case ["@C", var module, var name, var spread, ..] when ReadCall(spread, fields[4..]) is { } call:
                    calls[(module, name)] = [.. calls.GetValueOrDefault((module, name)) ?? [], call];
                    break;
            }
        }
        return new ProjectFunctions(returns, calls, open, methods, modules);
    }

    /// <summary>A call's values as tab-separated fields: <c>spread =value... keyword=value...</c> (<see cref="ReadCall"/> reads them).</summary>
    internal static string CallText(CallValues call) =>
        (call.Spread ? "1" : "0")
        + string.Concat(call.Positional.Select(v => "\t=" + ValueText.Write(v)))
        + string.Concat(call.Keywords.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"\t{k.Key}={ValueText.Write(k.Value)}"));

    internal static CallValues? ReadCall(string spread, string[] arguments)
    {
        var call = new CallValues([], new(StringComparer.Ordinal), spread == "1");
        foreach (var argument in arguments)
        {
            int equals = argument.IndexOf('=');
            if (equals < 0 || ValueText.Read(argument[(equals + 1)..]) is not { } value)
            {
                return null;
            }
            if (equals == 0)
            {
                call.Positional.Add(value);
            }
            else
            {
                call.Keywords[argument[..equals]] = value;
            }
        }
        return call;
    }

    /// <summary>What one file sees of the others (<paramref name="modulePath"/>: its own path; empty for a file converted alone).</summary>
    /// <remarks>
    /// Only the imports of functions whose returns are known are read (<see cref="LinkedFunctions"/>):
    /// when there are none, the file's imports are not looked for (a walk of every node of the file).
    /// </remarks>
    internal LinkedFunctions For(string modulePath, Binding.SemanticModel model) =>
        new(this, modulePath, model, Returns.Count == 0 ? new FunctionImports() : FunctionImports.Of(model, modulePath, Modules.Contains));
}
