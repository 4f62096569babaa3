using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>parameter</c>: a trainable tensor assigned to a module attribute becomes a Flax parameter
/// whose initializer computes the same value.
/// <code>
/// self.scale = nn.Parameter(torch.ones(d))   →   self.scale = self.param("scale", lambda key: jnp.ones((d,)))
/// </code>
/// The parameter keeps the attribute's name, so checkpoints map one to one. Caveats: only
/// <c>self.NAME = nn.Parameter(...)</c> converts; <c>requires_grad=False</c> (a constant, not a
/// parameter) and any other use are reported.
/// </summary>
public sealed class ParameterHook : IHook
{
    public string Name => "parameter";

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call;
        var attribute = call is null ? null : AssignedAttribute(call);
        var arguments = CallArguments.Bind(call?.arguments(), site.Entry.Parameters, out var problem);
        if (call is null || attribute is null || arguments is null || arguments.Count == 0)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, site.Reference,
                $"{site.Entry.Torch} converts only as 'self.name = nn.Parameter(value)'{(problem is null ? "" : ": " + problem)}; kept as is");
            return;
        }
        if (arguments.FirstOrDefault(a => a.Parameter == "requires_grad") is { } grad && context.Text(grad.Value).Trim() != "True")
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, "a parameter with requires_grad=False is a constant: keep it as a plain attribute or a variable; kept as is");
            return;
        }
        var data = arguments.First(a => a.Parameter == "data");
        var name = attribute.name().GetText();
        context.Plan.Replace(call, $"self.param(\"{name}\", lambda key: ", TextPart.Of(data.Value), ")");
        context.RandomKeys.AddInitializer(data.Value);
        context.MarkConverted(site.Reference);
    }

    /// <summary>The <c>self.NAME</c> that the call is assigned to, when the statement is exactly that assignment.</summary>
    private static PythonParser.AttributeExprContext? AssignedAttribute(PythonParser.CallExprContext call)
    {
        Antlr4.Runtime.RuleContext node = call;
        while (node.Parent is { ChildCount: 1 } parent && parent is not PythonParser.Assigned_valueContext)
        {
            node = parent;
        }
        if (node.Parent is not PythonParser.Assigned_valueContext value || value.Parent is not PythonParser.Expression_stmtContext statement
            || statement.EQUAL().Length != 1)
        {
            return null;
        }
        return SyntaxShapes.AtomOf(statement.star_expressions()) is PythonParser.AttributeExprContext { } attribute
            && attribute.expr().GetText() == "self" ? attribute : null;
    }
}
