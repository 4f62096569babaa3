using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The one rule of "a class has a model base" (docs/maps.md, "Module classes"), read by the module
/// classes that convert (<see cref="ModuleClasses"/>), the index's summaries (<see cref="ModuleSummary"/>)
/// and the value analysis (<see cref="Values.ProgramShape"/>): one of its bases — a positional argument of
/// the class statement (<c>metaclass=</c> and other keywords are no bases) —, as a whole expression
/// (<c>nn.Module</c>; not a name inside one, as in <c>Wrapper[nn.Module]</c> or <c>mixin(nn.Module)</c>),
/// is a qualified name whose entry names the <c>module_class</c> hook (<see cref="MapSet.IsModuleBase"/>), or a layer
/// whose entry names a <c>base</c> for its subclasses (<see cref="LayerBases"/>).
/// Deriving from such a class of the file or of the project is each reader's question.
/// </summary>
internal static class ModelBases
{
    /// <summary>The bases of a class: its positional arguments, each as an expression (inside any parentheses).</summary>
    public static IEnumerable<PythonParser.ExprContext> Of(PythonParser.Class_defContext cls) =>
        (cls.arguments()?.argument() ?? []).OfType<PythonParser.PositionalArgumentContext>()
            .Select(b => Expression(b.NamedExpression()))
            .OfType<PythonParser.ExprContext>();

    private static PythonParser.ExprContext? Expression(Antlr4.Runtime.Tree.IParseTree node) => TargetNames.Unwrap(node) switch
    {
        PythonParser.ParenAtomContext paren when paren.COMMA() is null && paren.comprehension() is null && paren.FirstItem() is { } inner => Expression(inner),
        PythonParser.ExprContext e => e,
        _ => null,
    };

    /// <summary>
    /// Whether a base is a model base itself (<see cref="MapSet.IsModuleBase"/>), or a torch layer whose entry
    /// names the runtime's base of classes deriving from it (<see cref="LayerBases"/>: <c>class LayerNorm2d(nn.LayerNorm)</c>).
    /// </summary>
    public static bool IsModelBase(PythonParser.ExprContext basis, SemanticModel model, MapSet maps) =>
        model.QualifiedName(basis) is { } name && (maps.IsModuleBase(name) || LayerBases.EntryOf(basis, model, maps) is not null);

    /// <summary>Whether one of the class's bases is a model base.</summary>
    public static bool Has(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps) =>
        Of(cls).Any(b => IsModelBase(b, model, maps));

    /// <summary>
    /// The call when a statement is only a call of the base class's constructor: <c>super().__init__(...)</c>
    /// or <c>super(Net, self).__init__(...)</c>, and, given the class, a base by the name it is written
    /// with (<c>nn.Module.__init__(self)</c> under <c>class Net(nn.Module)</c>).
    /// </summary>
    public static PythonParser.CallExprContext? BaseConstructorCall(PythonParser.StatementContext statement, PythonParser.Class_defContext? cls = null) =>
        statement.simple_stmt() is [{ } only]
        && SyntaxShapes.AtomOf(only) is PythonParser.CallExprContext call && call.expr() is PythonParser.AttributeExprContext callee
        && callee.name().GetText() == "__init__"
        && (callee.expr() is PythonParser.CallExprContext inner && inner.expr().GetText() == "super"
            || cls is not null && Of(cls).Any(b => b.GetText() == callee.expr().GetText()))
            ? call : null;
}
