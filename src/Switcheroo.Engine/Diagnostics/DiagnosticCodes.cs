namespace Switcheroo.Engine.Diagnostics;

/// <summary>
/// Every diagnostic code Switcheroo reports, in one place. Ranges by stage: 0xxx inputs,
/// 1xxx maps, 2xxx parsing, 3xxx translation, 4xxx rewrite and emit, 9xxx internal errors.
/// Each code is documented in docs/diagnostics.md and covered by a test. A retired code stays
/// here as a comment and is never given to anything else.
/// </summary>
public static class DiagnosticCodes
{
    // 0xxx: inputs
    public static readonly DiagnosticDescriptor FileUnreadable =
        new("SWR0001", Severity.Error, "A source file cannot be read");
    public static readonly DiagnosticDescriptor NoInputs =
        new("SWR0002", Severity.Error, "A path given on the command line does not exist");
    public static readonly DiagnosticDescriptor OutputCollision =
        new("SWR0003", Severity.Error, "Two sources would be converted to the same output file");
    public static readonly DiagnosticDescriptor OutputUnwritable =
        new("SWR0004", Severity.Error, "An output file cannot be written or removed");
    public static readonly DiagnosticDescriptor SourceWithoutOutput =
        new("SWR0005", Severity.Error, "A source item has no output path");
    // Reported by build/Switcheroo.Build.targets itself (an Error task), not by the task assembly.
    public static readonly DiagnosticDescriptor TargetsImportedTooEarly =
        new("SWR0006", Severity.Error, "The build files are imported before the SDK's targets");
    public static readonly DiagnosticDescriptor OutputNotOwned =
        new("SWR0007", Severity.Error, "An output would replace a file Switcheroo did not write");
    public static readonly DiagnosticDescriptor OutputOutsideFolder =
        new("SWR0008", Severity.Error, "An output would be written outside the output folder");
    public static readonly DiagnosticDescriptor OutputIsInput =
        new("SWR0009", Severity.Error, "An output would replace a source, or the output folder is inside an input folder");

    // 1xxx: semantic maps
    public static readonly DiagnosticDescriptor MapSyntax =
        new("SWR1001", Severity.Error, "A map file is not valid YAML");
    public static readonly DiagnosticDescriptor MapSchema =
        new("SWR1002", Severity.Error, "A map entry does not follow the map format");
    public static readonly DiagnosticDescriptor MapDuplicate =
        new("SWR1003", Severity.Error, "A torch name is mapped twice in one layer");
    public static readonly DiagnosticDescriptor MapUnknownHook =
        new("SWR1004", Severity.Error, "A map entry names a hook that does not exist");
    public static readonly DiagnosticDescriptor MapConflict =
        new("SWR1005", Severity.Error, "A user map redefines an entry without 'override: true'");
    public static readonly DiagnosticDescriptor MapOverridesNothing =
        new("SWR1006", Severity.Warning, "An entry says 'override: true' but there is nothing to override");
    public static readonly DiagnosticDescriptor MapUnreadable =
        new("SWR1007", Severity.Error, "A map file cannot be read");
    public static readonly DiagnosticDescriptor MapTemplate =
        new("SWR1008", Severity.Error, "A hook template is malformed: braces, placeholder, template value or size form");
    public static readonly DiagnosticDescriptor MapPythonText =
        new("SWR1009", Severity.Error, "Python text in a map is not an expression, or a target is not a qualified name");
    public static readonly DiagnosticDescriptor MapTargetNotImportable =
        new("SWR1010", Severity.Error, "A target is in a module no map declares an import for");
    public static readonly DiagnosticDescriptor MapImport =
        new("SWR1011", Severity.Error, "An import rule is malformed or contradicts another");
    public static readonly DiagnosticDescriptor MapHookOption =
        new("SWR1012", Severity.Error, "A hook option is unknown, or a required one is missing");
    public static readonly DiagnosticDescriptor MapHookOptionType =
        new("SWR1013", Severity.Error, "A hook option's value has the wrong type");
    public static readonly DiagnosticDescriptor MapTrait =
        new("SWR1014", Severity.Error, "A map entry declares an unknown trait, variable collection or RNG stream");
    public static readonly DiagnosticDescriptor MapTraitType =
        new("SWR1015", Severity.Error, "A map entry's trait has a value of the wrong type");
    public static readonly DiagnosticDescriptor MapTraitUndeclared =
        new("SWR1016", Severity.Error, "A template uses the train flag or a random key that the entry's traits do not declare");
    public static readonly DiagnosticDescriptor MapInit =
        new("SWR1017", Severity.Error, "A map entry's init (which Flax initializer argument takes a torch parameter's initialisation) is malformed");
    public static readonly DiagnosticDescriptor MapHolds =
        new("SWR1018", Severity.Error, "A map entry's holds (the torch layer classes a composite layer builds) is malformed");
    public static readonly DiagnosticDescriptor MapLayerBase =
        new("SWR1019", Severity.Error, "A map entry's base (the runtime classes a class deriving from the layer derives from) is malformed");

