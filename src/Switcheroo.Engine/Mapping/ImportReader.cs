using YamlDotNet.RepresentationModel;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// Reads a map file's <c>imports</c>: module → import statement, or a list of statements (the
/// first preferred, the rest fallbacks when its name is taken). Every problem is SWR1011 at its
/// YAML position.
/// </summary>
internal static class ImportReader
{
    public static IReadOnlyList<ImportRule> Read(YamlMappingNode root, YamlReader reader)
    {
        var rules = new List<ImportRule>();
        if (YamlReader.Optional(root, "imports") is not { } node || reader.Mapping(node, "'imports'") is not { } imports)
        {
            return rules;
        }
        foreach (var (key, value) in imports.Children)
        {
            if (reader.Scalar(key, "a module name") is not { } module)
            {
                continue;
            }
            if (!PythonText.IsDottedName(module))
            {
                reader.Report(DiagnosticCodes.MapImport, key, $"'{module}' is not a module name");
                continue;
            }
            var statements = value is YamlSequenceNode list ? list.Children : [value];
            var names = statements.Select(s => Statement(module, s, reader)).ToList();
            if (names.Count == 0)
            {
                reader.Report(DiagnosticCodes.MapImport, value, $"the import of '{module}' needs at least one statement");
            }
            else if (names.All(n => n is not null))
            {
                rules.Add(new ImportRule(module, names!, reader.Location(key)));
            }
        }
        return rules;
    }

    private static ImportName? Statement(string module, YamlNode node, YamlReader reader)
    {
        if (reader.Scalar(node, "an import statement") is not { } text)
        {
            return null;
        }
        var name = ImportRule.Parse(module, text, out var problem);
        if (name is null)
        {
            reader.Report(DiagnosticCodes.MapImport, node, problem!);
        }
        return name;
    }
}
