using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>device_placement</c>: <c>.to(...)</c>, <c>.cuda()</c>, <c>.cpu()</c>. JAX places arrays itself, so
/// a move to a device disappears (an info diagnostic says so); a conversion to a dtype becomes
/// <c>jnp.asarray(x, dtype=...)</c>.
/// <code>
/// x.to(device)            →  x                                  (info SWR3007)
/// x.to(torch.float16)     →  jnp.asarray(x, dtype=jnp.float16)
/// model.cuda()            →  model                              (info SWR3007)
/// </code>
/// A line that only moved its own names (<c>x, y = x.to(device), y.to(device)</c>) goes.
/// Caveat: <c>.to(other_tensor)</c> and <c>.to(device, dtype)</c> with a dtype that is not a torch dtype
/// constant cannot be told apart statically and are reported.
/// </summary>
public sealed class DevicePlacementHook : IHook
{
    public string Name => "device_placement";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var attribute = (Grammar.PythonParser.AttributeExprContext)site.Reference;
        var arguments = CallArguments.Of(call.arguments());
        var dtype = arguments.Select(a => DtypeOf(a, context)).FirstOrDefault(d => d is not null);
        if (dtype is not null)
        {
            // The dtype constant converts through its own entry; this edit embeds it.
            context.Plan.InsertBefore(site.Receiver!, context.Targets.Reference("jax.numpy.asarray") + "(");
            context.Plan.Replace(attribute.DOT().Symbol.TokenIndex, call.RPAR().Symbol.TokenIndex, ", dtype=", TextPart.Of(dtype), ")");
            return;
        }
        if (arguments.Any(a => a is Grammar.PythonParser.KeywordArgumentContext k && k.name().GetText() == "dtype"))
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $".{site.Entry.MemberName}(...) with a dtype that is not a torch dtype constant; kept as is");
            return;
        }
        context.Plan.Discard(attribute.DOT().Symbol.TokenIndex, call.RPAR().Symbol.TokenIndex);
        context.Report(DiagnosticCodes.DevicePlacementRemoved, attribute,
            $".{site.Entry.MemberName}({string.Join(", ", arguments.Select(a => context.Text(a).Trim()))}) removed: JAX places arrays on devices itself");
        if (SelfAssignment(call) is { } statement)
        {
            // x, y = x.to(device), y.to(device) is x, y = x, y once the placements go: the line goes.
            context.Defer(() =>
            {
                if (!context.Plan.IsDiscarded(statement.Start.TokenIndex))
                {
                    context.RemoveStatement(statement);
                }
            });
        }
    }

    /// <summary>
    /// The statement when <paramref name="call"/> is the first of the placements in <c>x, y = x.to(d), y.to(d)</c>
    /// (each value the placement of its own target), else null.
    /// </summary>
    private static Grammar.PythonParser.StatementContext? SelfAssignment(Grammar.PythonParser.CallExprContext call)
    {
        if (SyntaxShapes.Enclosing<Grammar.PythonParser.Expression_stmtContext>(call) is not { } assignment || assignment.EQUAL().Length != 1
            || SyntaxShapes.Enclosing<Grammar.PythonParser.StatementContext>(assignment) is not { } statement || statement.simple_stmts()?.simple_stmt().Length != 1)
        {
            return null;
        }
        var targets = Binding.TargetNames.Items(assignment.star_expressions());
        var values = Binding.TargetNames.Items(assignment.assigned_value(0));
        if (targets.Count == 0 || targets.Count != values.Count || SyntaxShapes.AtomOf(values[0]) != call)
        {
            return null;
        }
        for (int i = 0; i < targets.Count; i++)
        {
            if (SyntaxShapes.AtomOf(values[i]) is not Grammar.PythonParser.CallExprContext placement
                || placement.expr() is not Grammar.PythonParser.AttributeExprContext { } member
                || member.name().GetText() is not ("to" or "cuda" or "cpu")
                || member.expr().GetText() != targets[i].GetText() || Training.ModelNames.NameOf(targets[i]) is null)
            {
                return null;
            }
        }
        return statement;
    }

    /// <summary>The argument's value when it is a torch dtype constant with a jnp target (<c>torch.float16</c>), else null.</summary>
    private static Grammar.PythonParser.ExprContext? DtypeOf(Grammar.PythonParser.ArgumentContext argument, ConversionContext context)
    {
        var value = argument switch
        {
            Grammar.PythonParser.PositionalArgumentContext p => TensorFacts.AsExpression(p.named_expression()),
            Grammar.PythonParser.KeywordArgumentContext k when k.name().GetText() == "dtype" => TensorFacts.AsExpression(k.expression()),
            _ => null,
        };
        var name = value is null ? null : context.Model.QualifiedName(value);
        return name is not null && context.Maps.Find(name) is { Kind: EntryKind.Constant, Target: not null } entry
            && entry.Target.StartsWith("jax.numpy.", StringComparison.Ordinal) ? value : null;
    }
}
