using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Values;

/// <summary>
/// What a parameter holds when its function starts: <c>self</c> is an instance of the class; a
/// parameter annotated <c>torch.Tensor</c> (or <c>int</c>), in the signature or in a PEP 484 type
/// comment (<see cref="TypeComments"/>), is one, and one annotated <c>nn.Module</c> holds a module; any other annotation says nothing; the inputs of <c>forward</c> are tensors; a parameter of a closed function (every
/// call visible, <see cref="ProgramShape"/>) holds what its call sites pass; anything else is unknown.
/// </summary>
internal static class ParameterValues
{
    public static Value Of(AnalysisContext context, PythonParser.Function_defContext function, PythonParser.ParameterContext parameter)
    {
        if (parameter.STAR() is not null || parameter.DOUBLESTAR() is not null)
        {
            return Value.Unknown;
        }
        var decorators = ProgramShape.Decorators(function);
        bool first = function.parameters().parameter(0) == parameter;
        if (first && ProgramShape.ClassOf(function) is { } cls && !decorators.Contains("staticmethod"))
        {
            var name = cls.name().GetText();
            return decorators.Contains("classmethod") ? Value.Unknown
                : context.Shape.IsModule(cls) ? Value.Module(name) : Value.Instance(name);
        }
        // A default of None is a value the parameter may hold whatever it is declared to be.
        bool noneDefault = parameter.expression() is { } fallback && IsNone(fallback);
        if (parameter.annotation() is { } annotation)
        {
            return Annotated(context, annotation) is { } declared ? noneDefault ? Value.Optional(declared) : declared : Value.Unknown;
        }
        // A type comment is read where an annotation would be: in the scope around the function.
        if (context.TypeComment(function) is { } types && TypeComments.TypeOf(function, types, parameter) is { } commented
            && context.Model.ScopeOpenedBy(function)?.Parent is { } around)
        {
            var names = new CommentNames(around);
            return Declared(context, commented, names.Qualified, names.Builtin) is { } declared
                ? noneDefault ? Value.Optional(declared) : declared
                : Value.Unknown;
        }
        if (function.name().GetText() == "forward" && !first)
        {
            return noneDefault ? Value.Optional(Value.Tensor) : Value.Tensor;
        }
        return context.Shape.IsClosed(function) ? context.Facts.Parameter(parameter) : Value.Unknown;
    }

    public static bool IsNone(IParseTree expression) => TargetNames.Unwrap(expression) is ITerminalNode { Symbol.Type: PythonLexer.NONE };

    /// <summary>
    /// The value an annotation declares: a tensor type, <c>int</c>, <c>Optional[T]</c> (or <c>T | None</c>),
    /// <c>List[T]</c> (or <c>list[T]</c>) and <c>Tuple[T, U]</c>, <c>Tuple[T, ...]</c> of those; null for any other.
    /// </summary>
    public static Value? Annotated(AnalysisContext context, PythonParser.AnnotationContext annotation) =>
        Declared(context, annotation.expression(), context.Model.QualifiedName, type => Builtin(context, type));

    /// <summary>
    /// The value a type expression declares, its names read by <paramref name="qualified"/> (the
    /// qualified name an import gives a dotted name) and <paramref name="builtin"/> (a builtin's name).
    /// </summary>
    private static Value? Declared(AnalysisContext context, IParseTree node,
        Func<PythonParser.ExprContext, string?> qualified, Func<PythonParser.ExprContext, string?> builtin)
    {
        var type = TargetNames.Unwrap(node) as PythonParser.ExprContext;
        switch (type)
        {
            case null:
                return null;
            case PythonParser.SubscriptExprContext generic when (qualified(generic.expr()) ?? builtin(generic.expr())) is "typing.Tuple" or "tuple":
                return TupleOf(context, generic.slices().slice(), qualified, builtin);
            case PythonParser.SubscriptExprContext generic when generic.slices().slice() is [var only] && only.NamedExpression() is { } argument && only.COLON().Length == 0:
                return Declared(context, argument, qualified, builtin) is { } item ? Generic(generic.expr(), item, qualified, builtin) : null;
            case PythonParser.BinaryExprContext union when union.op.Text == "|" && union.expr().Length == 2:
                var (left, right) = (union.expr(0), union.expr(1));
                return IsNone(right) ? Declared(context, left, qualified, builtin) is { } some ? Value.Optional(some) : null
                    : IsNone(left) && Declared(context, right, qualified, builtin) is { } other ? Value.Optional(other) : null;
        }
        if (qualified(type) is { } typeName)
        {
            // A module annotated as torch's base class (module: nn.Module) is one: only its base's methods apply to it.
            return context.Maps.Find(typeName) is { InstancesAreTensors: true } ? Value.Tensor
                : context.Maps.IsModuleBase(typeName) && context.Maps.BuildsModules(typeName) ? Value.Object(typeName)
                : null;
        }
        return builtin(type) == "int" ? Value.Int : null;
    }

