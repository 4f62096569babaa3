using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Parsing;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// Decides whether an expression is a tensor "by construction" — the rule documented in
/// docs/maps.md: the result of a torch call or of a tensor method that returns a tensor, a
/// parameter of <c>forward</c> (other than <c>self</c>), a parameter annotated <c>torch.Tensor</c>,
/// a name every binding of which assigns a tensor, and subscripts, arithmetic and parentheses
/// around tensors. Anything else is unknown: its methods convert only when the method name alone
/// is unambiguous (<c>any_receiver: true</c>), and are reported otherwise.
/// </summary>
public sealed class TensorFacts(SemanticModel model, MapSet maps, IReadOnlyDictionary<string, ClassFacts>? importedClasses = null)
{
    private readonly Dictionary<IReadOnlyList<NameBinding>, bool> _names = new(ReferenceEqualityComparer.Instance);

    public bool IsTensor(IParseTree node)
    {
        var expression = Binding.TargetNames.Unwrap(node);
        switch (expression)
        {
            case PythonParser.NameAtomContext name:
                return IsTensorName(name);
            case PythonParser.AtomExprContext atom:
                return IsTensor(atom.atom());
            case PythonParser.ParenAtomContext paren when paren.star_named_expression() is { } inner && paren.COMMA() is null && paren.comprehension() is null:
                return IsTensor(inner);
            case PythonParser.CallExprContext call:
                return IsTensorCall(call);
            case PythonParser.ExpressionContext conditional when conditional.IF() is not null:
                return IsTensor(conditional.disjunction(0)) && IsTensor(conditional.expression());
            case PythonParser.SubscriptExprContext subscript:
                return IsTensor(subscript.expr());
            case PythonParser.BinaryExprContext binary:
                return binary.expr().Any(IsTensor);
            case PythonParser.UnaryExprContext unary:
                return IsTensor(unary.expr());
            case PythonParser.PowerExprContext power:
                return IsTensor(power.expr(0));
            case PythonParser.ComparisonContext comparison when comparison.comp_op().Length == 1
                && comparison.comp_op(0).GetText() is "==" or "!=" or "<" or "<=" or ">" or ">=":
                return comparison.expr().Any(IsTensor);
            default:
                return false;
        }
    }

    private bool IsTensorCall(PythonParser.CallExprContext call)
    {
        if (model.QualifiedName(call.expr()) is { } name)
        {
            return TorchNames.IsTorch(name) && maps.Find(name) is { Kind: EntryKind.Function, ReturnsTensor: true };
        }
        if (call.expr() is PythonParser.AttributeExprContext layer && layer.expr().GetText() == "self" && IsTorchLayer(layer))
        {
            return true;
        }
        if (call.expr() is PythonParser.AtomExprContext { } callee && callee.atom() is PythonParser.NameAtomContext module && IsModuleInstance(module))
        {
            return true;
        }
        return call.expr() is PythonParser.AttributeExprContext method
            && maps.FindMember(method.name().GetText(), EntryKind.Method) is { ReturnsTensor: true }
            && IsTensor(method.expr());
    }

    /// <summary>
    /// <c>model</c> in <c>model(x)</c>, when every binding of it builds a <c>torch.nn.Module</c> subclass
    /// of the file or of another file converted with it (<c>model = Net()</c>, also <c>Net().to(device)</c>):
    /// a module's call returns a tensor.
    /// </summary>
    private bool IsModuleInstance(PythonParser.NameAtomContext name)
    {
        var bindings = SemanticModel.Lookup(name.GetText(), model.ScopeOf(name));
        return bindings is { Count: > 0 } && bindings.All(binding =>
            Training.ModelNames.Construction(binding) is { } construction
            && construction.expr() is PythonParser.AtomExprContext { } cls && cls.atom() is PythonParser.NameAtomContext className
            && SemanticModel.Lookup(className.GetText(), model.ScopeOf(className)) is { Count: 1 } classes
            && (classes[0].Site is PythonParser.Class_defContext definition
                ? (definition.arguments()?.argument() ?? []).OfType<PythonParser.PositionalArgumentContext>()
                    .Any(b => AsExpression(b.named_expression()) is { } based && model.QualifiedName(based) == "torch.nn.Module")
                : importedClasses?.ContainsKey(className.GetText()) == true && ReferenceEquals(classes, model.Module.Lookup(className.GetText()))));
    }

