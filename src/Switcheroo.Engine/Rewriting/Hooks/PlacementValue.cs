using Switcheroo.Engine.Analysis.Values;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>What an argument of <c>Tensor.to(...)</c> stands for: torch's overloads take a device, a dtype or another tensor.</summary>
internal enum PlacementKind
{
    Device,
    Dtype,
    Tensor,
    Unknown,
}

/// <summary>
/// Decides what a value passed to <c>.to(...)</c> is, from its bindings, never from its spelling:
/// a string or device index, <c>torch.device(...)</c>, or any <c>.device</c> (another value's device:
/// <c>.to(coords.device)</c>, whatever <c>coords</c> is) is a device; a torch dtype constant
/// (<c>torch.float16</c>, also imported as <c>from torch import float16</c>) or any <c>.dtype</c> is a
/// dtype; a value <see cref="TensorFacts"/> knows to be a tensor is a tensor. A name is what every one of
/// its bindings assigns (the item at its place in a tuple assignment, <c>dtype, device = x.dtype, x.device</c>;
/// a parameter: what its annotation, else its default, says, else what every call passes it when all its
/// calls are in the file); anything else is unknown.
/// </summary>
internal sealed class PlacementValue(ConversionContext context, TensorFacts tensors)
{
    /// <summary>The maps in force, for the entries of the placement methods.</summary>
    public MapSet Maps => context.Maps;

    private readonly HashSet<NameBinding> _deciding = new(ReferenceEqualityComparer.Instance);

    public PlacementKind Of(IParseTree value)
    {
        if (SyntaxShapes.AsExpression(value) is { } expression && context.Model.QualifiedName(expression) is { } qualified)
        {
            return OfQualifiedName(qualified);
        }
        switch (SyntaxShapes.AtomOf(value))
        {
            case PythonParser.StringAtomContext or PythonParser.NumberAtomContext:
                return PlacementKind.Device;
            case PythonParser.CallExprContext call when Instances(call.expr()) == EntryInstances.Device:
                return PlacementKind.Device;
            case PythonParser.AttributeExprContext attribute when attribute.name().GetText() == "dtype":
                return PlacementKind.Dtype;
            case PythonParser.AttributeExprContext attribute when attribute.name().GetText() == "device":
                // torch's objects with a .device (tensors, storages, generators) hold a device there; the
                // attribute is spelt out as the dtype's is, so an object of unknown origin counts too.
                return PlacementKind.Device;
            case PythonParser.ConditionalContext conditional:
                var kind = Of(conditional.expression(0));
                return kind == Of(conditional.expression(2)) ? kind : PlacementKind.Unknown;
            case PythonParser.NameAtomContext name:
                return OfName(name);
            default:
                return tensors.IsTensor(value) ? PlacementKind.Tensor : PlacementKind.Unknown;
        }
    }

    private PlacementKind OfQualifiedName(string name) =>
        context.Maps.Find(name) is { Kind: EntryKind.Constant, Target: { } target } && target.StartsWith("jax.numpy.", StringComparison.Ordinal)
            ? PlacementKind.Dtype
            : PlacementKind.Unknown;

    private PlacementKind OfName(PythonParser.NameAtomContext name)
    {
        var bindings = SemanticModel.Lookup(name.GetText(), context.Model.ScopeOf(name));
        if (bindings is not { Count: > 0 })
        {
            return PlacementKind.Unknown;
        }
        var kinds = bindings.Select(OfBinding).Distinct().ToList();
        return kinds is [var only] ? only : PlacementKind.Unknown;
    }

    private PlacementKind OfBinding(NameBinding binding)
    {
        if (!_deciding.Add(binding))
        {
            // y = y if c else "cpu": the binding being decided adds nothing.
            return PlacementKind.Unknown;
        }
        try
        {
            return binding.Site switch
            {
                PythonParser.Expression_stmtContext assignment when assignment.EQUAL().Length == 1 && assignment.augassign() is null
                    && TargetNames.Unwrap(assignment.star_expressions()) is PythonParser.NameAtomContext => Of(assignment.assigned_value(0)),
                PythonParser.Expression_stmtContext assignment when assignment.EQUAL().Length == 1 && assignment.augassign() is null
                    && PairedItem(assignment, binding.Name) is { } item => Of(item),
                PythonParser.ParameterContext parameter => OfParameter(parameter),
                _ => PlacementKind.Unknown,
            };
        }
        finally
        {
            _deciding.Remove(binding);
        }
    }

