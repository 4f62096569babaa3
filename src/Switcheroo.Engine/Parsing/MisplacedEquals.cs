using Antlr4.Runtime;
using Switcheroo.Engine.Parsing.Checks;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// CPython's words for an '=' our grammar cannot place, where CPython's parser has a rule that
/// explains it: a default for <c>*args</c> or <c>**kwargs</c>, and a call argument that is an
/// expression rather than a name before '=' (<c>f(a.b=1)</c>, <c>f(True=1)</c>).
/// </summary>
internal static class MisplacedEquals
{
    public static (IToken At, string Message)? Explain(PythonParser parser, IToken equals)
    {
        if (equals.Type != PythonLexer.EQUAL)
        {
            return null;
        }
        var tokens = (ITokenStream)parser.InputStream;
        for (RuleContext? node = parser.Context; node is not null; node = node.Parent)
        {
            var explained = node switch
            {
                PythonParser.Function_defContext function => StarredDefault(tokens, function.parameters()?.parameter().LastOrDefault(), equals),
                PythonParser.LambdefContext lambda => StarredDefault(tokens, lambda.lambda_parameters()?.lambda_parameter().LastOrDefault(), equals),
                PythonParser.CallExprContext call => ArgumentAssignment(tokens, call.arguments(), equals),
                PythonParser.Class_defContext definition => ArgumentAssignment(tokens, definition.arguments(), equals),
                _ => null,
            };
            if (explained is not null || node is PythonParser.Function_defContext or PythonParser.LambdefContext
                or PythonParser.CallExprContext or PythonParser.Class_defContext)
            {
                return explained;
            }
        }
        return null;
    }

    private static (IToken, string)? StarredDefault(ITokenStream tokens, ParserRuleContext? parameter, IToken equals)
    {
        if (parameter is null || !JustBefore(tokens, parameter, equals))
        {
            return null;
        }
        return parameter.Start.Type switch
        {
            PythonLexer.STAR => (equals, "var-positional argument cannot have default value"),
            PythonLexer.DOUBLESTAR => (equals, "var-keyword argument cannot have default value"),
            _ => null,
        };
    }

    private static (IToken, string)? ArgumentAssignment(ITokenStream tokens, PythonParser.ArgumentsContext? arguments, IToken equals)
    {
        if (arguments?.argument().LastOrDefault() is not PythonParser.PositionalArgumentContext { } argument
            || argument.comprehension() is not null || !JustBefore(tokens, argument, equals))
        {
            return null;
        }
        var target = Expr.Of(argument.NamedExpression());
        return target.Node is PythonParser.ConstantAtomContext && !target.Parenthesized
            ? (target.Node.Start, $"cannot assign to {target.Node.GetText()}")
            : (target.Node.Start, "expression cannot contain assignment, perhaps you meant \"==\"?");
    }

    /// <summary>
    /// Whether the '=' is the next token after the node, whitespace and comments aside. A node the
    /// parser has not finished (<c>f(a* =1)</c>, <c>def f(a= =1)</c>) has no last token yet and is
    /// never just before.
    /// </summary>
    private static bool JustBefore(ITokenStream tokens, ParserRuleContext node, IToken equals)
    {
        if (node.Stop is null || node.exception is not null)
        {
            return false;
        }
        for (int i = node.Stop.TokenIndex + 1; i < equals.TokenIndex; i++)
        {
            if (tokens.Get(i).Channel == TokenConstants.DefaultChannel)
            {
                return false;
            }
        }
        return node.Stop.TokenIndex < equals.TokenIndex;
    }
}
