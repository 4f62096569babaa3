using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// A torch layer class used as a value, not called, becomes its map entry's <c>value</c> form: a
/// function with the class's constructor signature that builds what the converted call builds, so
/// a later call of the value (<c>norm_layer(planes)</c>), wherever it is, gives the Flax layer with
/// torch's arguments.
/// <code>
/// if norm_layer is None:                        if norm_layer is None:
///     norm_layer = nn.BatchNorm2d                   norm_layer = switcheroo_runtime.batch_norm_layer(self.train)
/// act = partial(nn.LayerNorm, eps=1e-6)         act = partial(switcheroo_runtime.layer_norm_layer, eps=1e-6)
/// </code>
/// A form that follows the train flag (<c>{@train}</c>) takes the flag of the module (or layer
/// helper) where the class is named. Elsewhere (a model builder's <c>norm_layer=nn.BatchNorm2d</c>)
/// the entry's <c>unbound_value</c> is written, a Linen class with torch's constructor arguments and a
/// <c>train</c> field, which the module that builds it gives through <c>with_train</c> or which follows
/// the module around it (<c>partial(nn.BatchNorm2d, eps=1e-3)</c> →
/// <c>partial(switcheroo_runtime.TorchBatchNorm, eps=1e-3)</c>), and so is a parameter's default
/// (<c>def __init__(self, c, norm_layer=nn.BatchNorm2d)</c>: a field's default, in the class body);
/// without one the use is reported. In an annotation the class is a type:
/// it becomes the entry's <c>annotation</c> (<c>-&gt; nn.Sequential</c> → <c>-&gt; flax.linen.Module</c>; <c>device: torch.device</c> →
/// <c>device: str</c>, a builtin written bare; an item of a <c>typing</c> form in a type alias the same), or is
/// left to the entry's hook. Caveat: a layer class in an <c>isinstance</c>/<c>issubclass</c> test, or compared with <c>type(m)</c>, is reported
/// and kept, with what to write instead: no Flax class tells a converted Conv from any other module. A class deriving
/// from a torch layer converts when the layer's entry names a <c>base</c> (<see cref="Modules.LayerSubclass"/>); from
/// another (<c>class Layer(nn.Linear)</c>) it is reported (SWR3006) and kept whole, its body verbatim.
/// </summary>
internal static class LayerClassValues
{
    /// <summary>Converts or reports the class used as a value; false when this is not such a use (the caller goes on).</summary>
    public static bool TryConvert(MapEntry entry, PythonParser.ExprContext reference, ConversionContext context)
    {
        if (InAnnotation(reference, context.Model))
        {
            return TryConvertAnnotation(entry, reference, context);
        }
        if (ClassDerivingFrom(reference) is { } derived && entry.Instances == EntryInstances.Module && !context.Maps.IsModuleBase(entry.Torch))
        {
            if (entry.Base is not null && Analysis.LayerBases.Of(derived, context.Model, context.Maps)?.Reference == reference)
            {
                Modules.LayerSubclass.Convert(derived, reference, entry, context);
                return true;
            }
            context.Report(DiagnosticCodes.ModuleNotConverted, reference,
                $"class {derived.name().GetText()} derives from {entry.Torch}, and a Flax layer is no base for it (its fields, its variables and its __call__ are not torch's); its body stays torch code");
            context.Edits.KeepVerbatim(derived);
            return true;
        }
        if (IsTypeTest(reference) || IsTypeComparison(reference))
        {
            if (entry.Instances != EntryInstances.Module || context.Maps.IsModuleBase(entry.Torch))
            {
                return false;
            }
            context.Report(DiagnosticCodes.ArgumentsNotMapped, reference,
                $"{entry.Torch} in {(IsTypeComparison(reference) ? "a comparison with type(...)" : "an isinstance/issubclass test")} is not converted: the layer it converts to is a Flax module (a flax.linen layer, "
                + "or one inside a switcheroo_runtime wrapper) that no class test tells from other layers; an initialisation loop over the "
                + "modules converts whole when its branches only initialise (docs/maps.md, \"Initialisation\"); elsewhere test something "
                + "the code sets itself (an attribute of the module, its own converted class); kept as is");
            return true;
        }
        if (entry.AsValue is not { } form)
        {
            return false;
        }
        if (entry.AsUnboundValue is { } unbound && (InParameterDefault(reference) || context.TrainFlag(reference) is null))
        {
            context.Plan.Replace(reference, context.Targets.Reference(unbound));
            context.MarkConverted(reference);
            return true;
        }
        var parts = new TemplateExpander(entry, new Dictionary<string, TextPart[]>(StringComparer.Ordinal), context, reference).Expand(form, out var problem);
        if (parts is null)
        {
            var why = form.Contains("{@train}", StringComparison.Ordinal)
                ? "the layers it builds follow a module's train flag, and no converted nn.Module (or function only its constructor calls) is around it here; "
                    + "name the class in the constructor of the module that builds them (e.g. a norm_layer=None argument, then norm_layer = the class there)"
                : problem;
            context.Report(DiagnosticCodes.ArgumentsNotMapped, reference, $"{entry.Torch} used as a value is not converted: {why}; kept as is");
            return true;
        }
        context.Plan.Replace(reference, parts.ToArray());
        context.MarkConverted(reference);
        return true;
    }

