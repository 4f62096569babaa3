using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Antlr4.Runtime;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

/// <summary>
/// The training steps of a file, recognised once, before rewriting (<see cref="StepPattern"/>), so that
/// the hooks on their parts agree: <c>optimizer.step()</c> writes the functional step (<c>StepWriter</c>);
/// <c>zero_grad()</c>, <c>backward()</c> and <c>clip_grad_norm_</c> leave a recognised step to it, and
/// elsewhere report the pattern that stopped the conversion.
/// </summary>
internal sealed class TrainingSteps
{
    private readonly Dictionary<PythonParser.CallExprContext, TrainingStep> _steps = new();
    private readonly Dictionary<PythonParser.CallExprContext, string> _problems = new();
    private readonly Dictionary<PythonParser.StatementContext, TrainingStep> _owners = new();
    private readonly Dictionary<PythonParser.CallExprContext, GanStep> _gans = new();
    private readonly Dictionary<PythonParser.StatementContext, GanStep> _ganOwners = new();
    private readonly List<Schedule> _schedules = new();
    private readonly List<EvaluationFunction> _evaluations = new();
    private readonly List<EvaluationFunction> _unevaluated = new();

    private readonly ParserRuleContext _root;

    /// <param name="root">the file</param>
    /// <param name="model">its bindings</param>
    /// <param name="maps">the maps (which calls build schedulers, which draw random numbers)</param>
    /// <param name="facts">which values are tensors, and what built them (optimizers)</param>
    public TrainingSteps(PythonParser.File_inputContext root, SemanticModel model, MapSet maps, TensorFacts facts)
    {
        _root = root;
        var pattern = new StepPattern(model, maps, facts);
        var calls = ParseTrees.Descendants<PythonParser.CallExprContext>(root).ToList();
        foreach (var call in calls)
        {
            if (call.expr() is not PythonParser.AttributeExprContext { } callee || callee.name().GetText() != "step"
                || !StepPattern.IsOptimizer(facts, maps, callee.expr()) && !StepPattern.IsScaler(facts, maps, callee.expr()))
            {
                continue;
            }
            if (_gans.ContainsKey(call))
            {
                continue;
            }
            if (pattern.RecognizeGan(call, out var ganProblem) is { } gan)
            {
                foreach (var half in gan.Halves)
                {
                    _gans[half.Step] = gan;
                }
                foreach (var statement in gan.Statements)
                {
                    _ganOwners[statement] = gan;
                }
                continue;
            }
            if (ganProblem is not null)
            {
                _problems[call] = ganProblem;
                continue;
            }
            if (pattern.Recognize(call, out var problem) is { } step)
            {
                _steps[call] = step;
                foreach (var statement in step.Statements)
                {
                    _owners[statement] = step;
                }
            }
            else
            {
                _problems[call] = problem;
            }
        }
        DropSharedState();
        FindSchedules(model, maps, calls);
        FindEvaluations(model, facts);
    }

    /// <summary>
    /// A step (or an alternating step) in a function that receives the model keeps its state in the callers:
    /// another step training the same model there would keep a second copy of it, so neither converts.
    /// </summary>
    private void DropSharedState()
    {
        var all = _steps.Values.ToList();
        var gans = Gans.ToList();
        bool GanShares(GanStep gan, Scope scope, string model, string optimizer) =>
            gan.StateScope == scope && gan.Halves.Any(h => GanStep.StateModel(h) == model || GanStep.StateOptimizer(h) == optimizer);
        foreach (var gan in gans.Where(g => g.Caller is not null))
        {
            var shared = gan.Halves.FirstOrDefault(h =>
                all.Any(o => o.StateScope == gan.StateScope && (o.StateModel == GanStep.StateModel(h) || o.StateOptimizer == GanStep.StateOptimizer(h)))
                || gans.Any(o => o != gan && GanShares(o, gan.StateScope, GanStep.StateModel(h), GanStep.StateOptimizer(h))));
            if (shared is not null)
            {
                foreach (var half in gan.Halves)
                {
                    _gans.Remove(half.Step);
                    _problems[half.Step] = $"'{GanStep.StateModel(shared)}' of the callers of {gan.Caller!.Function.name().GetText()}() is trained by another training step of the same callers too: the variables would be kept twice";
                }
                foreach (var statement in gan.Statements)
                {
                    _ganOwners.Remove(statement);
                }
            }
        }
        foreach (var step in all.Where(s => s.Caller is not null))
        {
            if (all.Any(o => o != step && o.StateScope == step.StateScope && (o.StateModel == step.StateModel || o.StateOptimizer == step.StateOptimizer))
                || gans.Any(g => GanShares(g, step.StateScope, step.StateModel, step.StateOptimizer)))
            {
                _steps.Remove(step.Step);
                foreach (var statement in step.Statements)
                {
                    _owners.Remove(statement);
                }
                _problems[step.Step] = $"'{step.StateModel}' is trained by another training step of the same callers too: the variables would be kept twice";
            }
        }
    }

