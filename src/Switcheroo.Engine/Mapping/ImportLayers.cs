using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Gathers the import rules of every map file into one <see cref="ImportTable"/>: the built-in
/// files by name, then the user maps in order. A module may be declared again only with the same
/// statements; anything else is SWR1011 and the first rule stays.
/// </summary>
internal static class ImportLayers
{
    public static ImportTable Merge(IEnumerable<MapFile> builtIn, IEnumerable<MapFile> user, ICollection<Diagnostic> diagnostics)
    {
        var rules = new List<ImportRule>();
        var byModule = new Dictionary<string, ImportRule>(StringComparer.Ordinal);
        var ordered = builtIn.SelectMany(file => file.Imports)
            .OrderBy(r => r.Location.File, StringComparer.Ordinal).ThenBy(r => r.Location.Line).ThenBy(r => r.Location.Column)
            .Concat(user.SelectMany(file => file.Imports));
        foreach (var rule in ordered)
        {
            if (!byModule.TryGetValue(rule.Module, out var first))
            {
                byModule[rule.Module] = rule;
                rules.Add(rule);
            }
            else if (!first.Names.SequenceEqual(rule.Names))
            {
                var at = first.Location;
                diagnostics.Add(new Diagnostic(DiagnosticCodes.MapImport,
                    $"the import of '{rule.Module}' is already declared differently at {at.File}({at.Line},{at.Column})",
                    rule.Location.File, rule.Location.Line, rule.Location.Column));
            }
        }
        return new ImportTable(rules);
    }

    /// <summary>True when every target the entry emits has an import rule; otherwise reports each (SWR1010).</summary>
    public static bool CheckTargets(MapEntry entry, ImportTable imports, ICollection<Diagnostic> diagnostics)
    {
        bool importable = true;
        foreach (var use in entry.TargetUses.Where(u => imports.ModuleOf(u.Name) is null))
        {
            importable = false;
            diagnostics.Add(new Diagnostic(DiagnosticCodes.MapTargetNotImportable,
                $"no map declares how to import the module of '{use.Name}': add it under 'imports' (e.g. {Example(use.Name)})",
                use.Location.File, use.Location.Line, use.Location.Column));
        }
        return importable;
    }

    private static string Example(string name)
    {
        var module = name.Contains('.') ? name[..name.LastIndexOf('.')] : name;
        return $"'{module}: import {module}'";
    }
}