    /// <summary>
    /// <c>Tuple[A, B]</c> (or <c>tuple[A, B]</c>): a tuple of that length, each item what its type declares (unknown where
    /// it declares nothing: <c>Tuple[Tensor, Dict[str, Tensor]]</c>); <c>Tuple[A, ...]</c> a sequence of A; null for another form.
    /// </summary>
    private static Value? TupleOf(AnalysisContext context, PythonParser.SliceContext[] slices,
        Func<PythonParser.ExprContext, string?> qualified, Func<PythonParser.ExprContext, string?> builtin)
    {
        if (slices.Any(s => s.COLON().Length > 0 || s.NamedExpression() is null))
        {
            return null;
        }
        if (slices is [var repeated, var rest] && rest.GetText() == "...")
        {
            return Declared(context, repeated.NamedExpression(), qualified, builtin) is { } item ? Value.Sequence(item) : null;
        }
        return slices.Any(s => s.GetText() == "...") ? null
            : Value.Tuple(slices.Select(s => Declared(context, s.NamedExpression(), qualified, builtin) ?? Value.Unknown).ToList());
    }

    /// <summary><c>Optional[item]</c>, <c>List[item]</c>, <c>list[item]</c>; null for another generic.</summary>
    private static Value? Generic(PythonParser.ExprContext generic, Value item,
        Func<PythonParser.ExprContext, string?> qualified, Func<PythonParser.ExprContext, string?> builtin) =>
        (qualified(generic) ?? builtin(generic)) switch
        {
            "typing.Optional" => Value.Optional(item),
            "typing.List" or "list" => Value.Sequence(item),
            _ => null,
        };

    /// <summary>
    /// Names in a type comment, parsed apart from the file: each resolves from the function's scope by
    /// its text, as the file's bindings say (an import gives its qualified name; an unbound name is a builtin).
    /// </summary>
    private sealed class CommentNames(Scope scope)
    {
        public string? Qualified(PythonParser.ExprContext type) => type switch
        {
            PythonParser.NameAtomContext name
                when SemanticModel.Lookup(name.GetText(), scope) is { Count: > 0 } bindings && bindings.All(b => b.Kind == BindingKind.Import)
                && bindings.Select(b => b.QualifiedName).Distinct(StringComparer.Ordinal).ToList() is [var only] => only,
            PythonParser.AttributeExprContext attribute when Qualified(attribute.expr()) is { } owner => $"{owner}.{attribute.name().GetText()}",
            _ => null,
        };

        public string? Builtin(PythonParser.ExprContext type) =>
            type is PythonParser.NameAtomContext plain
            && SemanticModel.Lookup(plain.GetText(), scope) is null
                ? plain.GetText()
                : null;
    }

    /// <summary>The name of a builtin a type expression names (<c>int</c>, <c>list</c>: not bound in the file), or null.</summary>
    private static string? Builtin(AnalysisContext context, PythonParser.ExprContext type) =>
        type is PythonParser.NameAtomContext plain && context.OwnerOf(plain) is null
            ? plain.GetText()
            : null;
}
