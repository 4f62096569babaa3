using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// <c>self.register_buffer("name", value)</c> in a constructor becomes a Flax variable in the
/// <c>buffers</c> collection, and every <c>self.name</c> of the class reads or writes its
/// <c>.value</c>:
/// <code>
/// self.register_buffer("mask", torch.ones(4))   →  self.mask = self.variable("buffers", "mask", lambda: jnp.ones((4,)))
/// return x * self.mask                          →  return x * self.mask.value
/// </code>
/// A buffer the module assigns outside its constructor is state it updates while it runs (a
/// hand-written BatchNorm's running statistics): it lives in the <c>batch_stats</c> collection, which
/// training applies with <c>mutable=["batch_stats"]</c>, and each update is guarded by
/// <c>self.is_initializing()</c>, so <c>init</c> does not record its example input as the statistics:
/// <code>
/// self.running_mean = m * self.running_mean + (1 - m) * mean
///     →  if not self.is_initializing():
///            self.running_mean.value = m * self.running_mean.value + (1 - m) * mean
/// </code>
/// A buffer registered with <c>persistent=False</c> is not in the state_dict and never trained:
/// it becomes a plain constant attribute (<c>self.name = value</c>). Only calls whose name is a
/// string literal convert; others stay reported as unmapped Module methods.
/// </summary>
internal static class BufferRegistrations
{
    /// <summary>Converts each registration; returns the calls it handled.</summary>
    public static HashSet<PythonParser.CallExprContext> Convert(ModuleClass module, ConversionContext context)
    {
        var handled = new HashSet<PythonParser.CallExprContext>();
        if (module.Init is null)
        {
            return handled;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var updated = UpdatedBuffers(module.Node, module.Init);
        foreach (var statement in module.Init.block().statement())
        {
            if (Registration(statement) is not { } call)
            {
                continue;
            }
            var arguments = call.arguments().argument();
            var name = arguments[0].GetText().Trim('"', '\'');
            handled.Add(call);
            if (IsNonPersistent(arguments))
            {
                // Not saved in a state_dict and never trained: a constant attribute of the module.
                context.Plan.Replace(call, $"self.{name} = ", TextPart.Of(arguments[1]));
                continue;
            }
            var collection = updated.ContainsKey(name) ? "batch_stats" : "buffers";
            context.Plan.Replace(call, $"self.{name} = self.variable(\"{collection}\", \"{name}\", lambda: ", TextPart.Of(arguments[1]), ")");
            names.Add(name);
        }
        foreach (var (name, updates) in updated.Where(u => names.Contains(u.Key)))
        {
            foreach (var update in updates)
            {
                // After every other edit (a with-statement around it may be removed and its body moved left).
                context.Defer(() => GuardUpdate(update, context));
            }
        }
        foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(module.Node))
        {
            if (attribute.expr().GetText() == "self" && names.Contains(attribute.name().GetText())
                && !(attribute.Parent is PythonParser.AttributeExprContext parent && parent.name().GetText() == "value"))
            {
                context.Plan.InsertAfter(attribute, ".value");
            }
        }
        return handled;
    }

    /// <summary>
    /// Assignments <c>self.name = ...</c> (statements of their own) outside <paramref name="init"/>, by
    /// the attribute they assign: for a registered buffer, the updates of a running statistic.
    /// </summary>
    internal static Dictionary<string, List<PythonParser.StatementContext>> UpdatedBuffers(PythonParser.Class_defContext cls, PythonParser.Function_defContext? init)
    {
        var updates = new Dictionary<string, List<PythonParser.StatementContext>>(StringComparer.Ordinal);
        foreach (var assignment in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(cls))
        {
            var target = assignment.EQUAL().Length == 1 ? SyntaxShapes.AtomOf(assignment.star_expressions()) as PythonParser.AttributeExprContext
                : assignment.EQUAL().Length == 0 ? InPlaceTarget(assignment) : null;
            if (target is null || target.expr().GetText() != "self" || (init is not null && SyntaxShapes.Enclosing<PythonParser.Function_defContext>(assignment) == init)
                || SyntaxShapes.Enclosing<PythonParser.StatementContext>(assignment) is not { } statement || statement.simple_stmts()?.simple_stmt().Length != 1)
            {
                continue;
            }
            var name = target.name().GetText();
            if (!updates.TryGetValue(name, out var list))
            {
                updates[name] = list = new List<PythonParser.StatementContext>();
            }
            list.Add(statement);
        }
        return updates;
    }

