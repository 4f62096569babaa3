using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// CPython's compiler visits the syntax tree recursively and gives up ("maximum recursion depth
/// exceeded during compilation", a RecursionError) when statements and expressions nest deeper
/// than its limit: about 3,000 levels less what the caller already uses. Measured on CPython 3.12,
/// <c>x = a</c> followed by 2,992 links of <c>.b</c>, <c>()</c>, <c>[0]</c>, <c>+1</c> (or 2,992
/// <c>not</c>s, <c>elif</c>s) compiles and one more does not; such a statement is 2,994 levels
/// deep (the assignment, the links, the name). This walk measures the depth of CPython's tree
/// on the parse tree: wrapper rules (a comparison without an operator, parentheses) add nothing,
/// <c>elif</c> nests one level per branch. A file whose longest logical line and elifs are too few
/// to reach the limit (nearly every file) is not walked.
/// </summary>
internal sealed class AstDepthCheck : ISyntaxCheck
{
    /// <summary>The deepest statement or expression nesting CPython 3.12 compiles from a module.</summary>
    public const int MaxDepth = 2994;

    private const string Message = "maximum recursion depth exceeded during compilation";

    public void Check(File_inputContext root, CheckReporter report)
    {
        // An expression nests within one logical line, a level per token at most; statements nest
        // by indentation (99 levels, one more for a body on its header's line; 128 leaves room) and by elif.
        if (root.Start.TokenSource is PythonLexerBase lexer && lexer.LongestLogicalLine + lexer.Elifs + 128 <= MaxDepth)
        {
            return;
        }
        if (TooDeep(root, 0) is { } at)
        {
            report.At(ParseTrees.FirstToken(at), Message, DiagnosticCodes.TooDeeplyNested);
        }
    }

    /// <summary>The first node deeper than the limit, or null. <paramref name="depth"/> is the depth of the enclosing statement or expression.</summary>
    private static IParseTree? TooDeep(IParseTree node, int depth)
    {
        if (node is not ParserRuleContext rule)
        {
            return null;
        }
        if (AddsLevel(rule))
        {
            if (++depth > MaxDepth)
            {
                return rule;
            }
        }
        if (rule.RuleIndex == RULE_if_stmt)
        {
            return IfChain((If_stmtContext)rule, depth);
        }
        for (int i = 0; i < rule.ChildCount; i++)
        {
            if (TooDeep(rule.GetChild(i), depth) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>Each <c>elif</c> is an <c>if</c> statement in the <c>else</c> of the one before; the final <c>else</c> sits in the last.</summary>
    private static IParseTree? IfChain(If_stmtContext branch, int depth)
    {
        var found = TooDeep(branch.NamedExpression(), depth) ?? TooDeep(branch.block(), depth);
        foreach (var elif in branch.elif_block())
        {
            if (found is not null)
            {
                return found;
            }
            if (++depth > MaxDepth)
            {
                return elif;
            }
            found = TooDeep(elif.NamedExpression(), depth) ?? TooDeep(elif.block(), depth);
        }
        return found ?? TooDeep(branch.else_block(), depth);
    }

    /// <summary>Whether the rule is a statement or expression of CPython's tree, rather than a wrapper or a part of one.</summary>
    private static bool AddsLevel(ParserRuleContext rule) => rule.RuleIndex switch
    {
        RULE_simple_stmt or RULE_yield_expr or RULE_fstring_field => true,
        RULE_statement => ((StatementContext)rule).Compound() is not null,
        RULE_star_expressions or RULE_star_named_expressions or RULE_target_list or RULE_slices or RULE_subject_expr =>
            rule.ChildCount > 1,
        RULE_assignment_expression => true,
        RULE_star_expression or RULE_star_named_expression or RULE_star_target or RULE_slice => rule.ChildCount > 1,
        // `a and b and c` nests to the left in the parse tree but is one BoolOp in CPython's.
        RULE_expression => rule switch
        {
            ComparisonContext => rule.ChildCount > 1,
            ConjunctionContext => rule.Parent is not ConjunctionContext parent || parent.expression(0) != rule,
            DisjunctionContext => rule.Parent is not DisjunctionContext parent || parent.expression(0) != rule,
            _ => true,
        },
        RULE_argument => rule is StarArgumentContext,
        // (x) is x; (), (x,), (x for ...) are tuples and generators; (yield) is its yield.
        RULE_expr => rule is not ParenAtomContext || rule.ChildCount != 3,
        RULE_name => rule.Parent is Assignment_expressionContext,
        _ => false,
    };
}
