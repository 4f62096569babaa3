using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>The kinds of CPython's expression AST nodes the checks tell apart.</summary>
internal enum ExprKind
{
    Name, Attribute, Subscript, Starred, Tuple, List, Call, Lambda, Conditional, Comparison,
    Operation, Await, Yield, Walrus, Constant, FString, Generator, ListComp, SetComp, DictComp, Dict, Set,
}

/// <summary>
/// An expression as CPython's AST has it, found by looking through the wrappers of the grammar
/// (one rule per precedence level, grouping parentheses). <see cref="Node"/> is the context that
/// stands for it; its first token is where CPython positions the expression (inside grouping
/// parentheses, since a group is not an AST node). <see cref="Parenthesized"/> says it was grouped.
/// </summary>
internal readonly record struct Expr(ExprKind Kind, ParserRuleContext Node, bool Parenthesized)
{
    public static Expr Of(ParserRuleContext node) => ExprShapes.Classify(node);

    public bool IsTupleOrList => Kind is ExprKind.Tuple or ExprKind.List;

    /// <summary>The elements of a tuple or list display.</summary>
    public IReadOnlyList<ParserRuleContext> Elements => ExprShapes.Elements(this);

    /// <summary>What a starred expression unpacks.</summary>
    public Expr StarredValue => ExprShapes.StarredValue(this);

    /// <summary>CPython's name for the expression in messages ("function call", "literal", ...).</summary>
    public string Describe() => Kind switch
    {
        ExprKind.Name => "name",
        ExprKind.Attribute => "attribute",
        ExprKind.Subscript => "subscript",
        ExprKind.Starred => "starred",
        ExprKind.Tuple => "tuple",
        ExprKind.List => "list",
        ExprKind.Call => "function call",
        ExprKind.Lambda => "lambda",
        ExprKind.Conditional => "conditional expression",
        ExprKind.Comparison => "comparison",
        ExprKind.Operation => "expression",
        ExprKind.Await => "await expression",
        ExprKind.Yield => "yield expression",
        ExprKind.Walrus => "named expression",
        ExprKind.FString => "f-string expression",
        ExprKind.Generator => "generator expression",
        ExprKind.ListComp => "list comprehension",
        ExprKind.SetComp => "set comprehension",
        ExprKind.DictComp => "dict comprehension",
        ExprKind.Dict => "dict literal",
        ExprKind.Set => "set display",
        _ => Node switch
        {
            ConstantAtomContext constant => constant.GetText(),
            EllipsisAtomContext => "ellipsis",
            _ => "literal",
        },
    };
}
