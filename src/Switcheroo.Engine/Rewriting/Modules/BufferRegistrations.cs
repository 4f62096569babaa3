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
            context.Plan.Replace(call, $"self.{name} = self.variable(\"buffers\", \"{name}\", lambda: ", TextPart.Of(arguments[1]), ")");
            names.Add(name);
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
