namespace Switcheroo.Engine.Rewriting;

// The other files converted together: the module classes this file imports from them.
public sealed partial class ConversionContext
{
    /// <summary>This file's module path in the output folder (<c>models/train</c>), for imports of the project's classes.</summary>
    public string ModulePath { get; init; } = string.Empty;

    /// <summary>The module classes of the files converted together.</summary>
    public Binding.ProjectModules Project { get; init; } = Binding.ProjectModules.Empty;

    private Dictionary<string, Binding.ClassFacts>? _imported;
    private Binding.ModuleSummary? _summary;

    /// <summary>This file's classes and imports, as far as train/eval state goes.</summary>
    internal Binding.ModuleSummary Summary => _summary ??= Binding.ModuleSummary.Of(Tree.Root!, Model, Maps);

    /// <summary>
    /// Module classes this file imports from the other files converted together, by the name bound
    /// at module level (<c>from cnn import ConvNet</c>, <c>from .cnn import ConvNet as Net</c>).
    /// </summary>
    internal IReadOnlyDictionary<string, Binding.ClassFacts> ImportedClasses =>
        _imported ??= Project.Count == 0 ? new Dictionary<string, Binding.ClassFacts>() : Project.Imported(ModulePath, Summary);
}
