using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>state_flag_injection</c>: <c>model.train()</c> / <c>model.eval()</c> switch a torch module's mode
/// in place; a converted module carries the mode as its <c>train</c> field, so the statement
/// rebinds the model to a copy with the field set.
/// <code>
/// model.train()          →  model = model.clone(train=True)
/// model.eval()           →  model = model.clone(train=False)
/// model.train(False)     →  model = model.clone(train=False)
/// </code>
/// Every later call of the model, in straight-line code and loop bodies alike, sees the flag. The
/// model's class must be known: a name every binding of which builds a train-dependent module
/// class of the file. A class without train-dependent layers has no flag, and the switch is
/// removed (info SWR3008). Anything else (unknown class, the call's value used) is reported.
/// </summary>
public sealed class StateFlagInjectionHook : IHook
{
    public string Name => "state_flag_injection";

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var receiver = site.Receiver!;
        var mode = Mode(site, context, out var problem);
        var classes = problem is null ? Training.ModelNames.ClassesOf(receiver, context) : null;
        if (mode is null || classes is null || !InPlaceHook.IsWholeStatement(call))
        {
            context.Report(DiagnosticCodes.TrainModeUndecided, call,
                $".{site.Entry.MemberName}() not converted: {problem ?? (classes is null ? $"the class of '{context.Text(receiver).Trim()}' is not known here" : "its value is used")}");
            return;
        }
        if (!classes.Any(context.TrainState.NeedsTrain))
        {
            context.Report(DiagnosticCodes.TrainModeRemoved, call,
                $".{site.Entry.MemberName}() removed: {string.Join(", ", classes)} has no training-dependent layers");
            RemoveSwitch(call, context);
            return;
        }
        var target = context.Text(receiver).Trim();
        context.Plan.Replace(call, $"{target} = {target}.clone(train={mode})");
    }

    /// <summary>Removes the statement; on a line shared with other statements, it becomes <c>pass</c>.</summary>
    private static void RemoveSwitch(PythonParser.CallExprContext call, ConversionContext context)
    {
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(call)!;
        if (statement.simple_stmts()?.simple_stmt().Length == 1)
        {
            context.RemoveStatement(statement);
        }
        else
        {
            context.Plan.Replace(call, "pass");
        }
    }

    /// <summary>"True" for train() and train(True), "False" for eval() and train(False).</summary>
    private static string? Mode(HookSite site, ConversionContext context, out string? problem)
    {
        problem = null;
        var arguments = CallArguments.Of(site.Call!.arguments());
        if (site.Entry.MemberName == "eval")
        {
            return arguments.Count == 0 ? "False" : null;
        }
        if (arguments.Count == 0)
        {
            return "True";
        }
        var text = arguments.Count == 1 ? context.Text(arguments[0]).Trim() : string.Empty;
        if (text is "True" or "False" or "mode=True" or "mode=False")
        {
            return text.EndsWith("True", StringComparison.Ordinal) ? "True" : "False";
        }
        problem = "the mode is not a literal True or False";
        return null;
    }
}
