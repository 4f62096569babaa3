using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// The top-level functions of a file that <c>from file import *</c> does not import, as Python decides:
/// with an <c>__all__</c>, the names it does not list; without one, the names starting with an underscore.
/// torchvision's model packages re-export each model file with <c>from .densenet import *</c>, which
/// leaves its private helpers (<c>_load_state_dict</c>) to the file's own calls. An <c>__all__</c> that is
/// not one plain list or tuple of string literals, assigned once and never read (extended, added to),
/// may list anything: then no function is hidden.
/// </summary>
internal static class StarExports
{
    public static IReadOnlySet<string> Hidden(SemanticModel model, IReadOnlyList<string> functions)
    {
        var bindings = model.Module.Lookup("__all__");
        if (bindings is null or { Count: 0 })
        {
            return functions.Where(f => f.StartsWith('_')).ToHashSet(StringComparer.Ordinal);
        }
        if (bindings is not [{ Site: PythonParser.Expression_stmtContext assignment }] || assignment.EQUAL().Length != 1 || assignment.augassign() is not null
            || TargetNames.Unwrap(assignment.star_expressions()) is not PythonParser.NameAtomContext target
            || model.Uses.Any(u => u != target && u.GetText() == "__all__")
            || Listed(TargetNames.Unwrap(assignment.assigned_value(0))) is not { } listed)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
        return functions.Where(f => !listed.Contains(f)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The names a list or tuple display of plain string literals holds; null for anything else.</summary>
    private static HashSet<string>? Listed(IParseTree value)
    {
        if (value is not (PythonParser.ListAtomContext or PythonParser.ParenAtomContext or PythonParser.Star_expressionsContext))
        {
            return null;
        }
        var node = (ParserRuleContext)value;
        if (node is PythonParser.ParenAtomContext paren && paren.COMMA() is null)
        {
            return null; // ("name") is a string, whose characters a star import would read
        }
        if (node.GetRuleContext<PythonParser.ComprehensionContext>(0) is not null || node.GetRuleContext<PythonParser.Yield_exprContext>(0) is not null)
        {
            return null;
        }
        var items = node.children.OfType<ParserRuleContext>()
            .SelectMany(c => c is PythonParser.Star_named_expressionsContext more ? more.children.OfType<ParserRuleContext>() : [c]);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (SyntaxShapes.AtomOf(item) is not PythonParser.StringAtomContext text || PlainString(text.GetText()) is not { } name)
            {
                return null;
            }
            names.Add(name);
        }
        return names;
    }

    /// <summary><c>"name"</c> or <c>'name'</c>, with no prefix, escape or implicit concatenation: the name; else null.</summary>
    private static string? PlainString(string literal) =>
        literal.Length >= 2 && literal[0] is '"' or '\'' && literal[^1] == literal[0]
        && literal[1..^1].All(c => c is not ('"' or '\'' or '\\'))
            ? literal[1..^1]
            : null;
}