    /// <summary>
    /// In an annotation, the entry's <c>annotation</c> form, even where the entry is otherwise unsupported
    /// (<c>dtype: torch.dtype</c> → <c>dtype: jnp.dtype</c>, while <c>isinstance(x, torch.dtype)</c> is reported:
    /// <c>jnp.float32</c> is a scalar type, no <c>jnp.dtype</c> instance); false where the reference is no
    /// annotation or the entry has no such form.
    /// </summary>
    public static bool TryConvertAnnotation(MapEntry entry, PythonParser.ExprContext reference, ConversionContext context)
    {
        if (entry.AsAnnotation is not { } type || !InAnnotation(reference, context.Model))
        {
            return false;
        }
        context.Plan.Replace(reference, TextChecks.BuiltinTypes.Contains(type) ? type : context.Targets.Reference(type));
        context.MarkConverted(reference);
        return true;
    }

    /// <summary>The class whose bases name the class (<c>class Layer(nn.Linear):</c>), or null.</summary>
    internal static PythonParser.Class_defContext? ClassDerivingFrom(ParserRuleContext reference) =>
        SyntaxShapes.Enclosing<PythonParser.Class_defContext>(reference) is { } cls && cls.arguments() is { } bases
            && bases.Start.TokenIndex <= reference.Start.TokenIndex && reference.Stop.TokenIndex <= bases.Stop.TokenIndex
            ? cls
            : null;

    /// <summary>Inside the arguments of <c>isinstance(...)</c> or <c>issubclass(...)</c>.</summary>
    private static bool IsTypeTest(ParserRuleContext reference)
    {
        for (var call = SyntaxShapes.Enclosing<PythonParser.CallExprContext>(reference); call is not null; call = SyntaxShapes.Enclosing<PythonParser.CallExprContext>(call.Parent))
        {
            if (call.expr().GetText() is "isinstance" or "issubclass")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// An operand of a comparison with <c>type(...)</c> (<c>type(m) is nn.ReLU</c>, <c>type(m) == nn.Conv2d</c>): the
    /// class of a Flax layer is no more torch's than in an <c>isinstance</c> test (an activation is a function, a
    /// convolution a wrapper around <c>flax.linen.Conv</c>).
    /// </summary>
    private static bool IsTypeComparison(ParserRuleContext reference) =>
        reference.Parent is PythonParser.ComparisonContext comparison && comparison.comp_op().Length > 0
        && comparison.expr().Any(operand => operand is PythonParser.CallExprContext call && call.expr().GetText() == "type");

    /// <summary>
    /// In a parameter's default (<c>def __init__(self, c, norm_layer=nn.BatchNorm2d)</c>), evaluated where the
    /// function is defined: a module's constructor default becomes a field's default, in the class body.
    /// </summary>
    private static bool InParameterDefault(ParserRuleContext reference)
    {
        RuleContext child = reference;
        for (var node = reference.Parent; node is not null; child = node, node = node.Parent)
        {
            switch (node)
            {
                case PythonParser.ParameterContext parameter:
                    return parameter.expression() == child;
                case PythonParser.StatementContext or PythonParser.LambdefContext:
                    return false;
            }
        }
        return false;
    }

    /// <summary>
    /// In a parameter's, a variable's or a return annotation, or an item of a subscripted <c>typing</c> form wherever
    /// it is written (a type alias, <c>_shape_t = Union[int, List[int], Size]</c>): a type there, as in an annotation.
    /// <c>Literal[...]</c> holds values, and <c>Annotated[...]</c> values after its type, so neither counts.
    /// </summary>
    private static bool InAnnotation(ParserRuleContext reference, SemanticModel model)
    {
        RuleContext child = reference;
        for (var node = reference.Parent; node is not null; child = node, node = node.Parent)
        {
            switch (node)
            {
                case PythonParser.AnnotationContext or PythonParser.Star_annotationContext:
                    return true;
                case PythonParser.Function_defContext function:
                    return function.expression() == child;
                case PythonParser.SubscriptExprContext subscript when subscript.expr() != child && IsTypingForm(model.QualifiedName(subscript.expr())):
                    return true;
                case PythonParser.StatementContext:
                    return false;
            }
        }
        return false;
    }

    /// <summary>A name of <c>typing</c> whose subscript lists types (<c>typing.Union</c>, <c>typing.List</c>, ...).</summary>
    private static bool IsTypingForm(string? qualified) =>
        qualified is not null && qualified.StartsWith("typing.", StringComparison.Ordinal) && qualified.Count(c => c == '.') == 1
        && qualified is not ("typing.Literal" or "typing.Annotated");
}
