using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
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
            var all = statement is PythonParser.ImportNameContext names
                ? names.dotted_as_name().Cast<ParserRuleContext>().ToList()
                : ((PythonParser.ImportFromContext)statement).import_targets().import_as_name().Cast<ParserRuleContext>().ToList();
            ListItems.Remove(all, items.ToHashSet(), context.Plan);
            return;
        }
        var simple = (PythonParser.Simple_stmtContext)statement.Parent;
        var line = (PythonParser.Simple_stmtsContext)simple.Parent;
        var siblings = line.simple_stmt();
        if (siblings.Length > 1)
        {
            ListItems.Remove(siblings, new HashSet<ParserRuleContext> { simple }, context.Plan);
            return;
        }
        RemoveLine((PythonParser.StatementContext)line.Parent);
    }

    /// <summary>
    /// Removes a whole statement line with its indentation. A comment on the line is kept on a
    /// line of its own; a block left empty gets <c>pass</c>.
    /// </summary>
    private void RemoveLine(PythonParser.StatementContext statement)
    {
        var tokens = context.Tree.Tokens;
        int first = statement.Start.TokenIndex;
        var indentation = context.Indentation(statement.Start);
        // The indentation's WS token comes before the empty INDENT/DEDENT tokens of the line; it
        // must go with the line, or the kept text would be indented twice.
        int before = first - 1;
        while (before >= 0 && tokens[before].Type is PythonLexer.INDENT or PythonLexer.DEDENT)
        {
            before--;
        }
        if (indentation.Length > 0 && before >= 0 && tokens[before].Type == PythonLexer.WS)
        {
            first = before;
        }
        var comments = Enumerable.Range(first, statement.Stop.TokenIndex - first + 1)
            .Where(i => tokens[i].Type == PythonLexer.COMMENT).Select(i => tokens[i].Text).ToList();
        bool onlyInBlock = statement.Parent is PythonParser.BlockContext block && block.statement().Length == 1;
        var newline = context.Newline();
        var kept = (onlyInBlock ? new[] { "pass" } : Array.Empty<string>()).Concat(comments);
        var text = string.Concat(kept.Select(line => indentation + line + newline));
        context.Plan.Replace(first, statement.Stop.TokenIndex, text);
    }

    private IReadOnlyDictionary<string, string> ChooseAliases(HashSet<NameBinding> removed)
    {
        var taken = _uses.Keys.Where(b => !removed.Contains(b)).Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var use in context.Model.Uses)
        {
            if (context.Model.Resolve(use).Resolution == Resolution.Unbound)
            {
                taken.Add(use.GetText());
            }
        }
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var module in context.Targets.Modules)
        {
            if (ExistingAlias(module, removed) is { } existing)
            {
                aliases[module] = existing;
                _reused.Add(module);
                continue;
            }
            var candidates = ImportAliases.Modules.First(m => m.Module == module).Aliases;
            aliases[module] = candidates.FirstOrDefault(a => !taken.Contains(a)) ?? candidates[^1] + "_";
            taken.Add(aliases[module]);
        }
        return aliases;
    }

    private readonly HashSet<string> _reused = new(StringComparer.Ordinal);

    /// <summary>An alias the file already imports the module under at module level (<c>import jax.numpy as jnp</c>).</summary>
    private string? ExistingAlias(string module, HashSet<NameBinding> removed) =>
        context.Model.Module.Bindings.Values
            .Where(list => list.All(b => b.Kind == BindingKind.Import && b.QualifiedName == module && !removed.Contains(b)))
            .Select(list => list[0].Name)
            .FirstOrDefault();

    private void AddImports(IReadOnlyDictionary<string, string> aliases, ParserRuleContext? firstTorchImport)
    {
        var newline = context.Newline();
        var lines = aliases.Where(pair => !_reused.Contains(pair.Key))
            .OrderBy(pair => ImportAliases.Order(pair.Key))
            .Select(pair => ImportAliases.ImportLine(pair.Key, pair.Value) + newline)
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
            bool docstring = i == 0 && statements[i].simple_stmts() is { } line && line.simple_stmt().Length == 1
                && IsStringLiteral(line.simple_stmt(0));
            if (!docstring && !text.StartsWith("from __future__", StringComparison.Ordinal))
            {
                return statements[i];
            }
        }
        return null;
    }

    /// <summary>
    /// A statement that is only a string literal. (TargetNames.Unwrap cannot tell: it goes past the
    /// string atom down to its token, so a docstring was taken for an ordinary statement.)
    /// </summary>
    private static bool IsStringLiteral(Antlr4.Runtime.Tree.IParseTree node)
    {
        while (node is not PythonParser.StringAtomContext && node.ChildCount == 1)
        {
            node = node.GetChild(0);
        }
        return node is PythonParser.StringAtomContext;
    }
}
