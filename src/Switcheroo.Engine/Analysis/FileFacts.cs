using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// What the analysis stage knows of one file before any edit is planned: its bindings, its classes'
/// summary and the module classes it imports from the files converted with it, which of its classes
/// carry a <c>train</c> field or use RNG streams and collections (<see cref="TrainState"/>), which
/// values are tensors (<see cref="TensorFacts"/>), and its layer declarations with their uses
/// (<see cref="LayerDeclarations"/>). Each fact is computed once, here, by a provider whose
/// parameters are exactly the facts it depends on (so the order below is their dependency order);
/// rewriting reads them and never computes them again.
/// </summary>
public sealed class FileFacts
{
    private FileFacts(SyntaxTree tree, SemanticModel model, MapSet maps, string modulePath, ProjectModules project)
    {
        Tree = tree;
        Model = model;
        Maps = maps;
        ModulePath = modulePath;
        Project = project;
        Summary = ModuleSummary.Of(tree.Root!, model, maps);
        ImportedClasses = project.Count == 0 ? new Dictionary<string, ClassFacts>() : project.Imported(modulePath, Summary);
        TrainState = new TrainState(Summary, ImportedClasses);
        Tensors = new TensorFacts(model, maps, ImportedClasses, project.Functions, modulePath);
        Layers = LayerDeclarations.Of(tree.Root!, model, maps);
        ModuleClasses = ModuleClasses.Of(tree.Root!, model, maps, ImportedClasses, TrainState,
            project.Count == 0 ? null : project.ImportedSignatures(modulePath, Summary));
        VariadicConstructions = Analysis.VariadicConstructions.Of(model, ModuleClasses, ImportedClasses, out var filtered);
        FilteredKeywords = filtered;
        LayerHelpers = Analysis.LayerHelpers.Of(tree.Root!, model, ModuleClasses);
        PartsOfTrainModules = Analysis.LayerHelpers.PartsOfTrainModules(tree.Root!, model, TrainState);
        Inits = LayerInits.Of(tree, model, maps, Layers, ModuleClasses);
        TrainingSteps = new Training.TrainingSteps(tree.Root!, model, maps, Tensors);
        StepConversions = new Training.StepConversions(tree, model, maps, TrainingSteps);
        RandomSources = RandomSources.Of(tree, model, maps);
    }

    /// <summary>Analyses a parsed file (one without a syntax tree has nothing to analyse) whose bindings are <paramref name="model"/>.</summary>
    /// <param name="modulePath">the file's module path in the output folder (<c>models/train</c>), empty for a file converted alone</param>
    /// <param name="project">the module classes of the files converted together (<see cref="Pipeline.Index"/>)</param>
    public static FileFacts Analyse(SyntaxTree tree, SemanticModel model, MapSet maps, string modulePath, ProjectModules project) =>
        tree.Root is null ? throw new ArgumentException("the file did not parse", nameof(tree)) : new(tree, model, maps, modulePath, project);

    public SyntaxTree Tree { get; }

    /// <summary>The file's scopes and bindings (the bind stage).</summary>
    public SemanticModel Model { get; }

    public MapSet Maps { get; }

    /// <summary>This file's module path in the output folder (<c>models/train</c>), for imports of the project's classes.</summary>
    public string ModulePath { get; }

    /// <summary>The module classes of the files converted together.</summary>
    public ProjectModules Project { get; }

    /// <summary>This file's classes and imports, as far as train/eval state goes.</summary>
    public ModuleSummary Summary { get; }

    /// <summary>
    /// Module classes this file imports from the other files converted together, by the name bound
    /// at module level (<c>from cnn import ConvNet</c>, <c>from .cnn import ConvNet as Net</c>).
    /// </summary>
    public IReadOnlyDictionary<string, ClassFacts> ImportedClasses { get; }

    /// <summary>Which module classes of the file need a train/eval flag, batch statistics, RNG streams.</summary>
    public TrainState TrainState { get; }

    /// <summary>Which values are tensors by construction.</summary>
    public TensorFacts Tensors { get; }

    /// <summary>The torch layers each class declares (<c>self.conv = nn.Conv2d(...)</c>) and where it calls them.</summary>
    public LayerDeclarations Layers { get; }

    /// <summary>The classes of this file that convert to Linen modules.</summary>
    public ModuleClasses ModuleClasses { get; }

    /// <summary>Constructions of module classes that pass what torch's constructor ignored (<see cref="Analysis.VariadicConstructions"/>).</summary>
    public IReadOnlyList<(Antlr4.Runtime.ParserRuleContext Node, string Problem)> VariadicConstructions { get; }

    /// <summary>The <c>**mapping</c> unpackings into those constructions whose keys torch's constructor partly ignored, to be filtered (<see cref="Analysis.VariadicConstructions.Filtered"/>).</summary>
    public IReadOnlyList<Analysis.VariadicConstructions.Filtered> FilteredKeywords { get; }

    /// <summary>The module-level functions that build layers only for converted module classes' setup, by name (<see cref="Analysis.LayerHelpers"/>).</summary>
    public IReadOnlyDictionary<string, Grammar.PythonParser.Function_defContext> LayerHelpers { get; }

    /// <summary>The module-level functions whose every call is an argument of a module class with a train flag (<see cref="Analysis.LayerHelpers.PartsOfTrainModules"/>).</summary>
    public IReadOnlySet<Grammar.PythonParser.Function_defContext> PartsOfTrainModules { get; }

    /// <summary>The <c>torch.nn.init</c> statements of the constructors and the layers whose initializers they become.</summary>
    public LayerInits Inits { get; }

    /// <summary>The training steps of the file (<c>zero_grad</c>, forward, <c>backward</c>, <c>step</c>), or why each <c>optimizer.step()</c> is not one.</summary>
    internal Training.TrainingSteps TrainingSteps { get; }

    /// <summary>Which recognised steps and schedulers convert, and the checkpoint a step starts from.</summary>
    internal Training.StepConversions StepConversions { get; }

    /// <summary>The seed statements and parameter initializers random calls draw their keys from.</summary>
    public RandomSources RandomSources { get; }

    /// <summary>Whether anything here is torch's: the file imports torch or a converted module class of another file.</summary>
    public bool UsesTorch => TorchNames.ImportedBy(Model) || ImportedClasses.Count > 0;
}
