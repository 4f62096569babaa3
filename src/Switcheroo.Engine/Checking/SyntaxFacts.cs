using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking;

/// <summary>Shapes of Python syntax the self-check rules ask about: assignment targets, <c>self.x</c>, displays.</summary>
internal static class SyntaxFacts
{
    /// <summary>The <c>expr</c> a single-child chain leads to (<c>x</c> in an expression statement <c>x</c>), or null where the chain branches.</summary>
    public static PythonParser.ExprContext? Expr(IParseTree? node)
    {
        while (node is not null && node is not PythonParser.ExprContext)
        {
            if (node.ChildCount != 1)
            {
                return null;
            }
            node = node.GetChild(0);
        }
        return node as PythonParser.ExprContext;
    }

    /// <summary>The targets of an assignment statement (<c>a = b = v</c>: a, b), each as written; empty for other statements.</summary>
    public static IEnumerable<PythonParser.Star_expressionsContext> Targets(PythonParser.Expression_stmtContext statement)
    {
        var values = statement.assigned_value();
        if (statement.annotation() is not null || statement.augassign() is not null || values.Length == 0)
        {
            yield break;
        }
        yield return statement.star_expressions();
        for (int i = 0; i < values.Length - 1; i++)
        {
            if (values[i].star_expressions() is { } target)
            {
                yield return target;
            }
        }
    }

    /// <summary>The assigned value of an assignment or annotated assignment, or null.</summary>
    public static PythonParser.ExprContext? AssignedValue(PythonParser.Expression_stmtContext statement) =>
        statement.assigned_value() is { Length: > 0 } values ? Expr(values[^1]) : null;

    /// <summary>Each single expression of a target list (<c>a, (b, c)</c>: a, b, c; starred ones too).</summary>
    public static IEnumerable<PythonParser.ExprContext> TargetExprs(IParseTree target)
    {
        foreach (var expr in TopExprs(target))
        {
            if (expr is PythonParser.ParenAtomContext or PythonParser.ListAtomContext)
            {
                foreach (var inner in TargetExprs(expr))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return expr;
            }
        }
    }

    /// <summary>The outermost <c>expr</c> nodes under a node (not those nested in them).</summary>
    /// <remarks>Gathered into one list: a recursive iterator made an object per node and level (docs/performance.md, "Conversion, fifth round").</remarks>
    private static List<PythonParser.ExprContext> TopExprs(IParseTree node)
    {
        var found = new List<PythonParser.ExprContext>();
        AddTopExprs(node, found);
        return found;
    }

    private static void AddTopExprs(IParseTree node, List<PythonParser.ExprContext> found)
    {
        for (int i = 0; i < node.ChildCount; i++)
        {
            var child = node.GetChild(i);
            if (child is PythonParser.ExprContext expr)
            {
                found.Add(expr);
            }
            else if (child.ChildCount > 0)
            {
                AddTopExprs(child, found);
            }
        }
    }

    /// <summary>The attribute name of <c>self.NAME</c>, or null for any other expression.</summary>
    public static string? SelfAttribute(PythonParser.ExprContext? expr) =>
        expr is PythonParser.AttributeExprContext attribute && IsName(attribute.expr(), "self")
            ? attribute.name().GetText()
            : null;

    public static bool IsName(PythonParser.ExprContext? expr, string name) => NameOf(expr) == name;

    /// <summary>The name of a plain name expression, or null.</summary>
    public static string? NameOf(PythonParser.ExprContext? expr) =>
        expr is PythonParser.NameAtomContext name ? ParseTrees.Identifier(name) : null;

    /// <summary>A list, dict or set display or comprehension: a value Python cannot hash.</summary>
    public static bool IsUnhashableDisplay(PythonParser.ExprContext? expr) =>
        expr is PythonParser.ListAtomContext or PythonParser.DictOrSetAtomContext;

    /// <summary>A list display or comprehension, or a call of <c>list</c>.</summary>
    public static bool IsList(PythonParser.ExprContext? expr) =>
        (expr is PythonParser.ListAtomContext)
        || (expr is PythonParser.CallExprContext call && IsName(call.expr(), "list"));

    /// <summary>A dict display or comprehension (not a set), or a call of <c>dict</c>.</summary>
    public static bool IsDict(PythonParser.ExprContext? expr) =>
        (expr is PythonParser.DictOrSetAtomContext dict
            && (dict.dict_or_set() is null || dict.dict_or_set().DOUBLESTAR() is not null || dict.dict_or_set().dict_tail() is not null))
        || (expr is PythonParser.CallExprContext call && IsName(call.expr(), "dict"));

    /// <summary>The positional argument expressions of a call, in order (null for a starred or keyword one at that place is skipped).</summary>
    public static IReadOnlyList<PythonParser.ArgumentContext> Arguments(PythonParser.CallExprContext call) =>
        call.arguments()?.argument() ?? [];

    public static PythonParser.ExprContext? ArgumentExpr(PythonParser.ArgumentContext argument) => argument switch
    {
        PythonParser.PositionalArgumentContext positional when positional.comprehension() is null => Expr(positional.NamedExpression()),
        PythonParser.KeywordArgumentContext keyword => Expr(keyword.expression()),
        _ => null,
    };

    /// <summary>The enclosing function definition of a node, or null at module or class level.</summary>
    public static PythonParser.Function_defContext? EnclosingFunction(RuleContext node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is PythonParser.Function_defContext function)
            {
                return function;
            }
            if (current is PythonParser.Class_defContext)
            {
                return null;
            }
        }
        return null;
    }
}