    /// <summary>
    /// A name is a tensor when every binding of it assigns one. While a name is being decided it
    /// counts as a tensor, so <c>y = y.permute(1, 0)</c> keeps <c>y</c> a tensor (the largest
    /// consistent answer); any binding of another kind still makes it unknown.
    /// </summary>
    private bool IsTensorName(PythonParser.NameAtomContext name)
    {
        var bindings = SemanticModel.Lookup(name.GetText(), model.ScopeOf(name));
        if (bindings is not { Count: > 0 })
        {
            return false;
        }
        if (_names.TryGetValue(bindings, out var known))
        {
            return known;
        }
        _names[bindings] = true;
        bool result = bindings.All(IsTensorBinding);
        _names[bindings] = result;
        return result;
    }

    private bool IsTensorBinding(NameBinding binding)
    {
        switch (binding.Site)
        {
            case PythonParser.ParameterContext parameter:
                return IsForwardInput(parameter) || IsAnnotatedTensor(parameter.annotation());
            case PythonParser.Expression_stmtContext assignment when assignment.EQUAL().Length == 1 && assignment.augassign() is null:
                var targets = Binding.TargetNames.Unwrap(assignment.star_expressions());
                return targets is PythonParser.NameAtomContext && IsTensor(assignment.assigned_value(0));
            case PythonParser.Expression_stmtContext annotated when annotated.annotation() is { } annotation:
                return IsAnnotatedTensor(annotation) || (annotated.assigned_value().Length == 1 && IsTensor(annotated.assigned_value(0)));
            default:
                return false;
        }
    }

    /// <summary>
    /// A name every binding of which builds an object from the torch module <paramref name="module"/>
    /// (<c>opt = torch.optim.SGD(...)</c>), so methods of that module's classes apply to it.
    /// </summary>
    public bool IsBuiltBy(PythonParser.ExprContext receiver, string module)
    {
        if (module == "torch" || receiver is not PythonParser.AtomExprContext atom || atom.atom() is not PythonParser.NameAtomContext name)
        {
            return false;
        }
        var bindings = SemanticModel.Lookup(name.GetText(), model.ScopeOf(name));
        return bindings is { Count: > 0 } && bindings.All(b =>
            b.Site is PythonParser.Expression_stmtContext { } assignment && assignment.EQUAL().Length == 1
            && SyntaxShapes.AtomOf(assignment.assigned_value(0)) is PythonParser.CallExprContext construction
            && model.QualifiedName(construction.expr()) is { } built
            && built.StartsWith(module + ".", StringComparison.Ordinal));
    }

    private readonly Dictionary<PythonParser.Class_defContext, HashSet<string>> _layers = new();

    /// <summary><c>self.fc(x)</c> where the class's constructor assigns <c>self.fc</c> a torch layer: layers return tensors.</summary>
    private bool IsTorchLayer(PythonParser.AttributeExprContext attribute)
    {
        if (SyntaxShapes.Enclosing<PythonParser.Class_defContext>(attribute) is not { } cls)
        {
            return false;
        }
        if (!_layers.TryGetValue(cls, out var names))
        {
            _layers[cls] = names = LayerAttributes(cls);
        }
        return names.Contains(attribute.name().GetText());
    }

    private HashSet<string> LayerAttributes(PythonParser.Class_defContext cls)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(cls))
        {
            if (assignment.EQUAL().Length == 1
                && SyntaxShapes.AtomOf(assignment.star_expressions()) is PythonParser.AttributeExprContext target
                && target.expr().GetText() == "self"
                && SyntaxShapes.AtomOf(assignment.assigned_value(0)) is PythonParser.CallExprContext construction
                && model.QualifiedName(construction.expr()) is { } name
                && name.StartsWith("torch.nn.", StringComparison.Ordinal)
                && maps.Find(name) is { Kind: EntryKind.Class })
            {
                names.Add(target.name().GetText());
            }
        }
        return names;
    }

    private static bool IsForwardInput(PythonParser.ParameterContext parameter) =>
        parameter.Parent?.Parent is PythonParser.Function_defContext function
        && function.name().GetText() == "forward"
        && function.parameters().parameter(0) != parameter
        && parameter.name() is not null
        && parameter.STAR() is null && parameter.DOUBLESTAR() is null;

    private bool IsAnnotatedTensor(PythonParser.AnnotationContext? annotation) =>
        annotation is not null
        && AsExpression(annotation.expression()) is { } type
        && model.QualifiedName(type) is "torch.Tensor" or "torch.FloatTensor" or "torch.LongTensor";

    /// <summary>The innermost expression node of a single-child chain (a bare name becomes its AtomExpr).</summary>
    public static PythonParser.ExprContext? AsExpression(IParseTree node) => Binding.TargetNames.Unwrap(node) switch
    {
        PythonParser.ExprContext expression => expression,
        PythonParser.NameAtomContext name => name.Parent as PythonParser.ExprContext,
        _ => null,
    };
}
