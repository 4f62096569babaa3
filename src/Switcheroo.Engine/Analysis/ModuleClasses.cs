using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// The classes of a file that convert to Linen modules: a base is a torch name whose map entry
/// names the <c>module_class</c> hook (<c>nn.Module</c>) or the <c>sequential</c> hook (<c>nn.Sequential</c>,
/// whose layers <see cref="SequentialLayers"/> must know), and the constructor's arguments can be
/// dataclass fields (<see cref="ConstructorProblem"/>). A class that cannot be converted is kept as
/// written, classes nested in it included. Known before rewriting, so every pass asks the same
/// question and gets the same answer wherever in the file it stands.
/// </summary>
public sealed class ModuleClasses
{
    /// <summary>The hook that converts a module class (the entry of <c>torch.nn.Module</c> names it).</summary>
    public const string Hook = MapSet.ModuleClassHook;

    private readonly HashSet<PythonParser.Class_defContext> _classes;
    private readonly Dictionary<string, PythonParser.Class_defContext> _byName;

    private ModuleClasses(List<PythonParser.Class_defContext> classes)
    {
        _classes = classes.ToHashSet();
        _byName = new(StringComparer.Ordinal);
        foreach (var cls in classes)
        {
            // The first class of a name is the one its name finds.
            _byName.TryAdd(cls.name().GetText(), cls);
        }
    }

    public static ModuleClasses Of(PythonParser.File_inputContext root, SemanticModel model, MapSet maps)
    {
        var converted = new List<PythonParser.Class_defContext>();
        var kept = new List<PythonParser.Class_defContext>();
        foreach (var cls in ParseTrees.Descendants<PythonParser.Class_defContext>(root))
        {
            if (kept.Any(outer => Contains(outer, cls)) || !ModelBases.Has(cls, model, maps))
            {
                continue;
            }
            (Problem(cls, model, maps) is null ? converted : kept).Add(cls);
        }
        return new ModuleClasses(converted);
    }

    /// <summary>A converted module class of this file by name.</summary>
    public PythonParser.Class_defContext? Named(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The converted module class a node belongs to, if any (innermost enclosing class).</summary>
    public PythonParser.Class_defContext? Around(ParserRuleContext node)
    {
        var cls = SyntaxShapes.Enclosing<PythonParser.Class_defContext>(node);
        return cls is not null && _classes.Contains(cls) ? cls : null;
    }

    /// <summary>The class's <c>__init__</c> (the first, plain or decorated), or null.</summary>
    public static PythonParser.Function_defContext? Constructor(PythonParser.Class_defContext cls) =>
        Methods(cls).FirstOrDefault(m => m.name().GetText() == "__init__");

    /// <summary>The functions a class body defines (decorated or not), in order.</summary>
    public static IEnumerable<PythonParser.Function_defContext> Methods(PythonParser.Class_defContext cls) =>
        cls.block().statement()
            .Select(s => s.compound_stmt())
            .Select(c => c?.function_def() ?? c?.decorated()?.function_def())
            .OfType<PythonParser.Function_defContext>();

    /// <summary>Why a class with a module base does not convert (<see cref="ConstructorProblem"/>, or a Sequential subclass's <see cref="SequentialLayers.Problem"/>), or null.</summary>
    public static string? Problem(PythonParser.Class_defContext cls, SemanticModel model, MapSet maps) =>
        ConstructorProblem(Constructor(cls))
        ?? (SequentialLayers.IsSequentialSubclass(cls, model, maps) ? SequentialLayers.Of(cls, model, maps).Problem : null);

    /// <summary>
    /// Why a constructor's arguments cannot be dataclass fields (<c>*args</c>, an argument without a
    /// default after one with, a dict or set default, no <c>self</c> first), or null when they can.
    /// </summary>
    public static string? ConstructorProblem(PythonParser.Function_defContext? init)
    {
        bool defaultSeen = false;
        foreach (var parameter in init?.parameters()?.parameter().Skip(1) ?? [])
        {
            if (parameter.name() is not { } name || parameter.STAR() is not null || parameter.DOUBLESTAR() is not null)
            {
                return "its constructor takes *args, **kwargs or positional-only markers, which dataclass fields cannot express";
            }
            var defaultValue = parameter.expression();
            if (defaultValue is null && defaultSeen)
            {
                return $"constructor argument '{name.GetText()}' has no default but follows one that has";
            }
            if (defaultValue is not null && SyntaxShapes.AtomOf(defaultValue) is PythonParser.DictOrSetAtomContext)
            {
                return $"constructor argument '{name.GetText()}' defaults to a dict or set, which a dataclass field cannot";
            }
            defaultSeen |= defaultValue is not null;
        }
        return init is not null && init.parameters()?.parameter(0)?.name()?.GetText() != "self" ? "its __init__ does not take self first" : null;
    }

    private static bool Contains(ParserRuleContext outer, ParserRuleContext inner) =>
        outer.Start.TokenIndex <= inner.Start.TokenIndex && inner.Stop.TokenIndex <= outer.Stop.TokenIndex;
}
