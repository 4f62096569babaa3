using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>tensor_size</c>: torch's <c>size()</c> is a method, JAX's shape is an attribute.
/// <code>
/// x.size()      →  x.shape
/// x.size(1)     →  x.shape[1]
/// x.size(dim=d) →  x.shape[d]
/// </code>
/// Caveat: <c>torch.Size</c> is a tuple subclass and so is <c>shape</c>, so both read the same.
/// </summary>
public sealed class TensorSizeHook : IHook
{
    public string Name => "tensor_size";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var arguments = CallArguments.Bind(call.arguments(), site.Entry.Parameters.Skip(1).ToList(), out var problem);
        if (arguments is null || arguments.Count > 1)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"size(...) not converted: {problem ?? "more than one argument"}");
            return;
        }
        var attribute = (Grammar.PythonParser.AttributeExprContext)site.Reference;
        var shape = new PyAttribute(Py.Source(attribute.expr()), "shape");
        context.Edits.ReplaceKeepingComments(call, PyPrinter.Print(arguments.Count == 1 ? new PySubscript(shape, Py.Source(arguments[0].Value)) : shape));
    }
}
