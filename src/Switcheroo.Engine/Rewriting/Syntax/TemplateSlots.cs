using System.Collections.Concurrent;
using Antlr4.Runtime;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>
/// Where each placeholder of a template stands in the template's Python tree, as the precedence a
/// value needs there: <c>{input}.shape</c> needs a primary (<c>(a + b).shape</c>), an argument
/// or tuple item takes anything. Found once per template by parsing it filled with a name per
/// placeholder, with each combination of its optional segments.
/// </summary>
internal static class TemplateSlots
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<int, int>> Cache = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, int> Tops = new(StringComparer.Ordinal);

    /// <summary>
    /// The precedence of the template's whole expression, the loosest over its fillings: a template
    /// that is a lambda (<c>lambda x: x</c>) or a conditional needs parentheses where the call it
    /// replaces is an operand (<c>nn.Identity() if a else b</c>).
    /// </summary>
    public static int TopOf(string template) => Tops.GetOrAdd(template, t => TemplateSyntax.Of(t).IndexedFillings()
        .Select(PyPrecedence.OfText).Where(p => p != PyPrecedence.Walrus).DefaultIfEmpty(PyPrecedence.Atom).Min());

    /// <summary>The precedence required at each placeholder index (an index missing takes anything).</summary>
    public static IReadOnlyDictionary<int, int> Of(string template, TemplateSyntax syntax) => Cache.GetOrAdd(template, _ => Compute(syntax));

    private static IReadOnlyDictionary<int, int> Compute(TemplateSyntax syntax)
    {
        // A dropped segment can put a placeholder under a tighter operator ({x}{? + {y}} * z):
        // each place takes the strictest requirement over the fillings.
        var slots = new Dictionary<int, int>();
        foreach (var filling in syntax.IndexedFillings())
        {
            var tree = PythonSyntax.Parse(SourceText.FromString($"_ = {filling}\n"));
            if (tree.Root is null)
            {
                continue;
            }
            foreach (var name in ParseTrees.Descendants<PythonParser.NameAtomContext>(tree.Root))
            {
                var text = name.GetText();
                if (text.StartsWith("_v", StringComparison.Ordinal) && int.TryParse(text.AsSpan(2), out var index))
                {
                    slots[index] = Math.Max(slots.GetValueOrDefault(index, PyPrecedence.Any), Required(name));
                }
            }
        }
        return slots;
    }

    /// <summary>
    /// The precedence a value needs where a node stands: walks up the single-child chain above the
    /// node (a placeholder's atom, or a node of the source an edit replaces whole) to the node that
    /// decides its place.
    /// </summary>
    internal static int Required(ParserRuleContext atom)
    {
        ParserRuleContext node = atom;
        while (node.Parent is ParserRuleContext parent)
        {
            switch (parent)
            {
                case PythonParser.AttributeExprContext:
                case PythonParser.CallExprContext call when call.expr() == node:
                case PythonParser.SubscriptExprContext subscript when subscript.expr() == node:
                    return PyPrecedence.Primary;
                case PythonParser.PowerExprContext power:
                    return power.expr(0) == node ? PyPrecedence.Await : PyPrecedence.Unary;
                case PythonParser.UnaryExprContext:
                    return PyPrecedence.Unary;
                case PythonParser.AwaitExprContext:
                    return PyPrecedence.Primary;
                case PythonParser.BinaryExprContext binary:
                    int op = PyPrecedence.OfOperator(binary.op.Text);
                    return binary.expr(0) == node ? op : op + 1;
                case PythonParser.ComparisonContext comparison when comparison.comp_op().Length > 0:
                    return PyPrecedence.Comparison + 1;
                case PythonParser.InversionContext:
                    return PyPrecedence.Not;
                case PythonParser.ConjunctionContext:
                    return PyPrecedence.Not;
                case PythonParser.DisjunctionContext:
                    return PyPrecedence.And;
                case PythonParser.ConditionalContext conditional:
                    // the else branch is an expression: a conditional or a lambda, unparenthesised
                    return conditional.expression(2) == node ? PyPrecedence.Lambda : PyPrecedence.Or;
                case PythonParser.Comp_forContext:
                    return PyPrecedence.Or;
                case var _ when parent.ChildCount == 1:
                    node = parent;
                    continue;
                default:
                    return PyPrecedence.Any;
            }
        }
        return PyPrecedence.Any;
    }
}
