using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// A <c>global</c> or <c>nonlocal</c> statement must come before any other use of the name in its
/// scope and cannot name a parameter; an annotated name cannot be global or nonlocal.
/// </summary>
internal sealed class DeclarationCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        var symbols = SymbolTable.Of(root);
        foreach (var declaration in symbols.Declarations)
        {
            if (Conflict(declaration) is { } message)
            {
                report.At(declaration.Statement, message);
            }
        }
        foreach (var annotated in symbols.AnnotatedNames)
        {
            CheckAnnotated(annotated, report);
        }
    }

    /// <summary>What CPython says of a declaration, by the first that applies of what the name was before.</summary>
    private static string? Conflict(Declaration declaration)
    {
        var (name, kind, before) = (declaration.Name, KindOf(declaration.Kind), declaration.Before);
        return before.HasFlag(SymbolFlags.Parameter) ? $"name '{name}' is parameter and {kind}"
            : before.HasFlag(SymbolFlags.Used) ? $"name '{name}' is used prior to {kind} declaration"
            : before.HasFlag(SymbolFlags.Annotated) ? $"annotated name '{name}' can't be {kind}"
            : before.HasFlag(SymbolFlags.Assigned) ? $"name '{name}' is assigned to before {kind} declaration"
            : null;
    }

    /// <summary>At module level the annotation of a global is fine: module names are global anyway.</summary>
    private static void CheckAnnotated(AnnotatedName annotated, CheckReporter report)
    {
        var declared = annotated.Before & (SymbolFlags.Global | SymbolFlags.Nonlocal);
        if (annotated.Simple && declared != SymbolFlags.None && annotated.Scope.Kind != ScopeKind.Module)
        {
            report.At(annotated.Statement, $"annotated name '{annotated.Name}' can't be {KindOf(declared)}");
        }
    }

    private static string KindOf(SymbolFlags declaration) => declaration.HasFlag(SymbolFlags.Global) ? "global" : "nonlocal";
}
