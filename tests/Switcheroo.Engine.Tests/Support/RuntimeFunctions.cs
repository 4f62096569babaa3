using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Support;

/// <summary>The functions the runtime module's Python sources define, read with Switcheroo's own parser.</summary>
public static class RuntimeFunctions
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> Functions = new(Read);

    public static IReadOnlySet<string>? Parameters(string function) => Functions.Value.GetValueOrDefault(function);

    private static Dictionary<string, HashSet<string>> Read()
    {
        var found = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var folder = Path.Combine(RepositoryPaths.Root, "src", "Switcheroo.Engine", "Emitting");
        foreach (var file in Directory.EnumerateFiles(folder, "*.py", SearchOption.AllDirectories))
        {
            var tree = PythonSyntax.ParseFile(file);
            foreach (var statement in tree.Root?.statement() ?? Array.Empty<PythonParser.StatementContext>())
            {
                if (statement.function_def() is { } function)
                {
                    found[function.name().GetText()] = (function.parameters()?.parameter() ?? Array.Empty<PythonParser.ParameterContext>())
                        .Where(p => p.name() is not null).Select(p => p.name().GetText()).ToHashSet(StringComparer.Ordinal);
                }
            }
        }
        return found;
    }
}
