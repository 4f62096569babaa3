using Switcheroo.Engine.Checking.Rules;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;

namespace Switcheroo.Engine.Checking;

/// <summary>
/// Checks converted text against the run-time rules of Flax and JAX that a static reading can
/// decide, so that a file converted without a warning runs. The output is parsed with the
/// engine's own parser (an output that does not parse is itself a hit) and every rule
/// (<c>Rules/</c>) reads it. Each hit says whether its code is reported already (marked with a
/// <c># switcheroo: SWR3xxx</c> comment); <see cref="Diagnose"/> turns the others into SWR4002,
/// at the source line the output line came from.
/// </summary>
/// <remarks>
/// Caveats: the rules read one file; a value's kind is known only from its syntax (a display, a
/// <c>jax.numpy</c> call), so a list built elsewhere and passed in is not seen.
/// </remarks>
public static class SelfCheck
{
    public const string OutputDoesNotParse = "output-does-not-parse";

    private static readonly ISelfCheckRule[] AllRules =
    [
        new FieldAssignedInSetup(),
        new SubmoduleAssignedTwice(),
        new SubmoduleAttributeSet(),
        new EmptySequential(),
        new FrozenContainerMutated(),
        new FrozenDictAttribute(),
        new ArrayItemAssignment(),
        new TorchLeftover(),
        new UnhashableStaticArgument(),
        new OwnConstructor(),
    ];

    /// <summary>The names of every rule, the parse check first.</summary>
    public static IReadOnlyList<string> RuleNames { get; } = [OutputDoesNotParse, .. AllRules.Select(r => r.Name)];

    /// <summary>Every hit in a converted text, in output order; one per rule and output line.</summary>
    public static IReadOnlyList<SelfCheckHit> Run(string output, MapSet maps, string path = "output.py") =>
        Run(PythonSyntax.Parse(SourceText.FromString(output, path)), maps);

    public static IReadOnlyList<SelfCheckHit> Run(SyntaxTree output, MapSet maps)
    {
        CheckedFile? file;
        using (StageMeter.Enter("checked file"))
        {
            file = CheckedFile.Of(output, maps);
        }
        if (file is null)
        {
            var error = output.Diagnostics.First(d => d.Severity == Severity.Error);
            return [new SelfCheckHit(OutputDoesNotParse, $"the converted code does not parse: {error.Message}", error.Line, error.Column, Reported: false)];
        }
        return LargeStack.Run(() => AllRules
            .SelectMany(rule => Hits(rule, file))
            .DistinctBy(hit => (hit.Rule, hit.Line))
            .OrderBy(hit => hit.Line).ThenBy(hit => hit.Column)
            .ToList());
    }

    /// <summary>One rule's hits, in the order it finds them (metered by rule: <see cref="StageMeter"/>).</summary>
    private static List<SelfCheckHit> Hits(ISelfCheckRule rule, CheckedFile file)
    {
        using var stage = StageMeter.Enter(rule.Name);
        return rule.Check(file).Select(hit => new SelfCheckHit(rule.Name, hit.Message,
            hit.Node.Start.Line, hit.Node.Start.Column + 1, file.Reported.Contains(hit.Node))).ToList();
    }

    /// <summary>
    /// SWR4002 for each hit that is not reported code, at the source line its output line came
    /// from (<paramref name="lines"/>), with the output position in the message.
    /// </summary>
    public static IEnumerable<Diagnostic> Diagnose(IEnumerable<SelfCheckHit> hits, SourceText source, SourceLineMap lines) =>
        hits.Where(hit => !hit.Reported).Select(hit =>
        {
            int line = lines.SourceLine(hit.Line);
            return Diagnostic.At(DiagnosticCodes.RunTimeRuleBroken,
                $"the converted code breaks a Flax/JAX run-time rule ({hit.Rule}, output line {hit.Line}): {hit.Message}",
                source.Path, line, lines.Indentation(source.Text, line) + 1);
        });
}
