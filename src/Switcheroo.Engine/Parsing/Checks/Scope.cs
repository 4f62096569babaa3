using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

internal enum ScopeKind { Module, Class, Function, Lambda, Comprehension }

/// <summary>
/// A scope as CPython's symbol table has them: the module, a class body, a function or lambda,
/// or a comprehension (each comprehension and generator expression is a function of its own).
/// <see cref="Node"/> is the file, class, function, lambda or comprehension expression.
/// </summary>
internal sealed class Scope(ScopeKind kind, ParserRuleContext node, Scope? parent)
{
    public ScopeKind Kind { get; } = kind;

    public ParserRuleContext Node { get; } = node;

    public Scope? Parent { get; } = parent;

    public bool IsAsyncFunction => Node is Function_defContext function && function.ASYNC() is not null;

    /// <summary>A function, lambda or comprehension: CPython's FunctionBlock.</summary>
    public bool IsFunctionLike => Kind is ScopeKind.Function or ScopeKind.Lambda or ScopeKind.Comprehension;

    public bool IsGeneratorExpression => Kind == ScopeKind.Comprehension && Comprehensions.IsGenerator(Node);
}
