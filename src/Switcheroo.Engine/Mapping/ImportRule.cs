using System.Text.RegularExpressions;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// One way to import a target module: the statement written into a converted file, the name it
/// binds (checked against the file's surviving names) and the text that stands for the module in
/// emitted code (<c>jnp</c> for <c>import jax.numpy as jnp</c>, <c>a.b</c> for <c>import a.b</c>).
/// </summary>
public sealed record ImportName(string Statement, string Bound, string Reference);

/// <summary>
/// How converted files import a target module (a map's <c>imports</c>): the preferred statement
/// first, then fallbacks for when a name the file keeps already holds the preferred one's name.
/// </summary>
public sealed partial record ImportRule(string Module, IReadOnlyList<ImportName> Names, MapLocation Location)
{
    [GeneratedRegex(@"^import\s+(?<module>[\w.]+)(\s+as\s+(?<alias>\w+))?$")]
    private static partial Regex ImportForm();

    [GeneratedRegex(@"^from\s+(?<package>[\w.]+)\s+import\s+(?<name>\w+)(\s+as\s+(?<alias>\w+))?$")]
    private static partial Regex FromForm();

    /// <summary>The last resort when every name is taken: the last one's name with a trailing underscore.</summary>
    public ImportName Fallback
    {
        get
        {
            var alias = Names[^1].Reference.Replace('.', '_') + "_";
            var statement = Names[^1].Statement.StartsWith("from ", StringComparison.Ordinal)
                ? $"from {Module[..Module.LastIndexOf('.')]} import {Module[(Module.LastIndexOf('.') + 1)..]} as {alias}"
                : $"import {Module} as {alias}";
            return new ImportName(statement, alias, alias);
        }
    }

    /// <summary>Reads <c>import m</c>, <c>import m as a</c> or <c>from p import n [as a]</c> importing exactly <paramref name="module"/>.</summary>
    public static ImportName? Parse(string module, string text, out string? problem)
    {
        problem = null;
        var statement = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (ImportForm().Match(statement) is { Success: true } plain)
        {
            var imported = plain.Groups["module"].Value;
            var alias = plain.Groups["alias"].Success ? plain.Groups["alias"].Value : null;
            problem = Check(module, imported, alias);
            return problem is null
                ? new ImportName(statement, alias ?? imported.Split('.')[0], alias ?? imported)
                : null;
        }
        if (FromForm().Match(statement) is { Success: true } from)
        {
            var name = from.Groups["name"].Value;
            var alias = from.Groups["alias"].Success ? from.Groups["alias"].Value : null;
            problem = Check(module, from.Groups["package"].Value + "." + name, alias ?? name);
            return problem is null ? new ImportName(statement, alias ?? name, alias ?? name) : null;
        }
        problem = $"'{text}' is not 'import {module}', 'import {module} as NAME' or 'from PACKAGE import NAME [as NAME]'";
        return null;
    }

    private static string? Check(string module, string imported, string? alias)
    {
        if (!PythonText.IsDottedName(imported) || (alias is not null && !PythonText.IsIdentifier(alias)))
        {
            return $"'{imported}{(alias is null ? string.Empty : " as " + alias)}' is not a module and a name";
        }
        return imported == module ? null : $"the statement imports '{imported}', not '{module}'";
    }
}