    /// <summary>
    /// The value paired with a name in a tuple assignment of as many plain names as values
    /// (<c>dtype, device = x.dtype, x.device</c>); null for any other shape (a starred item, unpacking one value).
    /// </summary>
    private static IParseTree? PairedItem(PythonParser.Expression_stmtContext assignment, string name)
    {
        var targets = TargetNames.Items(assignment.star_expressions());
        var values = TargetNames.Items(assignment.assigned_value(0));
        if (targets.Count < 2 || targets.Count != values.Count
            || values.Any(v => TargetNames.Unwrap(v) is PythonParser.Star_expressionContext or PythonParser.Star_named_expressionContext))
        {
            return null;
        }
        var index = targets.ToList().FindLastIndex(t => TargetNames.Unwrap(t) is PythonParser.NameAtomContext n && n.GetText() == name);
        return index >= 0 && targets.All(t => TargetNames.Unwrap(t) is PythonParser.NameAtomContext) ? values[index] : null;
    }

    /// <summary>
    /// A parameter annotated with a type whose entry says what its <c>instances</c> are (<c>torch.device</c>,
    /// <c>torch.dtype</c>, <c>torch.Tensor</c>) or <c>str</c>; else what its default is. (Not <see cref="TensorFacts"/>' guess that every input of <c>forward</c> is a tensor.)
    /// </summary>
    private PlacementKind OfParameter(PythonParser.ParameterContext parameter)
    {
        if (parameter.annotation() is { } annotation && SyntaxShapes.AsExpression(annotation.expression()) is { } type)
        {
            return Instances(type) switch
            {
                EntryInstances.Device => PlacementKind.Device,
                EntryInstances.Dtype => PlacementKind.Dtype,
                EntryInstances.Tensor => PlacementKind.Tensor,
                _ => IsBuiltinStr(type) ? PlacementKind.Device : PlacementKind.Unknown,
            };
        }
        if (parameter.expression() is { } defaultValue)
        {
            return Of(defaultValue);
        }
        return PassedToParameter(parameter);
    }

    /// <summary>
    /// A parameter without annotation or default of a function every call of which is in this file, by
    /// name (<c>train(model, device, loader)</c>): what every call passes it, when they agree.
    /// </summary>
    private PlacementKind PassedToParameter(PythonParser.ParameterContext parameter)
    {
        if (parameter.Parent?.Parent is not PythonParser.Function_defContext function || !tensors.CallsAllInFile(function)
            || context.Model.ScopeOpenedBy(function)?.Parent?.Kind != ScopeKind.Module)
        {
            return PlacementKind.Unknown;
        }
        var kinds = Analysis.Training.FunctionCalls.ByName(function, context.Model)
            .Select(call => Analysis.Training.FunctionCalls.Passed(call, function, parameter.name().GetText()) is { } passed ? Of(passed) : PlacementKind.Unknown)
            .Distinct().ToList();
        return kinds is [var only] ? only : PlacementKind.Unknown;
    }

    /// <summary>What the values of a type (or of a class's calls) are, by its entry's <c>instances</c>.</summary>
    private EntryInstances Instances(PythonParser.ExprContext type) =>
        context.Model.QualifiedName(type) is { } name && context.Maps.Find(name) is { Kind: not EntryKind.Namespace } entry
            ? entry.Instances
            : EntryInstances.None;

    private bool IsBuiltinStr(PythonParser.ExprContext type) =>
        TargetNames.Unwrap(type) is PythonParser.NameAtomContext { } name && name.GetText() == "str"
        && SemanticModel.Lookup("str", context.Model.ScopeOf(name)) is null;
}
