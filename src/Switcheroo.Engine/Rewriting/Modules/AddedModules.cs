using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// <c>self.add_module(name, layer)</c> (or <c>register_module</c>) as a statement of a converted module's
/// constructor: torch registers the layer under the name, which its state_dict keys follow, and Flax
/// names a submodule after the attribute <c>setup</c> assigns it to, computed names included, so the
/// call becomes Python's <c>setattr</c>, which Linen's <c>__setattr__</c> serves as any assignment:
/// <code>
/// for i in range(depth):                                 for i in range(depth):
///     self.add_module(f"conv{i}", nn.Conv2d(c, c, 3))        setattr(self, f"conv{i}", ChannelsFirst(Conv(...)))
/// </code>
/// A container subclass that names its layers keeps their order too (<see cref="NamedLayerWriter"/>, whose
/// calls are rewritten already). Caveat: anywhere else (another method, a nested function, inside an
/// expression) the call stays torch's method, reported by the map's <c>unsupported</c> (SWR3002).
/// </summary>
internal static class AddedModules
{
    public static void Convert(ModuleClass module, ConversionContext context)
    {
        if (module.Init is not { } init)
        {
            return;
        }
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(init.block()))
        {
            if (!Analysis.NamedLayers.IsRegistration(call) || context.Edits.IsRewrittenCall(call) || SyntaxShapes.Enclosing<PythonParser.Function_defContext>(call) != init
                || SyntaxShapes.Enclosing<PythonParser.Simple_stmtContext>(call) is not { } statement || SyntaxShapes.AtomOf(statement) != call
                || CallArguments.Of(call.arguments()) is not [PythonParser.PositionalArgumentContext name, PythonParser.PositionalArgumentContext layer])
            {
                continue;
            }
            context.Plan.Replace(statement, PyBlockPrinter.Print(new PyExpressionStatement(
                Py.CallOf(Py.Named("setattr"), Py.Named("self"), Py.SoleArgument(name), Py.SoleArgument(layer)))));
            context.Edits.RewroteCall(call);
        }
    }
}
