using Switcheroo.Engine.Binding;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

/// <summary>
/// One half of an alternating (GAN) step: <c>opt.zero_grad()</c>, the plain assignments computing
/// the loss (they may call both models), <c>loss.backward()</c>, <c>opt.step()</c>, in that order. Several
/// losses may each call <c>backward()</c> (<c>err_real.backward()</c> after its assignments, <c>err_fake.backward()</c>
/// after the next ones): torch adds their gradients, which is the gradient of their sum.
/// <see cref="Caller"/> is set when the model and the optimizer are parameters of the step's function:
/// its callers' names for them (<see cref="StepCaller.Model"/>, <see cref="StepCaller.Optimizer"/>).
/// </summary>
internal sealed record GanHalf(
    PythonParser.StatementContext ZeroGrad,
    IReadOnlyList<PythonParser.StatementContext> Region,
    IReadOnlyList<PythonParser.StatementContext> Backwards,
    PythonParser.StatementContext StepStatement,
    PythonParser.CallExprContext Step,
    PythonParser.CallExprContext OptimizerConstruction,
    string Model,
    string Optimizer,
    IReadOnlyList<string> Losses,
    StepCaller? Caller = null);

/// <summary>
/// Two models trained in one loop by two optimizers, one after the other (a GAN's discriminator
/// then generator step), as eight consecutive statements of one block:
/// <code>
/// opt_d.zero_grad()
/// loss_d = crit(D(real), ones) + crit(D(G(z).detach()), zeros)
/// loss_d.backward()
/// opt_d.step()
/// opt_g.zero_grad()
/// loss_g = crit(D(G(z)), ones)
/// loss_g.backward()
/// opt_g.step()
/// </code>
/// The first half's gradient is taken with respect to its model's parameters only, the second's
/// with respect to its own, with the first model's parameters as the first half left them.
/// <see cref="FirstCalls"/> holds, per model, its first call in the regions (its arguments build
/// its variables on the first batch). In a function that receives both models and both optimizers,
/// <see cref="Caller"/> says where the callers hold them (docs/training.md, "Two models: GANs").
/// </summary>
internal sealed record GanStep(
    GanHalf First,
    GanHalf Second,
    PythonParser.StatementContext Loop,
    Scope Scope,
    IReadOnlyDictionary<string, PythonParser.CallExprContext> FirstCalls)
{
    public IEnumerable<GanHalf> Halves => [First, Second];

    /// <summary>
    /// The callers of the step's function when both models and both optimizers are its parameters (the
    /// same calls for both halves): the variables, the optimizer states and the key flow through them.
    /// </summary>
    public StepCaller? Caller => First.Caller;

    /// <summary>The scope that holds the models, the optimizers and their state: the callers' when the step's function receives them.</summary>
    public Scope StateScope => Caller?.Scope ?? Scope;

    /// <summary>A half's model's name in <see cref="StateScope"/>.</summary>
    public static string StateModel(GanHalf half) => half.Caller?.Model ?? half.Model;

    /// <summary>A half's optimizer's name in <see cref="StateScope"/>.</summary>
    public static string StateOptimizer(GanHalf half) => half.Caller?.Optimizer ?? half.Optimizer;

    /// <summary>
    /// The first loss's statements the second loss computes again, in order (DCGAN's <c>fake = netG(noise)</c>,
    /// which both losses read): they call only <see cref="Second"/>'s model, and hold all its calls of the first
    /// loss; empty when the second loss reads nothing of the first.
    /// </summary>
    public IReadOnlyList<PythonParser.StatementContext> Recomputed { get; init; } = [];

    /// <summary>
    /// The values the first loss computes without the second model and the second loss reads (a generator-first
    /// GAN's <c>gen_imgs</c>, detached in the critic's loss): the first loss function returns them.
    /// </summary>
    public IReadOnlyList<string> Passed { get; init; } = [];

    /// <summary>The first statement the conversion replaces: the first half's first loss statement when it comes before its zero_grad().</summary>
    public PythonParser.StatementContext Start =>
        First.Region.Count > 0 && First.Region[0].Start.TokenIndex < First.ZeroGrad.Start.TokenIndex ? First.Region[0] : First.ZeroGrad;

    /// <summary>Every statement the conversion replaces, in source order.</summary>
    public IEnumerable<PythonParser.StatementContext> Statements =>
        Halves.SelectMany(h => new[] { h.ZeroGrad }.Concat(h.Region).Concat(h.Backwards).Append(h.StepStatement).OrderBy(s => s.Start.TokenIndex));

    /// <summary>Whether a token lies in one of the loss computations.</summary>
    public bool InRegion(int token) =>
        Halves.SelectMany(h => h.Region).Any(s => s.Start.TokenIndex <= token && token <= s.Stop.TokenIndex);
}
