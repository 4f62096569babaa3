using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>buffer_registration</c>: <c>self.register_buffer("name", value)</c>, a statement of the
/// constructor of a converted module class, is written by the class's conversion (a Flax variable,
/// <c>Rewriting/Modules/BufferRegistrations</c>); the hook leaves those alone and reports every other
/// call (a computed name, under a condition, outside the constructor, on another model), which that
/// conversion cannot express.
/// <code>
/// self.register_buffer("mask", torch.ones(4))   →  (converted with the class)
/// if flag: self.register_buffer("mask", m)      →  kept, SWR3002
/// </code>
/// </summary>
public sealed class BufferRegistrationHook : IHook
{
    public string Name => "buffer_registration";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        if (SyntaxShapes.Enclosing<PythonParser.StatementContext>(call) is { } statement
            && BufferFacts.Registration(statement) == call
            && context.Facts.ModuleClasses.Around(call) is { } cls
            && ModuleClasses.Constructor(cls) is { } init
            && statement.Parent == init.block())
        {
            return;
        }
        context.Report(DiagnosticCodes.Unsupported, call,
            "torch.nn.Module.register_buffer is not converted here: a buffer converts only as a statement "
            + "self.register_buffer(\"name\", value) of a converted module's constructor; "
            + "register it that way (a value computed under a condition can be chosen inside the value)");
    }
}
