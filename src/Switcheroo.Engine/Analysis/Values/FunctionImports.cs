using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>A function of another project file a file imports (<c>from .utils import pad</c>), bound to <see cref="Bound"/>.</summary>
/// <param name="Known">whether every use of the name is a direct call (<c>pad(x)</c>) and the import is its only binding, at module level, so every call passing it values is seen</param>
internal sealed record ImportedFunction(string Bound, string Module, string Name, bool Known);

/// <summary>
/// What one file imports from the other project files, from its syntax: names from a module
/// (<c>from .utils import pad</c>: maybe functions of it), whole modules (<c>import pkg.utils</c>,
/// <c>from . import utils</c>: any of their functions may be called with anything), modules imported
/// with a star (<c>from .utils import *</c>: so may the functions the star reaches), every module it
/// imports from, and the attribute names it reads (a method of a class it imports may be called through them).
/// </summary>
internal sealed class FunctionImports
{
    internal FunctionImports()
    {
    }

    public List<ImportedFunction> Functions { get; } = new();

    public HashSet<string> WholeModules { get; } = new(StringComparer.Ordinal);

    public HashSet<string> StarModules { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Modules { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <param name="isModule">whether a module path is one of the project's files (<c>models/utils</c>, <c>models/__init__</c>)</param>
    public static FunctionImports Of(SemanticModel model, string modulePath, Func<string, bool> isModule)
    {
        var imports = new FunctionImports();
        string? Find(string module) =>
            ProjectModules.Locate(modulePath, module, p => isModule(p) || isModule(p + "/__init__")) is { } found
                ? isModule(found) ? found : found + "/__init__"
                : null;
        var root = model.Module.Node;
        foreach (var node in ParseTrees.Descendants<ParserRuleContext>(root))
        {
            switch (node)
            {
                case PythonParser.Dotted_as_nameContext dotted:
                    var parts = dotted.dotted_name().name().Select(n => n.GetText()).ToList();
                    for (int i = 1; i <= parts.Count; i++)
                    {
                        imports.Whole(Find(string.Join('.', parts.Take(i))));
                    }
                    break;
                case PythonParser.Import_targetsContext targets:
                    var from = FromModule(targets);
                    if (targets.STAR() is not null)
                    {
                        if (Find(from) is { } starred)
                        {
                            imports.StarModules.Add(starred);
                            imports.Modules.Add(starred);
                        }
                        break;
                    }
                    foreach (var item in targets.import_as_name())
                    {
                        var name = item.name(0).GetText();
                        if (Find(from.EndsWith('.') ? from + name : from + "." + name) is { } submodule)
                        {
                            imports.Whole(submodule);
                        }
                        else if (Find(from) is { } module)
                        {
                            imports.Modules.Add(module);
                            var bound = item.name().Length > 1 ? item.name(1).GetText() : name;
                            imports.Functions.Add(new ImportedFunction(bound, module, name, OnlyCalled(model, item, bound)));
                        }
                    }
                    break;
                case PythonParser.AttributeExprContext attribute:
                    imports.Attributes.Add(attribute.name().GetText());
                    break;
            }
        }
        return imports;
    }

    private void Whole(string? module)
    {
        if (module is not null)
        {
            WholeModules.Add(module);
            Modules.Add(module);
        }
    }

    /// <summary><c>.utils</c>, <c>..</c>, <c>pkg.utils</c>: the module a <c>from</c> import names.</summary>
    internal static string FromModule(PythonParser.Import_targetsContext targets) => targets.Parent switch
    {
        PythonParser.ImportFromContext from => (from.relative_dots()?.GetText() ?? string.Empty) + from.dotted_name().GetText(),
        PythonParser.ImportFromRelativeContext relative => relative.relative_dots().GetText(),
        _ => string.Empty,
    };

    /// <summary>Whether the import is the name's only binding, at module level, and every read of it calls it.</summary>
    private static bool OnlyCalled(SemanticModel model, PythonParser.Import_as_nameContext site, string bound)
    {
        var bindings = model.Module.Lookup(bound);
        if (bindings is not { Count: 1 } || bindings[0].Site != site)
        {
            return false;
        }
        return model.Uses.Where(u => u.GetText() == bound && ReferenceEquals(SemanticModel.Lookup(bound, model.ScopeOf(u)), bindings))
            .All(u => u.Parent is PythonParser.CallExprContext call && call.expr() == u
                && !ProgramShape.InLambda(u));
    }
}
