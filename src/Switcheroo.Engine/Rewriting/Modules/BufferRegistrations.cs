using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
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
/// string literal convert; the <c>buffer_registration</c> hook reports the others.
/// </summary>
internal static class BufferRegistrations
{
    /// <summary>Converts each registration (the <c>buffer_registration</c> hook reports the other calls).</summary>
    /// <param name="fields">the names of the class's dataclass fields: a buffer of such a name is reported, as setup may not assign a field and a buffer's name is its checkpoint key</param>
    public static void Convert(ModuleClass module, IReadOnlySet<string> fields, ConversionContext context)
    {
        if (module.Init is null)
        {
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var updated = BufferFacts.UpdatedBuffers(module.Node, module.Init);
        foreach (var statement in module.Init.block().statement())
        {
            if (BufferFacts.Registration(statement) is not { } call)
            {
                continue;
            }
            var arguments = call.arguments().argument();
            var name = arguments[0].GetText().Trim('"', '\'');
            if (fields.Contains(name))
            {
                context.Report(Diagnostics.DiagnosticCodes.ModuleNotConverted, call,
                    $"'{name}' is a field of {module.Name} (a constructor argument) and setup may not assign it; a buffer's name is "
                    + "its checkpoint key, so it is not renamed: rename the argument or the buffer in the torch code");
                continue;
            }
            if (BufferFacts.IsNonPersistent(arguments))
            {
                // Not saved in a state_dict and never trained: a constant attribute of the module.
                context.Plan.Replace(call, PyBlockPrinter.Print(PyAssign.Of(ModuleRewriter.SelfAttribute(name), Py.Source(arguments[1]))));
                continue;
            }
            var collection = updated.ContainsKey(name) ? "batch_stats" : "buffers";
            var variable = Py.CallOf(ModuleRewriter.SelfAttribute("variable"),
                PyLiteral.String(collection), PyLiteral.String(name), new PyLambda([], Py.Source(arguments[1])));
            context.Plan.Replace(call, PyBlockPrinter.Print(PyAssign.Of(ModuleRewriter.SelfAttribute(name), variable)));
            names.Add(name);
        }
        foreach (var (name, updates) in updated.Where(u => names.Contains(u.Key)))
        {
            // An assigning update is guarded (an in-place update stays torch code, reported, and is not).
            foreach (var update in updates.Where(u => (u.simple_stmt(0) as PythonParser.Expression_stmtContext)?.EQUAL().Length == 1))
            {
                context.Edits.GuardStatement(update, "not self.is_initializing()");
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
    }
}
