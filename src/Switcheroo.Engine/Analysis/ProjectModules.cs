using System.Text;

namespace Switcheroo.Engine.Analysis;

/// <summary>What the conversion needs to know of a torch module class defined in another file.</summary>
[Flags]
public enum ClassFacts
{
    None = 0,

    /// <summary>A <c>torch.nn.Module</c> subclass: converted to a Linen module.</summary>
    Module = 1,

    /// <summary>Behaves differently in training and evaluation: the converted class has a <c>train</c> field.</summary>
    Train = 2,

    /// <summary>Keeps running statistics (BatchNorm): the <c>batch_stats</c> collection.</summary>
    BatchStats = 4,

    /// <summary>Draws dropout masks: the <c>dropout</c> RNG stream.</summary>
    Dropout = 8,

    /// <summary>Draws random numbers when applied (<c>torch.randn_like</c> in <c>forward</c>): the <c>noise</c> RNG stream.</summary>
    Noise = 16,

    /// <summary>
    /// Builds what it is given (<see cref="GivenBuilders"/>): a block class passed as an argument, which may
    /// keep statistics or draw dropout masks; the class carries the train flag, and a training step
    /// treats it as a model it does not know.
    /// </summary>
    BuildsGiven = 32,

    /// <summary>A module class its file keeps as torch code (reported, SWR3006): no subclass converts from it.</summary>
    Kept = 64,

    /// <summary>
    /// Its torch constructor takes <c>*args</c> or <c>**kwargs</c> that it never reads, which the Linen
    /// class has no field for: an importing file's constructions that unpack arguments into it, pass
    /// it <c>train</c>/<c>name</c>/<c>parent</c> or use it as a value are reported (<see cref="VariadicConstructions"/>).
    /// </summary>
    IgnoresArguments = 128,
}

/// <summary>
/// The torch module classes of the files converted together, by module path — the converted file's
/// path in the output folder without <c>.py</c> (<c>models/cnn</c>), which is how Python imports it —
/// so that a file importing a class of another (<c>from cnn import ConvNet</c>) converts its uses
/// (<c>model.train()</c>, the training step) as the class's own file does. Written to and read from a
/// small text file by the MSBuild integration (one line per class: path, class, facts).
/// </summary>
public sealed class ProjectModules
{
    private readonly Dictionary<string, Dictionary<string, ClassFacts>> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ConstructorSignature>> _signatures = new(StringComparer.Ordinal);

    public static ProjectModules Empty { get; } = new();

    public int Count => _modules.Sum(m => m.Value.Count);

    /// <summary>The top-level functions of the files, for calls between them (<see cref="Values.FunctionIndex"/>).</summary>
    public Values.ProjectFunctions Functions { get; set; } = Values.ProjectFunctions.Empty;

    /// <summary>The files' dotted names in their packages, for absolute imports between them (<see cref="AbsoluteImports"/>).</summary>
    public ProjectPackages Packages { get; set; } = ProjectPackages.Empty;

    /// <summary>Sets a module's classes; true when that changed what the project holds.</summary>
    public bool Set(string modulePath, IReadOnlyDictionary<string, ClassFacts> classes)
    {
        var before = _modules.GetValueOrDefault(modulePath);
        bool same = before is null
            ? classes.Count == 0
            : before.Count == classes.Count && classes.All(c => before.TryGetValue(c.Key, out var facts) && facts == c.Value);
        if (same)
        {
            return false;
        }
        if (classes.Count == 0)
        {
            _modules.Remove(modulePath);
        }
        else
        {
            _modules[modulePath] = classes.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        }
        return true;
    }

    /// <summary>
    /// Keeps the constructors of a module's classes that its summary knows (<see cref="ClassSummary.Signature"/>: those deriving
    /// from a model base or from a named base, which may be a module class of the project).
    /// </summary>
    public void SetSignatures(string modulePath, ModuleSummary summary)
    {
        var known = summary.Classes.Where(c => c.Signature is not null).ToDictionary(c => c.Name, c => c.Signature!, StringComparer.Ordinal);
        if (known.Count > 0)
        {
            _signatures[modulePath] = known;
        }
    }