    /// <summary>
    /// <c>scheduler = lr_scheduler.X(optimizer, ...)</c> statements whose optimizer is a recognised
    /// step's (one scheduler per optimizer): only those convert, since their steps need its state.
    /// </summary>
    private void FindSchedules(SemanticModel model, MapSet maps, IEnumerable<PythonParser.CallExprContext> calls)
    {
        // An accumulating step's optimizer state is optax.MultiSteps', with no injected learning rate of its own.
        var optimizers = _steps.Values.Where(s => s.Accumulation is null).Select(s => s.StateOptimizer).ToHashSet(StringComparer.Ordinal);
        if (optimizers.Count == 0)
        {
            return;
        }
        foreach (var call in calls)
        {
            // Cheap shape first: the optimizer of a step as first argument; the name resolution last.
            if (SyntaxShapes.Arguments(call).FirstOrDefault() is not PythonParser.PositionalArgumentContext first
                || ModelBindings.NameOf(first) is not { } optimizer || !optimizers.Contains(optimizer.GetText())
                || model.QualifiedName(call.expr()) is not { } name || maps.Find(name)?.Hook != "lr_scheduler"
                || SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(call) is not { } assignment
                || assignment.EQUAL().Length != 1 || SyntaxShapes.AtomOf(assignment.assigned_value(0)) != call
                || ModelBindings.NameOf(assignment.star_expressions()) is not { } scheduler)
            {
                continue;
            }
            var scope = model.ScopeOf(optimizer);
            if (_steps.Values.FirstOrDefault(s => s.StateOptimizer == optimizer.GetText() && s.StateScope == scope) is { } step)
            {
                _schedules.Add(new Schedule(call, step, scheduler.GetText()));
            }
        }
        _schedules.RemoveAll(s => _schedules.Count(o => o.Step == s.Step) > 1);
    }

    /// <summary>The recognised steps, in no particular order.</summary>
    public IEnumerable<TrainingStep> All => _steps.Values;

    /// <summary>The schedulers of recognised steps' optimizers.</summary>
    public IReadOnlyList<Schedule> Schedules => _schedules;

    /// <summary>The schedule a scheduler construction is, when it converts.</summary>
    public Schedule? ScheduleAt(PythonParser.CallExprContext construction) => _schedules.FirstOrDefault(s => s.Construction == construction);

    /// <summary>The schedule of a scheduler variable in a scope.</summary>
    public Schedule? ScheduleNamed(string scheduler, Binding.Scope scope) =>
        _schedules.FirstOrDefault(s => s.Scheduler == scheduler && s.Step.StateScope == scope);

    /// <summary>Whether an optimizer's learning rate is scheduled, so it is built with an injectable learning rate.</summary>
    public bool IsScheduled(PythonParser.CallExprContext optimizerConstruction) =>
        _schedules.Any(s => s.Step.OptimizerConstruction == optimizerConstruction);

    /// <summary>The recognised step of an <c>optimizer.step()</c> call, or null with the reason.</summary>
    public TrainingStep? At(PythonParser.CallExprContext step, out string? problem)
    {
        problem = _problems.GetValueOrDefault(step);
        return _steps.GetValueOrDefault(step);
    }

    /// <summary>The recognised alternating (GAN) steps, in no particular order.</summary>
    public IEnumerable<GanStep> Gans => _gans.Values.Distinct();

    /// <summary>The alternating (GAN) step an <c>optimizer.step()</c> call is part of, if any.</summary>
    public GanStep? GanAt(PythonParser.CallExprContext step) => _gans.GetValueOrDefault(step);

    /// <summary>The alternating (GAN) step a statement is part of, if any.</summary>
    public GanStep? GanOwner(ParserRuleContext node) =>
        SyntaxShapes.Enclosing<PythonParser.StatementContext>(node) is { } statement ? _ganOwners.GetValueOrDefault(statement) : null;

    /// <summary>The recognised step a statement is part of, if any.</summary>
    public TrainingStep? Owner(ParserRuleContext node) =>
        SyntaxShapes.Enclosing<PythonParser.StatementContext>(node) is { } statement ? _owners.GetValueOrDefault(statement) : null;

    /// <summary>Why the training step of the loop around a node was not converted (null when no step there failed).</summary>
    public string? ProblemAround(ParserRuleContext node)
    {
        var loop = StepPattern.OutermostLoop(node);
        return loop is null ? null : _problems.FirstOrDefault(p => StepPattern.OutermostLoop(p.Key) == loop).Value;
    }

