using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Emitting;

// Removing torch imports and adding target imports.
internal sealed partial class ImportEditor
{
    /// <summary>Removes the given items of an import, or the whole statement when <paramref name="items"/> is null.</summary>
    private void RemoveItems(PythonParser.Import_stmtContext statement, IReadOnlyList<ParserRuleContext>? items)
    {
        if (items is not null)
        {
            ListItems.Remove(Items(statement).ToList(), items.ToHashSet(), context.Plan);
            return;
        }
        var simple = (PythonParser.Simple_stmtContext)statement.Parent;
        var line = (PythonParser.ISimpleLine)simple.Parent;
        var siblings = line.simple_stmt();
        if (siblings.Length > 1)
        {
            ListItems.Remove(siblings, new HashSet<ParserRuleContext> { simple }, context.Plan);
            return;
        }
        context.Edits.RemoveStatement((PythonParser.StatementContext)line);
    }

    /// <summary>The import chosen for each referenced module: an existing one of the file, else the first of its map rule's names not taken.</summary>
    private Dictionary<string, ImportName> ChooseImports(HashSet<NameBinding> removed)
    {
        var taken = _uses.Keys.Where(b => !removed.Contains(b)).Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var use in context.Model.Uses)
        {
            if (context.Model.Resolve(use).Resolution == Resolution.Unbound)
            {
                taken.Add(use.GetText());
            }
        }
        var imports = new Dictionary<string, ImportName>(StringComparer.Ordinal);
        foreach (var module in context.Targets.Modules)
        {
            if (ExistingAlias(module, removed) is { } existing)
            {
                imports[module] = new ImportName(string.Empty, existing, existing);
                _reused.Add(module);
                continue;
            }
            var rule = context.Maps.Imports.Find(module)!;
            imports[module] = RuntimeImport.Of(module, rule.Names.FirstOrDefault(n => !taken.Contains(n.Bound)) ?? rule.Fallback, context.Facts);
            taken.Add(imports[module].Bound);
        }
        return imports;
    }

    private readonly HashSet<string> _reused = new(StringComparer.Ordinal);

    /// <summary>An alias the file already imports the module under at module level (<c>import jax.numpy as jnp</c>).</summary>
    private string? ExistingAlias(string module, HashSet<NameBinding> removed) =>
        context.Model.Module.Bindings.Values
            .Where(list => list.All(b => b.Kind == BindingKind.Import && b.QualifiedName == module && !removed.Contains(b)))
            .Select(list => list[0].Name)
            .FirstOrDefault();

    private void AddImports(IReadOnlyDictionary<string, ImportName> imports, ParserRuleContext? firstTorchImport)
    {
        var newline = context.Edits.Newline();
        var lines = imports.Where(pair => !_reused.Contains(pair.Key))
            .OrderBy(pair => context.Maps.Imports.Order(pair.Key)).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Value.Statement + newline)
            .ToList();
        if (lines.Count == 0)
        {
            return;
        }
        var anchor = firstTorchImport ?? FirstOrdinaryStatement();
        if (anchor is not null)
        {
            context.Plan.InsertBefore(anchor, string.Concat(lines));
            return;
        }
        var eof = context.Tree.Tokens[^1];
        var text = context.Tree.Source.Text;
        var separator = text.Length == 0 || text.EndsWith('\n') || text.EndsWith('\r') ? string.Empty : newline;
        context.Plan.InsertBefore(eof, separator + string.Concat(lines));
    }

    /// <summary>The first module-level statement after the docstring and the <c>__future__</c> imports.</summary>
    private ParserRuleContext? FirstOrdinaryStatement()
    {
        var statements = context.Tree.Root!.statement();
        for (int i = 0; i < statements.Length; i++)
        {
            var text = context.Text(statements[i]).TrimStart();
            bool docstring = i == 0 && SyntaxShapes.IsStringStatement(statements[i]);
            if (!docstring && !text.StartsWith("from __future__", StringComparison.Ordinal))
            {
                return statements[i];
            }
        }
        return null;
    }
}
