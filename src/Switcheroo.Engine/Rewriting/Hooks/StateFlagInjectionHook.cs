using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Syntax;
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
    public const string HookName = "state_flag_injection";

    public string Name => HookName;

    public bool NeedsCall => true;

    /// <summary>Option <c>sets</c>: <c>eval</c> for a method that switches to evaluation and takes no
    /// argument (<c>eval()</c>), <c>train</c> for one whose <c>mode</c> argument, True by default, says
    /// which (<c>train(mode)</c>).</summary>
    public IReadOnlyList<HookOption> Options { get; } = [new("sets", OptionType.Choice, Required: true) { Choices = ["train", "eval"] }];

    /// <summary>Whether an entry of this hook switches to evaluation (its option <c>sets: eval</c>).</summary>
    public static bool SetsEval(MapEntry entry) => entry.Options.GetValueOrDefault("sets") == "eval";

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var receiver = site.Receiver!;
        if (IsAnotherMethod(site, context))
        {
            return;
        }
        var mode = Mode(site, context, out var problem);
        var classes = problem is null ? Training.ModelNames.ClassesOf(receiver, context) : null;
        if (mode is null || classes is null || !InPlaceHook.IsWholeStatement(call))
        {
            context.Report(DiagnosticCodes.TrainModeUndecided, call,
                $".{site.Entry.MemberName}() not converted: {problem ?? (classes is null ? $"the class of '{context.Text(receiver).Trim()}' is not known here" : "its value is used")}");
            return;
        }
        if (!classes.Any(context.Facts.TrainState.NeedsTrain))
        {
            context.Report(DiagnosticCodes.TrainModeRemoved, call,
                $".{site.Entry.MemberName}() removed: {string.Join(", ", classes)} has no training-dependent layers");
            RemoveSwitch(call, context);
            return;
        }
        var clone = new PyCall(new PyAttribute(Py.Source(receiver), "clone"), [], [new PyKeyword("train", new PyLiteral(mode))]);
        context.Plan.Replace(call, PyBlockPrinter.Print(PyAssign.Of(Py.Source(receiver), clone)));
    }

    /// <summary>Removes the statement; on a line shared with other statements, it becomes <c>pass</c>.</summary>
    private static void RemoveSwitch(PythonParser.CallExprContext call, ConversionContext context)
    {
        var statement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(call)!;
        if (statement.simple_stmt().Length == 1)
        {
            context.Edits.RemoveStatement(statement);
        }
        else
        {
            context.Plan.Replace(call, PyBlockPrinter.Print(new PyPass()));
        }
    }

    /// <summary>
    /// A method that only shares the name: called with what torch's <c>train(mode: bool)</c> /
    /// <c>eval()</c> never take (several arguments, a keyword other than <c>mode</c>, a number or a
    /// string), or on an instance of a class this file defines that is not a <c>torch.nn.Module</c>
    /// (<c>trainer = Trainer(); trainer.train(loader)</c>). Left alone, with nothing to report.
    /// </summary>
    private static bool IsAnotherMethod(HookSite site, ConversionContext context)
    {
        var arguments = CallArguments.Of(site.Call!.arguments());
        bool torchShape = arguments.Count == 0 || (arguments.Count == 1 && !SetsEval(site.Entry) && TorchModeArgument(context.Text(arguments[0]).Trim()));
        if (!torchShape)
        {
            return true;
        }
        var constructed = Training.ModelNames.ConstructedClasses(site.Receiver!, context);
        return constructed is { Count: > 0 } && constructed.All(c => !context.Facts.TrainState.IsModule(c) && DefinedHere(c, context));
    }

    /// <summary>Whether an argument could be torch's <c>mode</c>: anything but a number or string literal, positional or <c>mode=</c>.</summary>
    private static bool TorchModeArgument(string text)
    {
        var value = text.StartsWith("mode=", StringComparison.Ordinal) ? text["mode=".Length..].Trim() : text;
        return !value.Contains('=', StringComparison.Ordinal) && value.Length > 0
            && !char.IsDigit(value[0]) && value[0] is not ('"' or '\'' or '-' or '.');
    }

    /// <summary>Whether a name is a class defined at the top of this file.</summary>
    private static bool DefinedHere(string name, ConversionContext context) =>
        context.Model.Module.Bindings.TryGetValue(name, out var bindings) && bindings.All(b => b.Site is PythonParser.Class_defContext);

    /// <summary>"True" for train() and train(True), "False" for eval() and train(False).</summary>
    private static string? Mode(HookSite site, ConversionContext context, out string? problem)
    {
        problem = null;
        var arguments = CallArguments.Of(site.Call!.arguments());
        if (SetsEval(site.Entry))
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
