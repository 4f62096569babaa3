using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Mapping;

/// <summary>
/// All map entries in force, with an explicit precedence: the built-in maps form the first layer
/// (a name defined twice there is an error, whichever files hold it), then each user map in the
/// order given. An entry that replaces one from an earlier layer must say <c>override: true</c>;
/// otherwise the conflict is an error (SWR1005) and the earlier entry stays. File names never
/// decide anything.
/// </summary>
public sealed class MapSet
{
    private readonly Dictionary<string, MapEntry> _byName;
    private readonly Dictionary<string, List<MapEntry>> _membersByShortName;
    private readonly HashSet<string> _traitShortNames;
    private readonly Dictionary<string, TorchTraits> _memberTraits;
    private readonly Dictionary<string, MapEntry> _modelMethods;
    private readonly Dictionary<string, List<MapEntry>> _classModules;
    private readonly IReadOnlyList<ModuleAlias> _aliases;
    private readonly HashSet<string> _modules;

    private MapSet(Dictionary<string, MapEntry> byName, ImportTable imports, IReadOnlyList<ModuleAlias> aliases)
    {
        _byName = byName;
        Imports = imports;
        // The longest module first, so torch.nn.modules.conv is tried before torch.nn.modules.
        _aliases = aliases.OrderByDescending(a => a.Module.Length).ToList();
        _membersByShortName = byName.Values
            .Where(e => e.Kind is EntryKind.Method or EntryKind.Attribute)
            .GroupBy(e => e.MemberName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var withTraits = byName.Values.Where(e => e.Traits != TorchTraits.None).ToList();
        _traitShortNames = withTraits.Where(e => e.Kind is not (EntryKind.Method or EntryKind.Attribute))
            .Select(e => e.MemberName).ToHashSet(StringComparer.Ordinal);
        _memberTraits = withTraits.Where(e => e.Kind == EntryKind.Method)
            .GroupBy(e => e.MemberName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Aggregate(TorchTraits.None, (all, e) => all | e.Traits), StringComparer.Ordinal);
        _modelMethods = new(StringComparer.Ordinal);
        foreach (var method in byName.Values.Where(e => e.Kind == EntryKind.Method && IsModuleBase(e.Torch[..e.Torch.LastIndexOf('.')])))
        {
            _modelMethods.TryAdd(method.MemberName, method);
        }
        _classModules = byName.Values.Where(e => e.Kind == EntryKind.Class && e.Torch.Contains('.'))
            .GroupBy(e => e.Torch[..e.Torch.LastIndexOf('.')], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _modules = byName.Keys.Concat(_aliases.Select(a => a.Module))
            .SelectMany(name => Enumerable.Range(0, name.Length).Where(i => name[i] == '.').Select(i => name[..i]))
            .Concat(_aliases.Select(a => a.Module))
            .ToHashSet(StringComparer.Ordinal);
        TraitsKey = TraitsFingerprint(withTraits, byName.Values.Where(IsModuleBaseEntry), _aliases);
    }

    public IReadOnlyCollection<MapEntry> Entries => _byName.Values;

    /// <summary>How converted files import the modules of the targets (the maps' <c>imports</c>).</summary>
    public ImportTable Imports { get; }

    public static MapSet Empty { get; } = new(new Dictionary<string, MapEntry>(StringComparer.Ordinal), ImportTable.Empty, []);

    /// <summary>The module aliases in force (the maps' <c>aliases</c>).</summary>
    public IReadOnlyList<ModuleAlias> Aliases => _aliases;

    /// <summary>
    /// The entry of a qualified name: its own, else that of the name it stands for under a module
    /// alias (<c>torch.nn.modules.conv.Conv2d</c> → <c>torch.nn.Conv2d</c>).
    /// </summary>
    private bool TryEntry(string qualifiedName, out MapEntry entry)
    {
        if (_byName.TryGetValue(qualifiedName, out entry!))
        {
            return true;
        }
        foreach (var alias in _aliases)
        {
            if (alias.Rename(qualifiedName) is { } canonical && _byName.TryGetValue(canonical, out entry!))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The entry for a function, class or constant by qualified name, else the nearest namespace entry above it.</summary>
    public MapEntry? Find(string qualifiedName)
    {
        if (TryEntry(qualifiedName, out var exact))
        {
            return exact;
        }
        for (int dot = qualifiedName.LastIndexOf('.'); dot > 0; dot = qualifiedName.LastIndexOf('.', dot - 1))
        {
            if (_byName.TryGetValue(qualifiedName[..dot], out var outer) && outer.Kind == EntryKind.Namespace)
            {
                return outer;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether the maps know a name: it has an entry (its own or under a module alias), or it is a module
    /// that entries or aliases are under (<c>torchvision.ops</c>, <c>torchvision.ops.misc</c>).
    /// </summary>
    public bool Covers(string qualifiedName) => TryEntry(qualifiedName, out _) || _modules.Contains(qualifiedName);

    /// <summary>Tensor methods or attributes (by kind) with this short name, e.g. <c>view</c>.</summary>
    public MapEntry? FindMember(string name, EntryKind kind) => FindMembers(name, kind).FirstOrDefault();

    /// <summary>
    /// The method entries with this short name that apply to receivers other than models, in map order:
    /// a model's own methods (<see cref="ModelMethod"/>) only where they say <c>any_receiver</c>.
    /// </summary>
    public IEnumerable<MapEntry> ObjectMethods(string name) =>
        FindMembers(name, EntryKind.Method).Where(e => e.AnyReceiver || !ReferenceEquals(e, ModelMethod(e.MemberName)));

    /// <summary>Every method or attribute entry (by kind) with this short name, in map order (<c>step</c>: optimizers', schedulers').</summary>
    public IEnumerable<MapEntry> FindMembers(string name, EntryKind kind) =>
        _membersByShortName.TryGetValue(name, out var entries) ? entries.Where(e => e.Kind == kind) : [];

    /// <summary>
    /// Whether a method or attribute entry is a tensor's: the entry of the type it belongs to says
    /// <c>instances: tensor</c> (<c>torch.Tensor.view</c>; not <c>torch.optim.Optimizer.step</c>).
    /// </summary>
    public bool IsTensorMember(MapEntry entry) =>
        entry.Torch.LastIndexOf('.') is var dot and > 0 && _byName.TryGetValue(entry.Torch[..dot], out var owner) && owner.InstancesAreTensors;

    /// <summary>
    /// Whether a method entry is a torch layer class's own (<c>torch.nn.quantized.FloatFunctional.add</c>: its class's
    /// entry says <c>instances: module</c>), which applies only to an object that class built, never by its name alone
    /// (<c>x.add(y)</c> on a tensor, <c>s.add(k)</c> on a set); a model base's methods (<c>torch.nn.Module.NAME</c>) are not.
    /// </summary>
    public bool IsLayerMethod(MapEntry entry) =>
        entry.Kind == EntryKind.Method && entry.Torch.LastIndexOf('.') is var dot and > 0 && entry.Torch[..dot] is var owner
        && !IsModuleBase(owner) && BuildsModules(owner);

    /// <summary>The hook of the classes whose subclasses are models (the entry of <c>torch.nn.Module</c> names it).</summary>
    public const string ModuleClassHook = "module_class";

    /// <summary>The hook of the containers whose subclasses are models too (the entry of <c>torch.nn.Sequential</c> names it).</summary>
    public const string SequentialHook = "sequential";

    /// <summary>The hook of <c>nn.ModuleList</c> and <c>nn.ModuleDict</c>; a subclass of the dict one (option <c>type: dict</c>) is a model whose layers are named.</summary>
    public const string ContainerHook = "container";

    /// <summary>
    /// Whether a qualified name is a base class whose subclasses are models: its entry names the
    /// <see cref="ModuleClassHook"/> or the <see cref="SequentialHook"/>, or is the dict
    /// <see cref="ContainerHook"/> (<c>class Block(nn.ModuleDict)</c>, whose layers are named).
    /// </summary>
    public bool IsModuleBase(string qualifiedName) => TryEntry(qualifiedName, out var entry) && IsModuleBaseEntry(entry);

    private static bool IsModuleBaseEntry(MapEntry entry) =>
        entry.Kind == EntryKind.Class && (entry.Hook is ModuleClassHook or SequentialHook || IsNamedContainer(entry));

    /// <summary>Whether an entry is the container that names its layers (the <see cref="ContainerHook"/> with <c>type: dict</c>).</summary>
    public static bool IsNamedContainer(MapEntry entry) =>
        entry.Hook == ContainerHook && entry.Options.GetValueOrDefault("type") == "dict";

    /// <summary>
    /// The entry of a method that models have from their base class (<c>torch.nn.Module.modules</c>):
    /// what <c>model.NAME(...)</c> and <c>self.NAME(...)</c> in a model are, never a tensor method.
    /// </summary>
    public MapEntry? ModelMethod(string name) => _modelMethods.GetValueOrDefault(name);

    /// <summary>The hook of the optimizers' constructors (<c>torch.optim.SGD</c>'s entry names it).</summary>
    public const string OptimizerHook = "optimizer_constructor";

    /// <summary>
    /// Whether objects built by the constructors of <paramref name="module"/> are optimizers: the deepest
    /// module, it or one above it, that holds class entries holds one naming the <see cref="OptimizerHook"/>
    /// (<c>torch.optim</c>, so also an unmapped <c>torch.optim.LBFGS</c>; not <c>torch.optim.lr_scheduler</c>,
    /// whose classes are schedulers).
    /// </summary>
    public bool BuildsOptimizers(string module) => ClassesAround(module).Any(e => e.Hook == OptimizerHook);

    /// <summary>
    /// Whether objects of <paramref name="name"/> are torch modules, so calling one runs it: its class entry says
    /// <c>instances: module</c>; a module prefix ending in '.' (objects of several of its classes) when the classes around it include such one.
    /// </summary>
    public bool BuildsModules(string name) => name.EndsWith('.')
        ? ClassesAround(name[..^1]).Any(e => e.Instances == EntryInstances.Module)
        : TryEntry(name, out var entry) && entry.Instances == EntryInstances.Module;

    /// <summary>
    /// Whether calling <paramref name="name"/> builds what holds variables, a torch module or parameter (its class entry
    /// says <c>instances: module</c> or <c>parameter</c>): by its entry; a name without an entry of its own
    /// (<c>torch.nn.PReLU</c>, <c>torch.nn.init.orthogonal_</c>) by the class entries of the deepest module around it that has
    /// any (<c>torch.nn</c>), and null (not known) where no module around it has any (<c>torchvision.models</c>).
    /// </summary>
    public bool? BuildsVariables(string name)
    {
        static bool Holds(MapEntry e) => e.Instances is EntryInstances.Module or EntryInstances.Parameter;
        if (TryEntry(name, out var entry))
        {
            return Holds(entry);
        }
        return name.LastIndexOf('.') is var dot and > 0 && ClassesAround(name[..dot]) is { Count: > 0 } classes ? classes.Any(Holds) : null;
    }

    /// <summary>The class entries of the deepest module, <paramref name="module"/> or one above it, that has any.</summary>
    private IReadOnlyList<MapEntry> ClassesAround(string module)
    {
        for (var current = module; ; current = current[..current.LastIndexOf('.')])
        {
            if (_classModules.TryGetValue(current, out var classes))
            {
                return classes;
            }
            if (!current.Contains('.'))
            {
                return [];
            }
        }
    }

    /// <summary>The traits declared for a function or class by qualified name (none for names without an entry of their own).</summary>
    public TorchTraits TraitsOf(string qualifiedName) =>
        TryEntry(qualifiedName, out var entry) ? entry.Traits : TorchTraits.None;

    /// <summary>
    /// Whether a function or class whose name ends in <paramref name="lastName"/> declares traits: an
    /// attribute chain needs resolving only then (an import alias can rename a module, never the last part).
    /// </summary>
    public bool MayHaveTraits(string lastName) => _traitShortNames.Contains(lastName);

    /// <summary>The traits of the tensor methods with this short name (<c>normal_</c>), whatever the receiver.</summary>
    public TorchTraits MemberTraits(string name) => _memberTraits.GetValueOrDefault(name);

    /// <summary>
    /// Identifies the declared traits (which names have which) and the model base classes, so that what was computed from them —
    /// a build's cached module summaries (<see cref="IndexCache"/>) — is dropped when a map changes them.
    /// </summary>
    public string TraitsKey { get; }

    private static string TraitsFingerprint(IEnumerable<MapEntry> withTraits, IEnumerable<MapEntry> moduleBases, IEnumerable<ModuleAlias> aliases)
    {
        var lines = withTraits.Select(e => $"{e.Kind}\t{e.Torch}\t{(int)e.Traits}")
            .Concat(moduleBases.Select(e => $"base\t{e.Torch}"))
            .Concat(aliases.Select(a => $"alias\t{a.Module}\t{a.Canonical}")).Order(StringComparer.Ordinal);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }

    /// <summary>
    /// Layers the files: <paramref name="builtIn"/> first, then <paramref name="user"/> in order.
    /// The import rules of all files are gathered first; an entry whose target is in a module none
    /// of them imports is reported (SWR1010) and left out.
    /// </summary>
    public static MapSet Build(IEnumerable<MapFile> builtIn, IEnumerable<MapFile> user, ICollection<Diagnostic> diagnostics)
    {
        var builtInFiles = builtIn.ToList();
        var userFiles = user.ToList();
        var imports = ImportLayers.Merge(builtInFiles, userFiles, diagnostics);
        bool Importable(MapEntry entry) => ImportLayers.CheckTargets(entry, imports, diagnostics);
        var byName = new Dictionary<string, MapEntry>(StringComparer.Ordinal);
        // The order of the built-in files must not matter (docs/maps.md): taking entries by file
        // and position makes the kept entry and the reported duplicate the same in any order.
        var ordered = builtInFiles.SelectMany(file => file.Entries).Where(Importable)
            .OrderBy(e => e.Location.File, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ThenBy(e => e.Location.Column);
        foreach (var entry in ordered)
        {
            if (byName.TryGetValue(entry.Torch, out var first))
            {
                diagnostics.Add(At(DiagnosticCodes.MapDuplicate, entry,
                    $"'{entry.Torch}' is already mapped at {first.Location.File}({first.Location.Line},{first.Location.Column})"));
                continue;
            }
            byName[entry.Torch] = entry;
        }
        foreach (var layer in userFiles)
        {
            Apply(layer.Entries.Where(Importable).ToList(), byName, diagnostics);
        }
        return new MapSet(byName, imports, MergeAliases(builtInFiles.Concat(userFiles), diagnostics));
    }

    /// <summary>The aliases of every file; a module declared again must name the same canonical module (SWR1002 otherwise).</summary>
    private static List<ModuleAlias> MergeAliases(IEnumerable<MapFile> files, ICollection<Diagnostic> diagnostics)
    {
        var byModule = new Dictionary<string, ModuleAlias>(StringComparer.Ordinal);
        foreach (var alias in files.SelectMany(f => f.Aliases))
        {
            if (byModule.TryGetValue(alias.Module, out var first) && first.Canonical != alias.Canonical)
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.MapSchema,
                    $"'{alias.Module}' is already an alias of '{first.Canonical}' at {first.Location.File}({first.Location.Line},{first.Location.Column})",
                    alias.Location.File, alias.Location.Line, alias.Location.Column));
                continue;
            }
            byModule.TryAdd(alias.Module, alias);
        }
        return byModule.Values.ToList();
    }

    private static void Apply(IReadOnlyList<MapEntry> layer, Dictionary<string, MapEntry> byName, ICollection<Diagnostic> diagnostics)
    {
        foreach (var entry in layer)
        {
            bool exists = byName.TryGetValue(entry.Torch, out var earlier);
            if (exists && !entry.Override)
            {
                diagnostics.Add(At(DiagnosticCodes.MapConflict, entry,
                    $"'{entry.Torch}' is already mapped at {earlier!.Location.File}({earlier.Location.Line},{earlier.Location.Column}); add 'override: true' to replace it"));
                continue;
            }
            if (!exists && entry.Override)
            {
                diagnostics.Add(At(DiagnosticCodes.MapOverridesNothing, entry,
                    $"'{entry.Torch}' says 'override: true' but no earlier map defines it"));
            }
            byName[entry.Torch] = entry;
        }
    }

    private static Diagnostic At(DiagnosticDescriptor descriptor, MapEntry entry, string message) =>
        new(descriptor, message, entry.Location.File, entry.Location.Line, entry.Location.Column);
}
