using System.Globalization;
using System.Text.RegularExpressions;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

// Gradient accumulation: step() and zero_grad() every k batches of an enumerate loop.
internal sealed partial class StepPattern
{
    /// <summary>
    /// <c>loss.backward()</c> directly followed by <c>if (i + 1) % k == 0: optimizer.step(); optimizer.zero_grad()</c>,
    /// in the body of <c>for i, ... in enumerate(...)</c>: torch sums the gradients of k backward passes
    /// and steps on them, which <c>optax.MultiSteps(..., every_k_schedule=k, use_grad_mean=False)</c> does
    /// when called every batch from the first (<see cref="Accumulation"/>). Anything else is reported.
    /// </summary>
    private Accumulation? AccumulationOf(PythonParser.StatementContext stepStatement, PythonParser.StatementContext backwardStatement,
        IReadOnlyList<PythonParser.StatementContext> siblings, PythonParser.StatementContext loop, out string problem)
    {
        const string Shape = "a conditional step() converts as gradient accumulation only as 'for i, ... in enumerate(loader): ... "
            + "loss.backward()' then 'if (i + 1) % k == 0: optimizer.step(); optimizer.zero_grad()'";
        problem = Shape;
        if (stepStatement.Parent is not PythonParser.BlockContext { Parent: PythonParser.If_stmtContext condition } body
            || condition.elif_block().Length > 0 || condition.else_block() is not null
            || SyntaxShapes.Enclosing<PythonParser.StatementContext>(condition) is not { } statement
            || IndexIn(siblings, statement) != IndexIn(siblings, backwardStatement) + 1
            || body.statement().Length != 2 || body.statement(0) != stepStatement || !Calls(body.statement(1), "zero_grad").Any()
            || Every.Match(condition.NamedExpression().GetText()) is not { Success: true } match)
        {
            return null;
        }
        // (i + 1) % k tests the batch count when i counts from 0; i % k when it counts from 1.
        bool plusOne = match.Groups[1].Success;
        string counter = plusOne ? match.Groups[1].Value : match.Groups[2].Value, every = match.Groups[3].Value;
        if (statement.Parent is not PythonParser.BlockContext { Parent: PythonParser.For_stmtContext enumerate }
            || enumerate.target_list().GetText() is var targets && !targets.StartsWith(counter + ",", StringComparison.Ordinal)
            || enumerate.star_expressions() is not { } iterable || SyntaxShapes.AtomOf(iterable) is not PythonParser.CallExprContext call
            || call.expr().GetText() != "enumerate"
            || SyntaxShapes.Arguments(call) is not { Count: >= 1 } arguments || arguments[0] is not PythonParser.PositionalArgumentContext
            || EnumerateStart(arguments.Skip(1).ToList()) != (plusOne ? 0 : 1)
            || SemanticModel.Lookup("enumerate", semantic.ScopeOf(ModelBindings.NameOf(call.expr())!)) is { Count: > 0 })
        {
            problem = $"{Shape} (or 'i % k == 0' with enumerate(loader, 1)): the counter '{counter}' is not the index of the enumerate loop around the if, "
                + "counted so that the test holds on every k-th batch from the first";
            return null;
        }
        var counterName = ParseTrees.Descendants<PythonParser.NameAtomContext>(enumerate.target_list()).First();
        if (SemanticModel.Lookup(counter, semantic.ScopeOf(counterName)) is not { Count: 1 })
        {
            problem = $"{Shape}: '{counter}' is bound elsewhere too, so it may not count the batches";
            return null;
        }
        // Its own counter counts every call from the first: torch's windows are the same when the enumerate loop is the outermost.
        var counted = SyntaxShapes.Enclosing<PythonParser.StatementContext>(enumerate)!;
        return new Accumulation(statement, every, counted, counted != loop);
    }

    /// <summary><c>(i+1)%k==0</c> or <c>i%k==0</c>, whitespace removed: the counter (group 1 with +1, else 2) and k (a name or a positive integer).</summary>
    private static readonly Regex Every = new(@"^(?:\(([A-Za-z_]\w*)\+1\)|([A-Za-z_]\w*))%([A-Za-z_]\w*|[1-9][0-9]*)==0$", RegexOptions.CultureInvariant);

    /// <summary>enumerate's start: 0 without one, an integer literal given by position or as <c>start=</c>; null for anything else.</summary>
    private static int? EnumerateStart(IReadOnlyList<PythonParser.ArgumentContext> rest)
    {
        if (rest.Count == 0)
        {
            return 0;
        }
        var start = rest switch
        {
            [PythonParser.PositionalArgumentContext positional] => positional.GetText(),
            [PythonParser.KeywordArgumentContext keyword] when keyword.name().GetText() == "start" => keyword.expression().GetText(),
            _ => null,
        };
        return int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>
    /// k joins the optimizer's construction (<c>optax.MultiSteps(..., every_k_schedule=k)</c>): an integer, or a name
    /// bound only before the construction in its scope (not through a function that receives the optimizer).
    /// </summary>
    private bool EveryKnownBefore(Accumulation accumulation, PythonParser.CallExprContext construction, bool received, out string problem)
    {
        problem = string.Empty;
        if (int.TryParse(accumulation.Every, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return true;
        }
        var reference = ParseTrees.Descendants<PythonParser.NameAtomContext>(construction).FirstOrDefault();
        var bindings = received || reference is null ? null : SemanticModel.Lookup(accumulation.Every, semantic.ScopeOf(reference));
        if (bindings is null || bindings.Count == 0 || bindings.Any(d => d.Site.Start.TokenIndex >= construction.Start.TokenIndex))
        {
            problem = $"the number of accumulated batches '{accumulation.Every}' is not bound before the optimizer is built, in its scope, so it cannot join it (optax.MultiSteps)";
            return false;
        }
        return true;
    }
}

/// <summary>
/// Gradient accumulation around a step: <see cref="If"/> is <c>if (i + 1) % k == 0:</c>, <see cref="Every"/> k's text,
/// <see cref="Counted"/> the enumerate loop; <see cref="Outer"/> when that loop runs inside another (epochs), where torch
/// restarts its counter and carries a partial window's gradients on, and <c>optax.MultiSteps</c> counts on.
/// </summary>
internal sealed record Accumulation(PythonParser.StatementContext If, string Every, PythonParser.StatementContext Counted, bool Outer);
