using Antlr4.Runtime.Tree;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Binding;

/// <summary>Small questions about the shape of syntax that binding, analysis and rewriting ask.</summary>
public static class SyntaxShapes
{
    /// <summary>The blocks of an <c>if</c> statement in order: its own, each <c>elif</c>'s, the <c>else</c>'s when it has one.</summary>
    public static IEnumerable<PythonParser.BlockContext> Blocks(PythonParser.If_stmtContext test) =>
        new[] { test.block() }.Concat(test.elif_block().Select(e => e.block())).Append(test.else_block()?.block()).OfType<PythonParser.BlockContext>();

    /// <summary>The atom a single-child chain leads to (<c>128</c> in a default value), or the node where the chain branches.</summary>
    public static IParseTree AtomOf(IParseTree node)
    {
        while (node.ChildCount == 1 && node is not PythonParser.IAtom)
        {
            node = node.GetChild(0);
        }
        return node;
    }

    /// <summary>The nearest node of type <typeparamref name="T"/> at or above <paramref name="node"/>, or null.</summary>
    public static T? Enclosing<T>(Antlr4.Runtime.RuleContext? node) where T : Antlr4.Runtime.RuleContext
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is T match)
            {
                return match;
            }
        }
        return null;
    }

    /// <summary>The longest dotted chain a name starts: <c>torch.nn.functional.relu</c> from its <c>torch</c> (the name itself when no attribute follows it).</summary>
    public static PythonParser.ExprContext DottedChain(PythonParser.NameAtomContext name)
    {
        PythonParser.ExprContext chain = name;
        while (chain.Parent is PythonParser.AttributeExprContext attribute && attribute.expr() == chain)
        {
            chain = attribute;
        }
        return chain;
    }

    /// <summary>A statement line that is only a string literal: a docstring when it comes first.</summary>
    public static bool IsStringStatement(PythonParser.StatementContext statement) =>
        statement.SimpleLine() is { } line && line.simple_stmt().Length == 1 && AtomOf(line.simple_stmt(0)) is PythonParser.StringAtomContext;

    /// <summary>The innermost expression node of a single-child chain (a bare name is its NameAtom).</summary>
    public static PythonParser.ExprContext? AsExpression(IParseTree node) => TargetNames.Unwrap(node) as PythonParser.ExprContext;

    /// <summary>The call is a statement of its own (its value is not used).</summary>
    public static bool IsWholeStatement(PythonParser.CallExprContext call)
    {
        Antlr4.Runtime.RuleContext node = call;
        while (node.Parent is { } parent && parent is not PythonParser.Expression_stmtContext)
        {
            if (parent.ChildCount != 1)
            {
                return false;
            }
            node = parent;
        }
        return node.Parent is PythonParser.Expression_stmtContext statement && statement.ChildCount == 1;
    }

    /// <summary>The arguments of a call, none when it has none.</summary>
    public static IReadOnlyList<PythonParser.ArgumentContext> Arguments(PythonParser.CallExprContext call) =>
        call.arguments()?.argument() ?? [];
}
