using Switcheroo.Engine.Analysis.Training;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Training;

/// <summary>
/// The state a training function lifted to its callers takes and returns (<see cref="StepCaller"/>): what the
/// one-model step (<see cref="StepWriter"/>) and the alternating step (<see cref="GanWriter"/>) write alike.
/// <paramref name="passed"/> is the state in order, the key last.
/// </summary>
internal sealed class CallerState(ConversionContext context, StepCaller caller, IReadOnlyList<string> passed)
{
    private string FunctionName => caller.Function.name().GetText();

    /// <summary>The function's indentation (its first statement's).</summary>
    public string FunctionIndentation => context.Edits.Indentation(caller.Function.block().statement().First().Start);

    /// <summary><c>return params, ..., key</c>.</summary>
    public PyReturn Return => new(passed.Select(Py.Named).ToList());

    /// <summary>The function takes the state after its last parameter.</summary>
    public void AddParameters() => AddParameters(context, caller.Function, passed);

    /// <summary>The state is returned after the function's last line, when the step's lines do not end it (they return it themselves).</summary>
    public void ReturnAfterLastLine(Func<IReadOnlyList<PyStatement>, string, TextPart[]> lines)
    {
        var last = ParseTrees.Descendants<PythonParser.Simple_stmtContext>(caller.Function.block()).Last();
        var indentation = FunctionIndentation;
        context.Plan.InsertAfter(last, [context.Edits.Newline() + indentation, .. lines([Return], indentation)]);
    }

    /// <summary>
    /// Every call passes the state and takes it back; the callers start it at None before their first call
    /// (the first batch creates it), and the key from their <c>torch.manual_seed</c>, else from a new
    /// <c>PRNGKey(0)</c>, reported.
    /// </summary>
    /// <param name="key">the key's name where the callers seed no generator</param>
    /// <param name="prngKey">the reference to <c>jax.random.PRNGKey</c></param>
    public void ThreadThroughCalls(string key, Py prngKey)
    {
        var seed = context.Facts.RandomSources.SeedIn(caller.Scope, caller.First.Start.TokenIndex);
        key = seed ?? key;
        var values = passed.Take(passed.Count - 1).Append(key).ToList();
        foreach (var call in caller.Calls)
        {
            context.Plan.InsertBefore(call, string.Join(", ", values) + " = ");
            AddArguments(context, call, passed, values);
        }
        var first = SyntaxShapes.Enclosing<PythonParser.StatementContext>(caller.First)!;
        var start = new List<PyStatement>();
        if (seed is null)
        {
            start.Add(PyAssign.Of(Py.Named(key), Py.CallOf(prngKey, PyLiteral.Int(0))));
            context.Report(DiagnosticCodes.TrainingKeyCreated, caller.First,
                $"no torch.manual_seed(...) before this call: {FunctionName}() draws its keys from {key} = jax.random.PRNGKey(0)");
        }
        var created = passed.Take(passed.Count - 1).ToList();
        start.Add(new PyAssign(created.Select(Py.Named).ToList(), created.Select(_ => (Py)new PyLiteral("None")).ToList())
            with { Comment = $"# created from the first batch in {FunctionName}(): Flax infers the shapes of the variables from an input" });
        context.Edits.InsertStatementsBefore(StepPattern.OutermostLoop(first) ?? first, start);
    }

    /// <summary>New parameters after a function's last one.</summary>
    public static void AddParameters(ConversionContext context, PythonParser.Function_defContext function, IReadOnlyList<string> names) =>
        context.Plan.InsertAfter(function.parameters()!.parameter()[^1], ", " + string.Join(", ", names));

    /// <summary>New arguments after a call's last one: positional, or by keyword where the call passes keywords (<c>params=params</c>).</summary>
    public static void AddArguments(ConversionContext context, PythonParser.CallExprContext call, IReadOnlyList<string> parameters, IReadOnlyList<string> values)
    {
        var arguments = SyntaxShapes.Arguments(call);
        bool keywords = arguments.Any(a => a is PythonParser.KeywordArgumentContext);
        context.Plan.InsertAfter(arguments[^1], ", " + string.Join(", ", parameters.Zip(values, (p, v) => keywords ? $"{p}={v}" : v)));
    }
}