    /// <summary>
    /// The constructor of an imported module class (<c>.transform.GeneralizedRCNNTransform</c>), seen from the file at
    /// <paramref name="importer"/> as <see cref="Resolve"/> finds it; null when not known, or when the classes' facts are (after the index's
    /// first summaries) and it is no module class.
    /// </summary>
    public ConstructorSignature? Signature(string importer, string qualifiedName)
    {
        int dot = qualifiedName.LastIndexOf('.');
        if (dot <= 0 && !qualifiedName.StartsWith('.') || _modules.Count > 0 && Resolve(importer, qualifiedName) is not { } facts)
        {
            return null;
        }
        var name = qualifiedName[(dot + 1)..];
        bool Known(string path) => _signatures.TryGetValue(path, out var classes) && classes.ContainsKey(name);
        return Locate(importer, qualifiedName[..dot], Known) is { } found ? _signatures[found][name] : null;
    }

    /// <summary>
    /// The facts of an imported class, <c>cnn.ConvNet</c> (from <c>from cnn import ConvNet</c>) or
    /// <c>.cnn.ConvNet</c> (a relative import), seen from the file at <paramref name="importer"/>. An
    /// absolute module is looked up beside the importer first, then from each folder above it (the
    /// folders Python may have on its path); a relative one from the importer's package.
    /// </summary>
    public ClassFacts? Resolve(string importer, string qualifiedName)
    {
        int dot = qualifiedName.LastIndexOf('.');
        if (dot <= 0 && !qualifiedName.StartsWith('.'))
        {
            return null;
        }
        var name = qualifiedName[(dot + 1)..];
        return Locate(importer, qualifiedName[..dot], path => Lookup(path, name) is not null) is { } found ? Lookup(found, name) : null;
    }

    /// <summary>
    /// The module path a module named in an import (<c>cnn</c>, <c>.cnn</c>, <c>..</c>) stands for, seen from the file at
    /// <paramref name="importer"/>, among those <paramref name="exists"/> accepts: an absolute module beside the importer
    /// first, then from each folder above it; a relative one from the importer's package. Null when none is.
    /// </summary>
    public static string? Locate(string importer, string module, Func<string, bool> exists)
    {
        var folder = importer.Contains('/') ? importer[..importer.LastIndexOf('/')] : string.Empty;
        if (module.StartsWith('.'))
        {
            int dots = module.TakeWhile(c => c == '.').Count();
            for (int up = 1; up < dots; up++)
            {
                if (folder.Length == 0)
                {
                    return null;
                }
                folder = folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : string.Empty;
            }
            var path = Join(folder, module[dots..].Replace('.', '/'));
            return exists(path) ? path : null;
        }
        var relative = module.Replace('.', '/');
        while (true)
        {
            if (Join(folder, relative) is var candidate && exists(candidate))
            {
                return candidate;
            }
            if (folder.Length == 0)
            {
                return null;
            }
            folder = folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : string.Empty;
        }
    }

    /// <summary>The module classes a file imports from the project, by the name it binds them to.</summary>
    public Dictionary<string, ClassFacts> Imported(string importer, ModuleSummary summary)
    {
        var imported = new Dictionary<string, ClassFacts>(StringComparer.Ordinal);
        foreach (var (name, qualified) in ImportedNames(summary))
        {
            if (Resolve(importer, qualified) is { } facts && facts.HasFlag(ClassFacts.Module))
            {
                imported[name] = facts;
            }
        }
        return imported;
    }

    /// <summary>The constructors of the module classes a file imports from the project, where the index knows them, by the name it binds them to.</summary>
    public Dictionary<string, ConstructorSignature> ImportedSignatures(string importer, ModuleSummary summary)
    {
        var signatures = new Dictionary<string, ConstructorSignature>(StringComparer.Ordinal);
        foreach (var (name, qualified) in ImportedNames(summary))
        {
            if (Resolve(importer, qualified) is { } facts && facts.HasFlag(ClassFacts.Module) && Signature(importer, qualified) is { } signature)
            {
                signatures[name] = signature;
            }
        }
        return signatures;
    }

