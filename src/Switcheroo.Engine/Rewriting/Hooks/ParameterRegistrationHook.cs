using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>parameter_registration</c>: <c>self.register_parameter("NAME", None)</c>, a statement of the
/// constructor of a converted module class, declares that the module has no parameter NAME (torch's
/// layers write it for <c>bias=False</c>): the attribute is None, as a Flax module without that
/// parameter holds it, under the attribute the class's conversion gives NAME (<c>bias_</c> beside a
/// field <c>bias</c>).
/// <code>
/// if bias:                                              if bias:
///     self.bias = nn.Parameter(torch.empty(n))              self.bias_ = self.param("bias", ...)
/// else:                                                 else:
///     self.register_parameter("bias", None)                 self.bias_ = None
/// </code>
/// Every other call (a tensor registered, a computed name, outside the constructor) is reported:
/// Flax declares parameters with <c>self.param</c>.
/// </summary>
public sealed class ParameterRegistrationHook : IHook
{
    public string Name => "parameter_registration";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        if (Absent(site, context) is { } attribute)
        {
            context.Plan.Replace(call, $"self.{attribute} = None");
            context.MarkConverted(site.Reference);
            return;
        }
        context.Report(DiagnosticCodes.Unsupported, call,
            $"{site.Entry.Torch} is not converted: Flax declares parameters in setup with self.param(name, init_fn, shape); "
            + "it converts only as the statement self.register_parameter(\"NAME\", None) of a converted module's constructor (no parameter NAME); "
            + "use self.NAME = nn.Parameter(value) in the constructor, which converts to self.param; kept as is");
    }

    /// <summary>The attribute that holds None for <c>self.register_parameter("NAME", None)</c> (<see cref="ParameterRegistrationHook"/>), or null.</summary>
    private static string? Absent(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        if (site.Receiver?.GetText() != "self" || !SyntaxShapes.IsWholeStatement(call)
            || SyntaxShapes.Arguments(call) is not [PythonParser.PositionalArgumentContext first, PythonParser.PositionalArgumentContext second]
            || SyntaxShapes.AtomOf(second) is not PythonParser.ConstantAtomContext none || none.GetText() != "None"
            || SyntaxShapes.AtomOf(first) is not PythonParser.StringAtomContext literal
            || Mapping.PythonText.QuotedIdentifier(literal.GetText()) is not { } name
            || context.Facts.ModuleClasses.Around(call) is not { } cls
            || ModuleClasses.Constructor(cls) is not { } constructor
            || SyntaxShapes.Enclosing<PythonParser.Function_defContext>(call) != constructor)
        {
            return null;
        }
        var fields = TransformedFields.FieldsOf(cls);
        var attribute = TransformedFields.RenamesOf(cls, fields, context.Model, context.Maps, context.Tree.Tokens).GetValueOrDefault(name, name);
        // a field of the same name that keeps it cannot be assigned in setup
        return fields.Contains(attribute) ? null : attribute;
    }
}
