using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// Names known to hold a JAX array where they are used: assigned, earlier in the same function (or
/// at module level), the result of a call into <c>jax.numpy</c>, <c>jax.random</c>, <c>jax.nn</c>
/// or <c>jax.lax</c>. Parameters and values from elsewhere are not known.
/// </summary>
internal static class KnownArrays
{
    private static readonly string[] ArrayModules = ["jax.numpy.", "jax.random.", "jax.nn.", "jax.lax."];

    /// <summary>True when <paramref name="name"/>, used at <paramref name="use"/>, was last assigned such a call before it in its function.</summary>
    public static bool Holds(CheckedFile file, string name, Antlr4.Runtime.ParserRuleContext use)
    {
        var function = SyntaxFacts.EnclosingFunction(use);
        var scope = (Antlr4.Runtime.Tree.IParseTree?)function?.block() ?? file.Root;
        PythonParser.ExprContext? last = null;
        foreach (var statement in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(scope))
        {
            if (statement.Start.TokenIndex >= use.Start.TokenIndex || SyntaxFacts.EnclosingFunction(statement) != function)
            {
                continue;
            }
            if (SyntaxFacts.Targets(statement).Any(t => SyntaxFacts.NameOf(SyntaxFacts.Expr(t)) == name))
            {
                last = SyntaxFacts.AssignedValue(statement);
            }
        }
        return last is PythonParser.CallExprContext call
            && file.QualifiedName(call.expr()) is { } callee
            && ArrayModules.Any(m => callee.StartsWith(m, StringComparison.Ordinal));
    }
}