    /// <summary>Whether the function (or module) around a node calls <c>backward()</c> outside every recognised step.</summary>
    public bool HasUnconvertedBackward(ParserRuleContext node)
    {
        ParserRuleContext scope = (ParserRuleContext?)SyntaxShapes.Enclosing<PythonParser.Function_defContext>(node) ?? _root;
        return ParseTrees.Descendants<PythonParser.CallExprContext>(scope).Any(c =>
            c.expr() is PythonParser.AttributeExprContext { } a && a.name().GetText() == "backward" && Owner(c) is null && GanOwner(c) is null);
    }

    /// <summary>The first recognised step that trains a model named <paramref name="model"/> in a scope after a node (not in a function it calls).</summary>
    public TrainingStep? TrainedAfter(string model, Binding.Scope scope, ParserRuleContext node) =>
        _steps.Values.Where(s => s.Caller is null && s.Model == model && s.Scope == scope && s.Loop.Start.TokenIndex > node.Stop.TokenIndex)
            .OrderBy(s => s.Loop.Start.TokenIndex).FirstOrDefault();

    /// <summary>The first recognised step of an optimizer named <paramref name="optimizer"/> in a scope whose loop comes after a node (not in a function it calls).</summary>
    public TrainingStep? OptimizerStepsAfter(string optimizer, Binding.Scope scope, ParserRuleContext node) =>
        _steps.Values.Where(s => s.Caller is null && s.Optimizer == optimizer && s.Scope == scope && s.Loop.Start.TokenIndex > node.Stop.TokenIndex)
            .OrderBy(s => s.Loop.Start.TokenIndex).FirstOrDefault();

    /// <summary>The recognised step that has stepped an optimizer named <paramref name="optimizer"/> in the scope of a later node.</summary>
    public TrainingStep? OptimizerStepped(string optimizer, Binding.Scope scope, ParserRuleContext node) =>
        _steps.Values.LastOrDefault(s => s.StateOptimizer == optimizer && s.StateScope == scope && s.TrainedFrom < node.Start.TokenIndex);

    /// <summary>The recognised step that trains a model named <paramref name="model"/> in the scope of a later node (or in a function called there before it).</summary>
    public TrainingStep? Trained(string model, Binding.Scope scope, ParserRuleContext node) =>
        _steps.Values.LastOrDefault(s => s.StateModel == model && s.StateScope == scope && s.TrainedFrom < node.Start.TokenIndex);

    /// <summary>The functions that apply the model of a step's callers (<see cref="EvaluationFunction"/>).</summary>
    public IReadOnlyList<EvaluationFunction> Evaluations => _evaluations;

    /// <summary>Functions that call a model some of their calls pass trained by a step's callers, and others not (called before training): not converted.</summary>
    public IReadOnlyList<EvaluationFunction> Unevaluated => _unevaluated;

    /// <summary>
    /// Functions of the file that call a model they receive, every call of which passes the model a
    /// training function's callers hold, after that function's first call, from the same scope.
    /// </summary>
    private void FindEvaluations(SemanticModel model, TensorFacts facts)
    {
        var lifted = _steps.Values.Where(s => s.Caller is not null).ToList();
        if (lifted.Count == 0)
        {
            return;
        }
        var trainers = lifted.Select(s => s.Caller!.Function).ToHashSet();
        foreach (var function in ParseTrees.Descendants<PythonParser.Function_defContext>(_root).Where(f => !trainers.Contains(f)))
        {
            if (FunctionCalls.Of(function, model, facts, out _, returnsState: false) is not { } calls)
            {
                continue;
            }
            foreach (var parameter in function.parameters()?.parameter() ?? [])
            {
                var name = parameter.name().GetText();
                var passed = calls.Select(c => FunctionCalls.NamePassed(c, function, name)).ToList();
                if (passed.Any(p => p is null) || !FunctionCalls.OnlyParameter(function, name, model)
                    || !ParseTrees.Descendants<PythonParser.CallExprContext>(function).Any(c => ModelBindings.NameOf(c.expr())?.GetText() == name && c.expr() is PythonParser.NameAtomContext))
                {
                    continue;
                }
                var steps = passed.Select(p => lifted.FirstOrDefault(s => s.StateModel == p!.GetText() && s.StateScope == model.ScopeOf(p!) && s.TrainedFrom < p!.Start.TokenIndex)).ToList();
                if (steps.All(s => s is not null && s == steps[0]))
                {
                    _evaluations.Add(new EvaluationFunction(function, name, calls, steps[0]!));
                    break;
                }
                if (steps.FirstOrDefault(s => s is not null) is { } some)
                {
                    // Some calls pass the trained model, others a model without those variables (before training, or another).
                    _unevaluated.Add(new EvaluationFunction(function, name, calls, some));
                    break;
                }
            }
        }
    }
}

/// <summary>A learning-rate scheduler of a recognised step's optimizer.</summary>
internal sealed record Schedule(PythonParser.CallExprContext Construction, TrainingStep Step, string Scheduler);
