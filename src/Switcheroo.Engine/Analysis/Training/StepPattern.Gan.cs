using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

// Two models, two optimizers, one loop: the alternating step of a GAN (GanStep).
internal sealed partial class StepPattern
{
    /// <summary>
    /// The alternating step around an <c>optimizer.step()</c> whose loop steps exactly two optimizers
    /// and calls <c>backward()</c> twice (<see cref="GanStep"/>). Null with an empty problem when the
    /// loop is not of that kind (the single step's pattern decides), with the reason when it is but
    /// not in the shape that converts.
    /// </summary>
    public GanStep? RecognizeGan(PythonParser.CallExprContext step, out string? problem)
    {
        problem = null;
        var loop = OutermostLoop(step);
        if (loop is null)
        {
            return null;
        }
        var steps = Calls(loop, "step").Where(c => IsOptimizer(facts, maps, ((PythonParser.AttributeExprContext)c.expr()).expr())).ToList();
        var backwards = Calls(loop, "backward").ToList();
        if (steps.Count != 2 || Calls(loop, "step").Any(c => IsScaler(facts, maps, ((PythonParser.AttributeExprContext)c.expr()).expr())))
        {
            return null;
        }
        if (backwards.Count < 2)
        {
            problem = $"two optimizers step in this loop, with {backwards.Count} backward() call: the alternating step that converts has a loss and backward() per optimizer";
            return null;
        }
        problem = "two optimizers step in this loop, but not as the alternating step that converts (zero_grad(), the loss as plain assignments, "
            + "backward(), step(), for one model then the other, consecutive in one block)";
        var block = Siblings(SyntaxShapes.Enclosing<PythonParser.StatementContext>(steps[0])!);
        var halves = new List<GanHalf>();
        int previous = -1;
        foreach (var call in steps)
        {
            if (Half(call, block, loop, previous, out var reason) is not { } half)
            {
                problem = reason ?? problem;
                return null;
            }
            previous = IndexIn(block, half.StepStatement);
            halves.Add(half);
        }
        if (halves.Sum(h => h.Backwards.Count) != backwards.Count)
        {
            problem = $"two optimizers step in this loop, with {backwards.Count} backward() calls, not all of them between a zero_grad() and its optimizer's step() "
                + "(the alternating step that converts calls backward() on losses computed between them)";
            return null;
        }
        halves[0] = WithPrelude(halves[0], block, halves.Select(h => h.Model).ToList());
        if (halves[0].Model == halves[1].Model || halves[0].Optimizer == halves[1].Optimizer || halves[0].Losses.Intersect(halves[1].Losses).Any())
        {
            problem = "the two optimizers of this loop train the same model, or one optimizer steps twice";
            return null;
        }
        if (halves[0].Caller is null != halves[1].Caller is null)
        {
            var received = halves.First(h => h.Caller is not null);
            problem = $"'{received.Optimizer}' is received by {received.Caller!.Function.name().GetText()}() and '{halves.First(h => h.Caller is null).Optimizer}' is built in it: "
                + "the alternating step in a function converts when both optimizers and both models are its parameters, or neither";
            return null;
        }
        if (halves[0].Caller is { } firstCaller && halves[1].Caller is { } secondCaller
            && (firstCaller.Model == secondCaller.Model || firstCaller.Optimizer == secondCaller.Optimizer))
        {
            problem = $"the calls of {firstCaller.Function.name().GetText()}() pass one model or one optimizer for both of its models' or optimizers' parameters";
            return null;
        }
        var zeroGrads = Calls(loop, "zero_grad").Select(c => SyntaxShapes.Enclosing<PythonParser.StatementContext>(c)).ToList();
        if (zeroGrads.Count != 2 || !zeroGrads.All(z => halves.Any(h => h.ZeroGrad == z)))
        {
            problem = "zero_grad() is called elsewhere in the loop than once before each loss";
            return null;
        }
        var scope = semantic.ScopeOf(ModelBindings.NameOf(((PythonParser.AttributeExprContext)steps[0].expr()).expr())!);
        var models = halves.Select(h => h.Model).ToList();
        var calls = halves.SelectMany(h => h.Region).SelectMany(s => ParseTrees.Descendants<PythonParser.CallExprContext>(s))
            .Where(c => c.expr() is PythonParser.NameAtomContext && ModelBindings.NameOf(c.expr()) is { } name && models.Contains(name.GetText()))
            .OrderBy(c => c.Stop.TokenIndex).ToList();
        var regions = halves.SelectMany(h => h.Region).ToList();
        foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(loop))
        {
            if (models.Contains(use.GetText()) && regions.Any(s => Within(s, use)) && !calls.Any(c => c.expr().Start.TokenIndex == use.Start.TokenIndex))
            {
                problem = $"a loss reads '{use.GetText()}' other than by calling it (its weights live in the step's variables after conversion)";
                return null;
            }
            if (models.Contains(use.GetText()) && !regions.Concat(halves.Select(h => h.ZeroGrad)).Any(s => Within(s, use)))
            {
                problem = $"the loop uses '{use.GetText()}' outside its losses (its weights live in the step's variables after conversion): call it inside each loss that needs it "
                    + "(plain assignments right before the first zero_grad() that call it join the first loss, when they draw no random numbers: draw those into a name of their own first)";
                return null;
            }
        }
        if (Recomputed(halves[0], halves[1], calls, out var passed, out var sharedProblem) is not { } recomputed)
        {
            problem = sharedProblem;
            return null;
        }
        foreach (var half in halves)
        {
            if (!half.Region.Concat(half == halves[1] ? recomputed : []).Any(s => ModelCalls(s, half.Model).Any()))
            {
                problem = $"the loss of '{half.Optimizer}' does not call its model '{half.Model}'";
                return null;
            }
        }
        var assigned = regions.SelectMany(AssignedNames).ToHashSet(StringComparer.Ordinal);
        var firstCalls = new Dictionary<string, PythonParser.CallExprContext>();
        foreach (var model in models)
        {
            // The variables come from a call whose arguments exist before the step (the batch, the noise): the first
            // such call, written as the model's first call is (the same positional count and keywords), so init
            // runs the same submodules; a GAN's critic first judging the generator's output is created from D(real).
            var own = calls.Where(c => ModelBindings.NameOf(c.expr())!.GetText() == model).ToList();
            var first = own.FirstOrDefault(c => semantic.ScopeOf(ModelBindings.NameOf(c.expr())!) == scope
                && SameShape(c, own[0])
                && !ParseTrees.Descendants<PythonParser.NameAtomContext>(c.arguments() as Antlr4.Runtime.ParserRuleContext ?? c)
                    .Any(n => models.Contains(n.GetText()) || assigned.Contains(n.GetText())));
            if (first is null)
            {
                problem = $"every call of '{model}' in the losses takes what they compute (another model's output, or inside a lambda), but its variables are created from a call's arguments on the first batch: call '{model}' on the batch itself";
                return null;
            }
            firstCalls[model] = first;
        }
        var losses = halves.SelectMany(h => h.Losses).ToHashSet(StringComparer.Ordinal);
        foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(scope.Node))
        {
            if (assigned.Contains(use.GetText()) && !losses.Contains(use.GetText()) && !regions.Any(s => Within(s, use)))
            {
                problem = $"'{use.GetText()}', computed with the losses, is read after them: only the losses come back from the step";
                return null;
            }
        }
        return new GanStep(halves[0], halves[1], loop, scope, firstCalls) { Recomputed = recomputed, Passed = passed };
    }

    /// <summary>
    /// What the second loss reads of the first: the values it passes on (<paramref name="passed"/>), or the
    /// statements it computes again (the result), or neither (both empty); null, with the reason, when neither
    /// is exact. torch's second backward() goes through the graph of the first loss's forward pass. A value
    /// computed without the second model does not depend on its parameters, so the gradient the second loss
    /// takes is the same with the value passed on as it was computed (the graph into the first model only
    /// fills gradients the next zero_grad() clears): the first loss function returns it. Computed with the
    /// second model (DCGAN's <c>fake = netG(noise)</c>, detached in the critic's loss, differentiated through
    /// in the generator's), the statements computing it, with what they read of the first loss in turn, are
    /// computed again in the second loss, which is exact when they call only the second model (its parameters
    /// have not changed since) and hold every call of it in the first loss: replayed from the variables the
    /// step began with, and the same dropout keys, they give the same values and leave the same running
    /// statistics as the first loss's calls did (<c>GanWriter</c>).
    /// </summary>
    private static List<PythonParser.StatementContext>? Recomputed(GanHalf first, GanHalf second,
        IReadOnlyList<PythonParser.CallExprContext> calls, out List<string> passed, out string? problem)
    {
        problem = null;
        passed = [];
        var firstAssigned = first.Region.SelectMany(AssignedNames).ToHashSet(StringComparer.Ordinal);
        var read = second.Region.SelectMany(ParseTrees.Descendants<PythonParser.NameAtomContext>)
            .Select(n => n.GetText()).Where(firstAssigned.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var slice = new List<PythonParser.StatementContext>();
        if (read.Count == 0)
        {
            return slice;
        }
        var needed = read.ToHashSet(StringComparer.Ordinal);
        for (int i = first.Region.Count - 1; i >= 0; i--)
        {
            if (AssignedNames(first.Region[i]).Any(needed.Contains))
            {
                slice.Insert(0, first.Region[i]);
                needed.UnionWith(ParseTrees.Descendants<PythonParser.NameAtomContext>(first.Region[i]).Select(n => n.GetText()));
            }
        }
        string Named(PythonParser.CallExprContext call) => ModelBindings.NameOf(call.expr())!.GetText();
        var firstCalls = calls.Where(c => first.Region.Any(s => Within(s, c))).ToList();
        bool InSlice(PythonParser.CallExprContext call) => slice.Any(s => Within(s, call));
        if (!firstCalls.Any(c => Named(c) == second.Model && InSlice(c)))
        {
            if (second.Region.SelectMany(AssignedNames).FirstOrDefault(read.Contains) is { } assigned)
            {
                problem = $"the second loss reads '{assigned}', computed by the first, and assigns it too: rename one of them";
                return null;
            }
            passed = read;
            return [];
        }
        if (firstCalls.Any(c => Named(c) == first.Model && InSlice(c)))
        {
            problem = $"the second loss reads '{read[0]}', computed by the first with both '{first.Model}', whose parameters the first step has changed since, "
                + $"and '{second.Model}', through which torch's second backward() goes: compute it again in the second loss";
            return null;
        }
        if (firstCalls.Any(c => Named(c) == second.Model && !InSlice(c)))
        {
            problem = $"the second loss reads '{read[0]}', computed by the first, which also calls '{second.Model}' for values the second does not read: "
                + $"the converted second loss computes '{read[0]}' again from the variables the step began with, and would miss those calls' updates "
                + "of the running statistics; compute what the second loss needs in it";
            return null;
        }
        return slice;
    }

    /// <summary>
    /// <c>opt.zero_grad()</c>, the loss's plain assignments, <c>loss.backward()</c>, <c>opt.step()</c>,
    /// consecutive in the block (right after <paramref name="previous"/>, the first half's step, for the second half).
    /// </summary>
    private GanHalf? Half(PythonParser.CallExprContext step, IReadOnlyList<PythonParser.StatementContext> block,
        PythonParser.StatementContext loop, int previous, out string? problem)
    {
        problem = null;
        var stepStatement = SyntaxShapes.Enclosing<PythonParser.StatementContext>(step)!;
        int s = IndexIn(block, stepStatement);
        if (s < 2 || step.arguments() is not null || !SyntaxShapes.IsWholeStatement(step)
            || ModelBindings.NameOf(((PythonParser.AttributeExprContext)step.expr()).expr()) is not { } optimizer)
        {
            return null;
        }
        var backward = Calls(block[s - 1], "backward").SingleOrDefault();
        if (backward is null || backward.arguments() is not null || !SyntaxShapes.IsWholeStatement(backward)
            || ModelBindings.NameOf(((PythonParser.AttributeExprContext)backward.expr()).expr()) is not { } loss)
        {
            problem = $"'{optimizer.GetText()}.step()' does not directly follow a loss's backward() without arguments";
            return null;
        }
        var construction = OptimizerConstruction(optimizer, loop, out var model);
        StepCaller? caller = null;
        if (construction is null && IsParameter(optimizer))
        {
            // Received with its model: the callers build both, and the state flows through the calls (GanStep.Caller).
            caller = Caller(optimizer, out model, out var callerProblem);
            if (caller is null)
            {
                problem = callerProblem;
                return null;
            }
            construction = OptimizerConstruction(caller.Optimizer, caller.Scope, caller.First, out _);
        }
        if (construction is null || model is null)
        {
            problem = $"'{optimizer.GetText()}' is not built once, before the loop, from model.parameters()";
            return null;
        }
        // Plain assignments, and backward() of other losses: torch adds their gradients, as the gradient of their sum.
        var backwards = new List<PythonParser.StatementContext> { block[s - 1] };
        var losses = new List<string> { loss.GetText() };
        int z = s - 2;
        while (z > previous && (IsPlainAssignment(block[z]) || LossBackward(block[z]) is not null))
        {
            if (LossBackward(block[z]) is { } other)
            {
                backwards.Insert(0, block[z]);
                losses.Insert(0, other);
            }
            z--;
        }
        var zeroGrad = z > previous ? Calls(block[z], "zero_grad").SingleOrDefault() : null;
        if (zeroGrad is null || !SyntaxShapes.IsWholeStatement(zeroGrad)
            || ((PythonParser.AttributeExprContext)zeroGrad.expr()).expr().GetText() is var owner && owner != optimizer.GetText() && owner != model
            || previous >= 0 && z != previous + 1)
        {
            problem = $"the loss of '{optimizer.GetText()}' is not plain assignments between its zero_grad() and backward(), right after the other model's step";
            return null;
        }
        var region = block.Skip(z + 1).Take(s - 2 - z).Where(r => !backwards.Contains(r)).ToList();
        foreach (var (name, backwardStatement) in losses.Zip(backwards))
        {
            // Each loss assigned once, before its backward(): the sum differentiated is of the values torch's backward() calls saw.
            var assignments = region.Where(r => AssignedNames(r).Contains(name)).ToList();
            if (assignments.Count != 1 || assignments[0].Start.TokenIndex > backwardStatement.Start.TokenIndex)
            {
                problem = $"'{name}' is not computed once by plain assignments between zero_grad() and its backward()";
                return null;
            }
        }
        if (losses.Distinct(StringComparer.Ordinal).Count() != losses.Count)
        {
            problem = $"backward() is called twice on '{losses.GroupBy(l => l).First(g => g.Count() > 1).Key}' before '{optimizer.GetText()}.step()'";
            return null;
        }
        foreach (var statement in region)
        {
            if (ParseTrees.Descendants<PythonParser.CallExprContext>(statement).Any(c => IsRandom(c) || (c.expr() is PythonParser.AttributeExprContext a && a.name().GetText() == "item")))
            {
                problem = "a loss draws random numbers or reads values with .item(), which a compiled step cannot do as torch does (draw the noise before the step)";
                return null;
            }
        }
        return new GanHalf(block[z], region, backwards, stepStatement, step, construction, model, optimizer.GetText(), losses, caller);
    }

    /// <summary>
    /// The first half with the plain assignments right before its <c>zero_grad()</c> that call one of the models
    /// (<c>fake = G(z)</c> before the critic's half) as the first statements of its loss: zero_grad() only clears
    /// gradients, so computing them after it computes the same; what the second loss reads of them is then
    /// passed on or computed again like the rest of the first loss (<see cref="Recomputed"/>). Statements that
    /// draw random numbers or call <c>.item()</c> stay before the step (the noise).
    /// </summary>
    private GanHalf WithPrelude(GanHalf first, IReadOnlyList<PythonParser.StatementContext> block, IReadOnlyList<string> models)
    {
        int z = IndexIn(block, first.ZeroGrad);
        var prelude = new List<PythonParser.StatementContext>();
        for (int i = z - 1; i >= 0 && IsPlainAssignment(block[i]); i--)
        {
            var statementCalls = ParseTrees.Descendants<PythonParser.CallExprContext>(block[i]).ToList();
            if (!statementCalls.Any(c => c.expr() is PythonParser.NameAtomContext && ModelBindings.NameOf(c.expr()) is { } name && models.Contains(name.GetText()))
                || statementCalls.Any(c => IsRandom(c) || (c.expr() is PythonParser.AttributeExprContext a && a.name().GetText() == "item")))
            {
                break;
            }
            prelude.Insert(0, block[i]);
        }
        return prelude.Count == 0 ? first : first with { Region = [.. prelude, .. first.Region] };
    }

    /// <summary>Whether two calls pass as many positional arguments and the same keywords (no unpacking).</summary>
    private static bool SameShape(PythonParser.CallExprContext call, PythonParser.CallExprContext other)
    {
        static (int Positional, string Keywords)? Shape(PythonParser.CallExprContext c)
        {
            var arguments = c.arguments()?.argument() ?? [];
            if (arguments.Any(a => a is PythonParser.StarArgumentContext or PythonParser.DoubleStarArgumentContext))
            {
                return null;
            }
            var keywords = arguments.OfType<PythonParser.KeywordArgumentContext>().Select(a => a.name().GetText()).Order(StringComparer.Ordinal);
            return (arguments.Count(a => a is PythonParser.PositionalArgumentContext), string.Join(",", keywords));
        }
        return Shape(call) is { } shape && shape == Shape(other);
    }

    /// <summary>The loss of a statement that is exactly <c>loss.backward()</c>; else null.</summary>
    private static string? LossBackward(PythonParser.StatementContext statement) =>
        Calls(statement, "backward").SingleOrDefault() is { } call && call.arguments() is null && SyntaxShapes.IsWholeStatement(call)
            && ModelBindings.NameOf(((PythonParser.AttributeExprContext)call.expr()).expr()) is { } loss
            ? loss.GetText()
            : null;

    private static bool Within(Antlr4.Runtime.ParserRuleContext outer, Antlr4.Runtime.ParserRuleContext inner) =>
        outer.Start.TokenIndex <= inner.Start.TokenIndex && inner.Stop.TokenIndex <= outer.Stop.TokenIndex;
}