    /// <summary>
    /// The names a file binds by import (<c>ConvNet</c> → <c>cnn.ConvNet</c>) and the bases it names through an imported module
    /// (<c>blocks.Block</c> for <c>from . import blocks</c>, by that text), with what they stand for; none before the index's first facts.
    /// </summary>
    private IEnumerable<(string Name, string Qualified)> ImportedNames(ModuleSummary summary)
    {
        if (_modules.Count == 0)
        {
            yield break;
        }
        foreach (var (name, qualified) in summary.Imports)
        {
            yield return (name, qualified);
        }
        foreach (var basis in summary.Classes.SelectMany(c => c.Bases).Where(b => b.Contains('.')))
        {
            var dot = basis.IndexOf('.');
            if (summary.Imports.TryGetValue(basis[..dot], out var module))
            {
                yield return (basis, $"{module}.{basis[(dot + 1)..]}");
            }
        }
    }

    private ClassFacts? Lookup(string modulePath, string name) =>
        _modules.TryGetValue(modulePath, out var classes) && classes.TryGetValue(name, out var facts) ? facts : null;

    private static string Join(string folder, string path) => folder.Length == 0 ? path : path.Length == 0 ? folder : folder + "/" + path;

    /// <summary>
    /// One line per class, sorted: <c>models/cnn	ConvNet	Module,Train,BatchStats,Dropout</c>,
    /// and one per known constructor, <c>%	models/cnn	ConvNet	Pchannels	Kdropout=0.5</c> (<see cref="ConstructorSignature.Fields"/>);
    /// then the functions' lines (<see cref="Values.ProjectFunctions.Lines"/>) and the packages' (<see cref="ProjectPackages.Lines"/>).
    /// </summary>
    public string Serialize()
    {
        var text = new StringBuilder();
        foreach (var (path, classes) in _modules.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            foreach (var (name, facts) in classes.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                text.Append(path).Append('\t').Append(name).Append('\t').Append(facts.ToString().Replace(" ", string.Empty)).Append('\n');
            }
        }
        foreach (var (path, classes) in _signatures.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            foreach (var (name, signature) in classes.Where(c => Lookup(path, c.Key) is not null).OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                text.Append(string.Join("\t", signature.Fields().Prepend(name).Prepend(path).Prepend("%"))).Append('\n');
            }
        }
        foreach (var line in Functions.Lines().Concat(Packages.Lines()))
        {
            text.Append(line).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Reads <see cref="Serialize"/>'s text; lines it cannot read are skipped (the file is the build's own).</summary>
    public static ProjectModules Parse(string text)
    {
        var project = new ProjectModules();
        var functions = new List<string[]>();
        var packages = new List<string[]>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('\t');
            if (fields[0].StartsWith('@'))
            {
                // A line of the functions' index (a module path never starts with '@').
                functions.Add(fields);
            }
            else if (fields[0] == "%")
            {
                // A constructor's line (no module path is '%').
                if (fields.Length >= 3 && ConstructorSignature.Parse(fields[3..]) is { } signature)
                {
                    if (!project._signatures.TryGetValue(fields[1], out var known))
                    {
                        project._signatures[fields[1]] = known = new(StringComparer.Ordinal);
                    }
                    known[fields[2]] = signature;
                }
            }
            else if (fields[0] == "=")
            {
                // A line of the packages (no module path is '=').
                packages.Add(fields);
            }
            else if (fields.Length == 3 && Enum.TryParse<ClassFacts>(fields[2], out var facts))
            {
                if (!project._modules.TryGetValue(fields[0], out var classes))
                {
                    project._modules[fields[0]] = classes = new(StringComparer.Ordinal);
                }
                classes[fields[1]] = facts;
            }
        }
        project.Functions = Values.ProjectFunctions.Parse(functions);
        project.Packages = ProjectPackages.Parse(packages);
        return project;
    }
}
