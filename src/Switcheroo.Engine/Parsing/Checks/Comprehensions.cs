using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// Comprehensions and generator expressions, identified by the expression that owns the
/// <c>comprehension</c> rule: a parenthesised or argument generator, a list, a set or a dict display.
/// </summary>
internal static class Comprehensions
{
    /// <summary>The comprehension clauses of a comprehension expression, or null when the node is not one.</summary>
    public static ComprehensionContext? Of(IParseTree node) => node switch
    {
        ParenAtomContext paren => paren.comprehension(),
        ListAtomContext list => list.comprehension(),
        PositionalArgumentContext argument => argument.comprehension(),
        DictOrSetAtomContext { } braces when braces.dict_or_set() is { } content =>
            content.dict_tail()?.comprehension() ?? content.set_tail()?.comprehension(),
        _ => null,
    };

    public static bool IsGenerator(ParserRuleContext node) => node is ParenAtomContext or PositionalArgumentContext;

    /// <summary>CPython's wording: "list comprehension", "generator expression" ...</summary>
    public static string Describe(ParserRuleContext node) => node switch
    {
        ListAtomContext => "list comprehension",
        DictOrSetAtomContext braces when braces.dict_or_set().dict_tail() is not null => "dict comprehension",
        DictOrSetAtomContext => "set comprehension",
        _ => "generator expression",
    };

    /// <summary>The iterable of the first <c>for</c>: CPython evaluates it in the enclosing scope.</summary>
    public static ExpressionContext FirstIterable(ComprehensionContext clauses) => clauses.comp_for(0).expression(0);

    public static bool IsAsynchronous(ComprehensionContext clauses) => clauses.comp_for().Any(clause => clause.ASYNC() is not null);
}
