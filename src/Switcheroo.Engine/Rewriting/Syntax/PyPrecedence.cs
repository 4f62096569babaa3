using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Syntax;

/// <summary>
/// Python's operator precedence, loosest first, for nodes built here and for expressions of the
/// parse tree: a part needs parentheses where its precedence is below what its place requires.
/// </summary>
public static class PyPrecedence
{
    /// <summary>An assignment expression (<c>x := v</c>): parenthesised everywhere Switcheroo puts values.</summary>
    public const int Walrus = -1;
    public const int Lambda = 0;
    public const int Conditional = 1;
    public const int Or = 2;
    public const int And = 3;
    public const int Not = 4;
    public const int Comparison = 5;
    public const int BitOr = 6;
    public const int BitXor = 7;
    public const int BitAnd = 8;
    public const int Shift = 9;
    public const int Sum = 10;
    public const int Product = 11;
    public const int Unary = 12;
    public const int Power = 13;
    public const int Await = 14;

    /// <summary>Calls, attributes, subscripts.</summary>
    public const int Primary = 15;
    public const int Atom = 16;

    /// <summary>What any expression may stand in: an argument, a tuple item, a subscript.</summary>
    public const int Any = Lambda;

    public static int OfOperator(string op) => op switch
    {
        "or" => Or,
        "and" => And,
        "==" or "!=" or "<" or "<=" or ">" or ">=" or "in" or "not in" or "is" or "is not" => Comparison,
        "|" => BitOr,
        "^" => BitXor,
        "&" => BitAnd,
        "<<" or ">>" => Shift,
        "+" or "-" => Sum,
        "*" or "/" or "//" or "%" or "@" => Product,
        "**" => Power,
        _ => throw new ArgumentException($"unknown operator '{op}'", nameof(op)),
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> TextPrecedence = new(StringComparer.Ordinal);

    /// <summary>The precedence of Python text from a map (a default, a translated value), parsed once per text.</summary>
    public static int OfText(string text) => TextPrecedence.GetOrAdd(text, value =>
    {
        var tree = Parsing.PythonSyntax.Parse(Parsing.SourceText.FromString($"_ = {value.Replace(TargetReferences.Open, '_').Replace(TargetReferences.Close, '_')}\n"));
        var assigned = tree.Root is null ? null : Switcheroo.Engine.Parsing.ParseTrees.Descendants<PythonParser.Assigned_valueContext>(tree.Root).FirstOrDefault();
        return assigned is null || tree.Diagnostics.Count > 0 ? Walrus : Of(assigned);
    });

    /// <summary>The precedence of a node of the parse tree (an argument, expression, or anything down to an atom).</summary>
    public static int Of(IParseTree node)
    {
        while (true)
        {
            switch (node)
            {
                case PythonParser.KeywordArgumentContext keyword:
                    node = keyword.expression();
                    continue;
                case PythonParser.Assignment_expressionContext:
                    return Walrus;
                case PythonParser.ConditionalContext:
                    return Conditional;
                case PythonParser.LambdefContext:
                    return Lambda;
                case PythonParser.DisjunctionContext:
                    return Or;
                case PythonParser.ConjunctionContext:
                    return And;
                case PythonParser.InversionContext:
                    return Not;
                case PythonParser.ComparisonContext comparison when comparison.comp_op().Length > 0:
                    return Comparison;
                case PythonParser.IAtom:
                    return Atom;
                case PythonParser.AttributeExprContext or PythonParser.CallExprContext or PythonParser.SubscriptExprContext:
                    return Primary;
                case PythonParser.AwaitExprContext:
                    return Await;
                case PythonParser.PowerExprContext:
                    return Power;
                case PythonParser.UnaryExprContext:
                    return Unary;
                case PythonParser.BinaryExprContext binary:
                    return OfOperator(binary.op.Text);
                case PythonParser.NameContext or ITerminalNode:
                    return Atom;
                case ParserRuleContext rule when rule.ChildCount == 1:
                    node = rule.GetChild(0);
                    continue;
                default:
                    return Walrus;
            }
        }
    }
}