    // 2xxx: parsing. One per kind of CPython SyntaxError, so a build can tell them apart.
    public static readonly DiagnosticDescriptor InvalidSyntax =
        new("SWR2001", Severity.Error, "Invalid syntax");
    public static readonly DiagnosticDescriptor UnterminatedString =
        new("SWR2002", Severity.Error, "Unterminated string literal");
    public static readonly DiagnosticDescriptor Bracket =
        new("SWR2003", Severity.Error, "Unbalanced or too deeply nested brackets");
    public static readonly DiagnosticDescriptor Indentation =
        new("SWR2004", Severity.Error, "Indentation error");
    public static readonly DiagnosticDescriptor TabsAndSpaces =
        new("SWR2005", Severity.Error, "Inconsistent use of tabs and spaces");
    public static readonly DiagnosticDescriptor InvalidToken =
        new("SWR2006", Severity.Error, "Invalid character or literal");
    public static readonly DiagnosticDescriptor Encoding =
        new("SWR2007", Severity.Error, "Source encoding error");
    public static readonly DiagnosticDescriptor TooDeeplyNested =
        new("SWR2008", Severity.Error, "Source too deeply nested to parse");
    public static readonly DiagnosticDescriptor InvalidConstruct =
        new("SWR2009", Severity.Error, "Syntax CPython's compiler rejects");

    // 3xxx: translation. Each keeps the code verbatim and marks it with a comment naming the code.
    public static readonly DiagnosticDescriptor NotConverted =
        new("SWR3001", Severity.Warning, "A torch API has no mapping and is kept as is");
    public static readonly DiagnosticDescriptor Unsupported =
        new("SWR3002", Severity.Warning, "A torch API is deliberately not converted");
    public static readonly DiagnosticDescriptor ArgumentsNotMapped =
        new("SWR3003", Severity.Warning, "The arguments of a call cannot be mapped exactly");
    public static readonly DiagnosticDescriptor AmbiguousName =
        new("SWR3004", Severity.Warning, "A name is bound by a torch import and otherwise, or imported with *");
    public static readonly DiagnosticDescriptor UnknownReceiver =
        new("SWR3005", Severity.Warning, "A tensor method on a value not known to be a tensor");
    public static readonly DiagnosticDescriptor ModuleNotConverted =
        new("SWR3006", Severity.Warning, "A torch module class cannot become a Flax Linen module");
    public static readonly DiagnosticDescriptor DevicePlacementRemoved =
        new("SWR3007", Severity.Info, "A device placement was removed: JAX places arrays itself");
    public static readonly DiagnosticDescriptor TrainModeRemoved =
        new("SWR3008", Severity.Info, "A train()/eval() switch was removed: the module has no training-dependent layers");
    public static readonly DiagnosticDescriptor TrainModeUndecided =
        new("SWR3009", Severity.Warning, "A train()/eval() switch whose module cannot be determined statically");
    public static readonly DiagnosticDescriptor RandomWithoutKey =
        new("SWR3010", Severity.Warning, "A random call with no JAX key to draw from");
    public static readonly DiagnosticDescriptor TrainingStepNotConverted =
        new("SWR3011", Severity.Warning, "A training step (zero_grad, backward, step) whose pattern is not converted");
    public static readonly DiagnosticDescriptor TrainingKeyCreated =
        new("SWR3012", Severity.Info, "A converted training step draws its keys from jax.random.PRNGKey(0): no torch.manual_seed in reach");
    public static readonly DiagnosticDescriptor TrainedVariablesLeftBehind =
        new("SWR3013", Severity.Warning, "A trained model is used without its variables (a Flax module holds no weights)");
    public static readonly DiagnosticDescriptor DataPipelineKept =
        new("SWR3014", Severity.Info, "The data pipeline stays torch code; its batches reach the converted code as numpy arrays");
    public static readonly DiagnosticDescriptor InitNotConverted =
        new("SWR3015", Severity.Warning, "A parameter initialisation cannot become the initializer argument of a layer");
    public static readonly DiagnosticDescriptor OptimizerStateNotTorch =
        new("SWR3016", Severity.Warning, "An optimizer's load_state_dict converted for checkpoints the converted code saves: no strict load of the model's torch state_dict before the step orders a torch optimizer's state");
    public static readonly DiagnosticDescriptor SubmoduleAttributeSet =
        new("SWR3017", Severity.Warning, "An attribute is set on a submodule after it is built: a Flax module is frozen once constructed");
    public static readonly DiagnosticDescriptor AmpRemoved =
        new("SWR3018", Severity.Info, "Automatic mixed precision was removed: the converted code computes in float32, without a loss scaler");
    public static readonly DiagnosticDescriptor AccumulationWindowsDiffer =
        new("SWR3019", Severity.Warning, "Gradient accumulation converted with optax.MultiSteps, whose windows equal torch's only for some loader lengths");
    public static readonly DiagnosticDescriptor UnseenSubmodule =
        new("SWR3020", Severity.Warning, "A submodule is built from an import the conversion does not see");

    // 4xxx: rewrite and emit
    public static readonly DiagnosticDescriptor EditConflict =
        new("SWR4001", Severity.Error, "Two planned edits overlap");
    // Reported by the self-check (Checking/SelfCheck) for a hit outside code already marked SWR3xxx.
    public static readonly DiagnosticDescriptor RunTimeRuleBroken =
        new("SWR4002", Severity.Warning, "The converted code breaks a Flax or JAX run-time rule");
    // A pass's own conversion disagrees with what the analysis decided before rewriting, which other passes relied on.
    public static readonly DiagnosticDescriptor AnalysisDisagrees =
        new("SWR4003", Severity.Error, "A conversion disagrees with the analysis that other conversions relied on");

    // 9xxx: internal
    public static readonly DiagnosticDescriptor InternalError =
        new("SWR9001", Severity.Error, "Internal error");
    public static readonly DiagnosticDescriptor IndexFailed =
        new("SWR9002", Severity.Warning, "Internal error while indexing a file's module classes: files importing them convert without their facts");

    /// <summary>All codes, for documentation and tests.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = typeof(DiagnosticCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();
}