    /// <summary><c>self.x</c> in a statement <c>self.x.mul_(m).add_(y)</c> (an in-place torch method on it), else null.</summary>
    private static PythonParser.AttributeExprContext? InPlaceTarget(PythonParser.Expression_stmtContext statement)
    {
        var node = SyntaxShapes.AtomOf(statement.star_expressions()) as PythonParser.ExprContext;
        while (node is PythonParser.CallExprContext call && call.expr() is PythonParser.AttributeExprContext method)
        {
            if (method.expr() is PythonParser.AttributeExprContext owner && owner.expr().GetText() == "self")
            {
                return method.name().GetText().EndsWith('_') ? owner : null;
            }
            node = method.expr();
        }
        return null;
    }

    /// <summary>
    /// <c>if not self.is_initializing():</c> before an assigning update, which moves one level in (an
    /// in-place update stays torch code, reported, and is not guarded).
    /// </summary>
    private static void GuardUpdate(PythonParser.StatementContext update, ConversionContext context)
    {
        if (update.simple_stmts()!.simple_stmt(0).expression_stmt()?.EQUAL().Length != 1)
        {
            return;
        }
        var indentation = context.Indentation(update.Start);
        var inner = indentation + "    ";
        context.Plan.InsertBefore(update, $"if not self.is_initializing():{context.Newline()}{inner}");
        context.Relocate(update.Start.TokenIndex, inner);
    }

    /// <summary>Whether the class updates a buffer it registers: its collection is then <c>batch_stats</c>.</summary>
    internal static bool UpdatesBuffers(PythonParser.Class_defContext cls, PythonParser.Function_defContext init)
    {
        var registered = init.block().statement().Select(Registration).OfType<PythonParser.CallExprContext>()
            .Where(call => !IsNonPersistent(call.arguments().argument()))
            .Select(call => call.arguments().argument()[0].GetText().Trim('"', '\''))
            .ToHashSet(StringComparer.Ordinal);
        return registered.Count > 0 && UpdatedBuffers(cls, init).Keys.Any(registered.Contains);
    }

    private static bool IsNonPersistent(PythonParser.ArgumentContext[] arguments) =>
        arguments.Skip(2).Any(a => a.GetText().Replace(" ", string.Empty) is "persistent=False")
        || (arguments.Length > 2 && arguments[2] is PythonParser.PositionalArgumentContext p && p.GetText() == "False");

    /// <summary>A statement that is just <c>self.register_buffer("literal", value)</c> (persistent or not).</summary>
    private static PythonParser.CallExprContext? Registration(PythonParser.StatementContext statement)
    {
        if (statement.simple_stmts()?.simple_stmt() is not [{ } simple]
            || SyntaxShapes.AtomOf(simple) is not PythonParser.CallExprContext call
            || call.expr() is not PythonParser.AttributeExprContext callee
            || callee.expr().GetText() != "self" || callee.name().GetText() != "register_buffer")
        {
            return null;
        }
        var arguments = call.arguments()?.argument();
        return arguments is { Length: >= 2 } && arguments[0] is PythonParser.PositionalArgumentContext first
            && SyntaxShapes.AtomOf(first) is PythonParser.StringAtomContext
            && arguments[1] is PythonParser.PositionalArgumentContext ? call : null;
    }
}
