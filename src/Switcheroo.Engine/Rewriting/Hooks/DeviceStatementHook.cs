using Switcheroo.Engine.Binding;
using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>device_statement</c>: device and backend settings (<c>torch.cuda</c>, <c>torch.accelerator</c>,
/// <c>torch.backends</c>) have nothing to set in JAX, which places computations and picks its kernels
/// itself. A statement that only makes such a call or sets such a flag goes, with an info note (SWR3007):
/// <code>
/// torch.backends.cudnn.benchmark = True   →  (removed)
/// torch.cuda.manual_seed_all(seed)        →  (removed)
/// </code>
/// Caveat: a value read from these APIs (<c>torch.cuda.device_count()</c> in an expression) has no
/// exact JAX counterpart and is reported (SWR3002), kept as it is.
/// </summary>
public sealed class DeviceStatementHook : IHook
{
    public string Name => "device_statement";

    public void Apply(HookSite site, ConversionContext context)
    {
        var node = (ParserRuleContext?)site.Call ?? site.Reference;
        var name = context.Model.QualifiedName(site.Reference) ?? site.Entry.Torch;
        if (StatementOf(node) is { } statement)
        {
            context.Edits.RemoveStatement(statement);
            context.Report(DiagnosticCodes.DevicePlacementRemoved, statement,
                $"{name}{(site.Call is null ? " = ..." : "(...)")} removed: JAX places computations and picks its kernels itself");
            return;
        }
        if (site.Call is { } call)
        {
            context.Edits.KeepVerbatim(call);
        }
        context.Report(DiagnosticCodes.Unsupported, site.Reference,
            $"{name} is not converted: JAX places computations itself, and this value has no exact counterpart; use jax.devices() or jax.default_backend()");
    }

    /// <summary>The statement when it is only this call (<c>torch.cuda.empty_cache()</c>) or only sets this flag (<c>... = True</c>).</summary>
    internal static PythonParser.StatementContext? StatementOf(ParserRuleContext node)
    {
        if (SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(node) is not { } expression
            || expression.augassign() is not null || expression.annotation() is not null || expression.EQUAL().Length > 1
            || SyntaxShapes.AtomOf(expression.star_expressions()) != node
            || SyntaxShapes.Enclosing<PythonParser.StatementContext>(expression) is not { } statement
            || statement.simple_stmt().Length != 1)
        {
            return null;
        }
        return statement;
    }
}
