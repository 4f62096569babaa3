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
/// if flag: self.register_buffer("mask", m)      →  kept, SWR3002 (naming the reads that would need the test)
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
        if (ConditionalName(call) is { } name)
        {
            context.Report(DiagnosticCodes.Unsupported, call,
                $"torch.nn.Module.register_buffer is not converted under a condition of the constructor: a Flax variable exists "
                + $"only where setup creates it, so every read of self.{name} (in this class and its subclasses, torch's "
                + "'if self.track_running_stats:' among them) would have to make the same test; register it unconditionally "
                + "(a value computed under a condition chosen inside the value; the checkpoint then always holds it), "
                + "or write one class per value of the condition");
            return;
        }
        context.Report(DiagnosticCodes.Unsupported, call,
            "torch.nn.Module.register_buffer is not converted here: a buffer converts only as a statement "
            + "self.register_buffer(\"name\", value) of a converted module's constructor; "
            + "register it that way (a value computed under a condition can be chosen inside the value)");
    }

    /// <summary>
    /// The buffer's name when the call is a registration statement under an <c>if</c> (or its <c>else</c>)
    /// of a module class's constructor, as torch's <c>_NormBase</c> registers its running statistics
    /// (<c>None</c> when the flag is off); else null.
    /// </summary>
    private static string? ConditionalName(PythonParser.CallExprContext call) =>
        SyntaxShapes.Enclosing<PythonParser.StatementContext>(call) is { } statement
        && BufferFacts.Registration(statement) == call
        && SyntaxShapes.Enclosing<PythonParser.If_stmtContext>(statement) is { } test
        && SyntaxShapes.Enclosing<PythonParser.Function_defContext>(test) is { } init
        && init.Parent is not null && SyntaxShapes.Enclosing<PythonParser.Class_defContext>(init) is { } cls
        && ModuleClasses.Constructor(cls) == init
            ? call.arguments().argument()[0].GetText().Trim('"', '\'')
            : null;
}
