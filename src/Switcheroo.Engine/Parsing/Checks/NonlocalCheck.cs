using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// A <c>nonlocal</c> name must be bound in an enclosing function (class bodies do not count, a
/// <c>global</c> on the way hides it), cannot be declared at module level nor also global. CPython
/// checks this when resolving names, scope by scope from the module down, each scope's names in
/// the order they first occur, and stops at the first problem; so does this check.
/// </summary>
internal sealed class NonlocalCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        // Every error here names a nonlocal declaration; without one there is no scope to visit.
        if (ScopedTree.Of(root).Nodes<Nonlocal_stmtContext>(NodeIndex.NonlocalStatements).Count == 0)
        {
            return;
        }
        var symbols = SymbolTable.Of(root);
        if (FirstError(symbols, symbols.Module, bound: null) is var (at, message))
        {
            report.At(at, message);
        }
    }

    /// <param name="bound">The names bound in enclosing functions; null at module level.</param>
    private static (ParserRuleContext At, string Message)? FirstError(SymbolTable symbols, Scope scope, HashSet<string>? bound)
    {
        var table = symbols[scope];
        var visible = new HashSet<string>(bound ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        foreach (var name in table.Names)
        {
            var flags = table[name];
            if (flags.HasFlag(SymbolFlags.Global) && flags.HasFlag(SymbolFlags.Nonlocal))
            {
                return (table.Directive(name), $"name '{name}' is nonlocal and global");
            }
            if (flags.HasFlag(SymbolFlags.Nonlocal) && bound is null)
            {
                return (table.Directive(name), "nonlocal declaration not allowed at module level");
            }
            if (flags.HasFlag(SymbolFlags.Nonlocal) && !bound!.Contains(name))
            {
                return (table.Directive(name), $"no binding for nonlocal '{name}' found");
            }
            if (flags.HasFlag(SymbolFlags.Global))
            {
                visible.Remove(name);
            }
        }
        if (scope.IsFunctionLike)
        {
            visible.UnionWith(table.Locals);
        }
        else if (scope.Kind == ScopeKind.Class)
        {
            // The implicit cell that zero-argument super() uses.
            visible.Add("__class__");
        }
        foreach (var child in scope.Children)
        {
            if (FirstError(symbols, child, visible) is { } error)
            {
                return error;
            }
        }
        return null;
    }
}
