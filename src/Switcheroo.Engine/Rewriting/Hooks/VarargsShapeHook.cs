using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>varargs_shape</c>: a tensor method taking its shape or axes as separate arguments, converted
/// to the jnp function named by the <c>target</c> option, which takes one tuple.
/// <code>
/// x.view(2, -1)       →  jnp.reshape(x, (2, -1))
/// x.view(-1)          →  jnp.reshape(x, (-1,))
/// x.view(shape)       →  jnp.reshape(x, shape)      # one non-literal argument is already a shape
/// x.permute(0, 2, 1)  →  jnp.transpose(x, (0, 2, 1))
/// </code>
/// Caveat: <c>x.view(torch.float16)</c> (a dtype view) is a different operation and is reported.
/// </summary>
public sealed class VarargsShapeHook : IHook
{
    public string Name => "varargs_shape";

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var arguments = CallArguments.Of(call.arguments());
        var target = site.Entry.Options.GetValueOrDefault("target");
        if (target is null || arguments.Count == 0 || arguments.Any(a => a is not Grammar.PythonParser.PositionalArgumentContext))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $".{site.Entry.MemberName}(...) not converted: expected positional sizes");
            return;
        }
        if (arguments.Count == 1 && context.Model.QualifiedName(TensorFacts.AsExpression(arguments[0])!) is { } name && TorchNames.IsTorch(name))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $".{site.Entry.MemberName}({name}) is not a shape; kept as is");
            return;
        }
        bool single = arguments.Count == 1;
        bool literal = single && int.TryParse(context.Text(arguments[0]).Trim().TrimStart('-'), out _);
        var (open, close) = single && !literal ? ("", "") : ("(", literal ? ",)" : ")");
        var receiver = site.Receiver!;
        var attribute = (Grammar.PythonParser.AttributeExprContext)site.Reference;
        context.Plan.InsertBefore(receiver, context.Targets.Reference(target) + "(");
        context.Plan.Replace(attribute.DOT().Symbol.TokenIndex, call.LPAR().Symbol.TokenIndex, ", " + open);
        context.Plan.Replace(call.RPAR().Symbol, close + ")");
    }
}
