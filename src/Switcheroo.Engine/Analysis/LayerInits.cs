using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>What one init statement does to one parameter of a layer: <c>nn.init.zeros_(self.fc.bias)</c>.</summary>
/// <param name="Parameter">the torch parameter (<c>weight</c>, <c>bias</c>)</param>
/// <param name="Rule">the layer entry's rule: which Flax argument takes it</param>
/// <param name="Call">the init call (<c>nn.init.zeros_(...)</c>), whose arguments are literals</param>
/// <param name="Entry">the init function's map entry</param>
public sealed record LayerInit(string Parameter, InitRule Rule, PythonParser.CallExprContext Call, MapEntry Entry)
{
    /// <summary>
    /// The initializer, written in full, when it is not the entry's template filled with the call's
    /// arguments (regnet's <c>normal_(m.weight, std=math.sqrt(2.0 / fan_out))</c> with
    /// <c>fan_out</c> torch's fan-out of the layer: <c>variance_scaling(2.0, "fan_out", "normal")</c>); null otherwise.
    /// </summary>
    public string? Initializer { get; init; }

    /// <summary>
    /// The entry option whose template gives the initializer: <c>template</c>, or <c>layout</c> for a
    /// parameter kept in torch's layout drawn by an init whose fans are a kernel's (<c>fans: true</c>).
    /// </summary>
    public string Template { get; init; } = "template";
}

/// <summary>
/// torch's parameter initialisation in a module's constructor, found before any edit: which layer
/// declarations (<see cref="LayerDeclarations"/>) each <c>torch.nn.init.*</c> call applies to, so
/// the layer gets the initializer as an argument and the statement goes. Three forms convert, as
/// statements of <c>__init__</c>: a call on <c>self.LAYER.weight</c>; a
/// <c>for m in self.modules():</c> loop of <c>isinstance</c> branches; <c>self.apply(self.METHOD)</c>
/// with such branches in <c>METHOD(self, m)</c> (<see cref="InitBranches"/>). A loop reaches the
/// layers of the class and of the module classes of the file it builds, when those are built
/// nowhere else; a loop reaching layers the file does not show, alone under <c>if FLAG:</c>, or
/// with a branch on a module class of the file (<c>isinstance(m, Bottleneck) and m.bn3.weight is not None</c>)
/// is applied when the model initialises instead (<see cref="AtInit"/>; several per class, in order), when nothing after it in
/// <c>__init__</c> builds a submodule or initialises a layer. Every other init call, and every call
/// of a form that cannot be expressed (computed arguments, a guard decided at run time in a loop said
/// per layer), has a reason, and nothing of its statement is converted. The init functions are the map entries
/// naming the <c>layer_init</c> hook; which Flax argument takes a parameter is the layer entry's
/// <c>init</c> (docs/maps.md).
/// </summary>
public sealed class LayerInits
{
    /// <summary>The hook of the init functions' entries.</summary>
    public const string Hook = "layer_init";

    private const string Where =
        "Switcheroo moves an initialisation into the layer's initializer argument from a statement of the module's __init__: "
        + "a call on self.LAYER.weight/bias, a 'for m in self.modules()' loop of isinstance branches, or self.apply(self.METHOD)";

    private readonly Dictionary<PythonParser.CallExprContext, List<(LayerInit Init, int Level, int Order)>> _byLayer = new();
    private readonly Dictionary<PythonParser.CallExprContext, List<LayerInit>> _byParameter = new();
    private readonly Dictionary<PythonParser.CallExprContext, IReadOnlyList<PythonParser.StatementContext>> _removed = new();
    private readonly Dictionary<PythonParser.CallExprContext, string> _problems = new();
    private readonly Dictionary<PythonParser.Class_defContext, List<AtInitLoop>> _atInit = new();
    private readonly Dictionary<PythonParser.CallExprContext, PythonParser.Class_defContext> _decorates = new();
    private readonly Dictionary<PythonParser.CallExprContext, PythonParser.Class_defContext> _appliedBy = new();

    private LayerInits()
    {
    }

    /// <summary>
    /// The outermost condition of a constructor's <c>if</c>/<c>elif</c> around the call that reads
    /// <c>self</c> (vision_transformer's <c>if isinstance(self.conv_proj, nn.Conv2d):</c>), with no
    /// loop between them; or null.
    /// </summary>
    private static Antlr4.Runtime.ParserRuleContext? UnderSelfTest(PythonParser.CallExprContext call)
    {
        Antlr4.Runtime.ParserRuleContext? outermost = null;
        for (Antlr4.Runtime.Tree.IParseTree? node = call; node is not null; node = node.Parent)
        {
            var (condition, block) = node switch
            {
                PythonParser.If_stmtContext test => (test.NamedExpression(), (Antlr4.Runtime.ParserRuleContext)test.block()),
                PythonParser.Elif_blockContext elif => (elif.NamedExpression(), elif.block()),
                _ => (null, null),
            };
            if (condition is not null && block!.Start.TokenIndex <= call.Start.TokenIndex && call.Stop.TokenIndex <= block.Stop.TokenIndex
                && condition.GetText().Contains("self.", StringComparison.Ordinal))
            {
                outermost = condition;
            }
            if (node is PythonParser.For_stmtContext or PythonParser.While_stmtContext)
            {
                return null;
            }
            if (node is PythonParser.Function_defContext function)
            {
                return function.name().GetText() == "__init__" ? outermost : null;
            }
        }
        return null;
    }

    public static LayerInits Of(SyntaxTree tree, SemanticModel model, MapSet maps, LayerDeclarations layers, ModuleClasses classes)
    {
        var root = tree.Root!;
        // A loop that reaches a class whose own loop is applied at init must be applied at init
        // too, after it (torch runs the parent's loop last): grow the set of such classes until it holds.
        var runtime = new HashSet<PythonParser.Class_defContext>();
        while (true)
        {
            var inits = Build(tree, model, maps, layers, classes, runtime);
            if (inits._atInit.Keys.All(runtime.Contains))
            {
                return inits;
            }
            runtime.UnionWith(inits._atInit.Keys);
        }
    }

    private static LayerInits Build(SyntaxTree tree, SemanticModel model, MapSet maps, LayerDeclarations layers, ModuleClasses classes,
        IReadOnlySet<PythonParser.Class_defContext> runtime)
    {
        var root = tree.Root!;
        var inits = new LayerInits();
        bool IsInit(PythonParser.CallExprContext call) =>
            model.QualifiedName(call.expr()) is { } name && maps.Find(name) is { Hook: Hook };
        var calls = ParseTrees.Descendants<PythonParser.CallExprContext>(root).Where(IsInit).ToList();
        foreach (var call in calls)
        {
            inits._problems[call] = (UnderSelfTest(call) is { } test
                    ? $"it runs under '{(test.Parent is PythonParser.Elif_blockContext ? "elif" : "if")} {InitBranches.First(test)}:' in the constructor, a test of what the module holds that Switcheroo does not decide when it converts; {Where}. "
                    : $"torch initialises this parameter in place after construction; {Where}. ")
                + "Otherwise give the layer kernel_init=/bias_init=, or set the variables after model.init";
        }
        if (calls.Count == 0)
        {
            return inits;
        }
        var branches = new InitBranches(tree, model, maps, layers, classes, IsInit, runtime);
        foreach (var cls in ParseTrees.Descendants<PythonParser.Class_defContext>(root).Where(c => classes.Around(c) == c))
        {
            var statements = ModuleClasses.Constructor(cls)?.block().statement() ?? [];
            var atInit = new List<(int Line, string? Under)>();
            for (int i = 0; i < statements.Length; i++)
            {
                if (branches.Unit(cls, statements[i]) is not { } unit)
                {
                    foreach (var nested in branches.Nested(cls, statements[i]))
                    {
                        inits.Add(cls, nested);
                    }
                    continue;
                }
                // a later loop applied at init too runs after it (its decorator is written outside)
                if (unit is { Problem: null, AtInit: null } && atInit.FirstOrDefault(a => Overlaps(unit, a.Under)) is { Line: > 0 } earlier)
                {
                    unit = unit with { Inits = [], AtInit = null, Problem =
                        $"it runs after the initialisation loop of line {earlier.Line}, which is applied when the model initialises, after every initializer argument: write it before that loop" };
                }
                if (unit is { AtInit: not null, Problem: null, Under: null } && statements.Skip(i + 1).FirstOrDefault(s => BuildsSubmodules(cls, s)) is { } later)
                {
                    unit = unit with { AtInit = null, Problem =
                        $"'{InitBranches.First(later)}' comes after the loop, which torch's loop does not reach but a loop applied when the model initialises would" };
                }
                if (unit is { AtInit: not null, Problem: null, Under: { } under } && statements.Skip(i + 1).FirstOrDefault(s => Touches(cls, s, under)) is { } touching)
                {
                    unit = unit with { AtInit = null, Problem =
                        $"'{InitBranches.First(touching)}' comes after the loop and may change self.{under}, whose modules torch's loop reaches as they are then but a loop applied when the model initialises as they end up" };
                }
                if (unit is { AtInit: not null, Problem: null })
                {
                    atInit.Add((unit.Statements[0].Start.Line, unit.Under));
                }
                inits.Add(cls, unit);
            }
        }
        return inits;
    }

    /// <summary>
    /// A constructor statement after a loop that may add submodules: an assignment to <c>self.NAME</c>
    /// of a computed value, <c>self.add_module</c>/<c>register_module</c>, <c>setattr</c>, or a method of the class called.
    /// </summary>
    private static bool BuildsSubmodules(PythonParser.Class_defContext cls, PythonParser.StatementContext statement)
    {
        var methods = ModuleClasses.Methods(cls).Select(f => f.name().GetText())
            .Concat(["add_module", "register_module"]).ToHashSet(StringComparer.Ordinal);
        var calls = ParseTrees.Descendants<PythonParser.CallExprContext>(statement).ToList();
        return ParseTrees.Descendants<PythonParser.Expression_stmtContext>(statement).Any(a => a.EQUAL().Length > 0
                && a.star_expressions().GetText().StartsWith("self.", StringComparison.Ordinal)
                && ParseTrees.Descendants<PythonParser.CallExprContext>(a.assigned_value().Last()).Any())
            || calls.Any(c => c.expr() is PythonParser.AttributeExprContext callee && callee.expr().GetText() == "self" && methods.Contains(callee.name().GetText()))
            || calls.Any(c => c.expr().GetText() == "setattr");
    }

    /// <summary>
    /// Whether an initialisation after a loop applied at init may set what that loop sets: always,
    /// unless the loop reaches only <c>self.UNDER</c> and the later statement initialises other layers.
    /// </summary>
    private static bool Overlaps(InitUnit unit, string? under) =>
        under is null
        || unit.Inits.Any(i => i.Layer.Name == under || i.Layer.Name.StartsWith(under + "[", StringComparison.Ordinal));

    /// <summary>A statement that may change <c>self.UNDER</c>: it names it, calls a method of the class, or setattr.</summary>
    private static bool Touches(PythonParser.Class_defContext cls, PythonParser.StatementContext statement, string under)
    {
        var methods = ModuleClasses.Methods(cls).Select(f => f.name().GetText()).ToHashSet(StringComparer.Ordinal);
        return ParseTrees.Descendants<PythonParser.AttributeExprContext>(statement)
                .Any(a => a.expr().GetText() == "self" && (a.name().GetText() == under || methods.Contains(a.name().GetText())))
            || ParseTrees.Descendants<PythonParser.CallExprContext>(statement).Any(c => c.expr().GetText() == "setattr");
    }

    private void Add(PythonParser.Class_defContext cls, InitUnit unit)
    {
        var calls = unit.Statements.SelectMany(s => ParseTrees.Descendants<PythonParser.CallExprContext>(s)).Where(_problems.ContainsKey).ToList();
        if (unit.Problem is { } problem)
        {
            foreach (var call in calls)
            {
                _problems[call] = problem;
            }
            return;
        }
        // The unit's statements go once, with its first call; the other calls go with them.
        var first = calls.MinBy(c => c.Start.TokenIndex);
        foreach (var call in calls)
        {
            _problems.Remove(call);
            _removed[call] = call == first ? unit.Statements : [];
        }
        if (unit.AtInit is { } statements)
        {
            // in constructor order; the first loop's first call writes the decorators of them all
            if (!_atInit.TryGetValue(cls, out var loops))
            {
                _atInit[cls] = loops = [];
                _decorates[first!] = cls;
            }
            loops.Add(new AtInitLoop([.. statements], unit.When, unit.Under) { WhenNone = unit.WhenNone, Children = unit.Children });
            foreach (var call in calls)
            {
                _appliedBy[call] = cls;
            }
        }
        foreach (var (parameter, init) in unit.Parameters)
        {
            if (!_byParameter.TryGetValue(parameter, out var list))
            {
                _byParameter[parameter] = list = [];
            }
            list.Add(init);
        }
        foreach (var (layer, init, level) in unit.Inits)
        {
            if (!_byLayer.TryGetValue(layer.Construction, out var list))
            {
                _byLayer[layer.Construction] = list = [];
            }
            list.Add((init, level, init.Call.Start.TokenIndex));
        }
    }

    /// <summary>
    /// The initializers a layer construction gets, one per parameter: the last to run wins (a
    /// class's own statements in order, then those of the modules that build it, outermost last).
    /// </summary>
    public IReadOnlyList<LayerInit> Of(PythonParser.CallExprContext construction) =>
        _byLayer.TryGetValue(construction, out var list)
            ? list.OrderBy(i => i.Level).ThenBy(i => i.Order).GroupBy(i => i.Init.Parameter).Select(g => g.Last().Init).ToList()
            : [];

    /// <summary>
    /// The initialisation an <c>nn.Parameter(...)</c> construction gets from the init statements
    /// on <c>self.NAME</c> after it: the last one (each fills the whole tensor); null when none.
    /// </summary>
    public LayerInit? OfParameter(PythonParser.CallExprContext parameter) =>
        _byParameter.TryGetValue(parameter, out var list) ? list.MaxBy(i => i.Call.Start.TokenIndex) : null;

    /// <summary>
    /// The statements that go when an init call converts (its statement, its loop, the apply call and
    /// method), given with the first call of the loop or method and empty for its others; null when it does not convert.
    /// </summary>
    public IReadOnlyList<PythonParser.StatementContext>? Removed(PythonParser.CallExprContext call) => _removed.GetValueOrDefault(call);

    /// <summary>
    /// The class whose <c>forward</c> gets the loops applied at init (<see cref="AtInit"/>), given
    /// with the first call of the class's first such loop; null for any other call.
    /// </summary>
    public PythonParser.Class_defContext? Decorates(PythonParser.CallExprContext call) => _decorates.GetValueOrDefault(call);

    /// <summary>The class whose decorators carry the loop of an init call applied at init, for every call of such a loop; null for any other call.</summary>
    public PythonParser.Class_defContext? AppliedBy(PythonParser.CallExprContext call) => _appliedBy.GetValueOrDefault(call);

    /// <summary>
    /// The loops of a class applied when the model initialises, in constructor order (an
    /// initialisation after one that is not such a loop does not convert): each <c>if</c>/<c>elif</c>
    /// statement of a loop's body as its branches, with the field it runs under and the submodule it walks.
    /// </summary>
    public IReadOnlyList<AtInitLoop> AtInit(PythonParser.Class_defContext cls) =>
        _atInit.TryGetValue(cls, out var list) ? list : [];

    /// <summary>Why an init call is not converted, or null when it is.</summary>
    public string? Problem(PythonParser.CallExprContext call) => _problems.GetValueOrDefault(call);
}

/// <summary>
/// A statement of a constructor that initialises layers: what it sets on which layer (and how late
/// it runs: <c>Level</c>), or, for a loop whose layers Switcheroo cannot all see, the branches
/// applied when the model initialises (<c>AtInit</c>); or why it cannot convert.
/// </summary>
internal sealed record InitUnit(
    IReadOnlyList<PythonParser.StatementContext> Statements,
    IReadOnlyList<(LayerDeclaration Layer, LayerInit Init, int Level)> Inits,
    string? Problem)
{
    public IReadOnlyList<IReadOnlyList<RuntimeBranch>>? AtInit { get; init; }

    /// <summary>The constructor argument (a field of the module) whose truth the loop runs under (<c>if init_weights:</c>), or null.</summary>
    public string? When { get; init; }

    /// <summary>The literal the field's <c>None</c> stands for (the constructor's <c>if init_weights is None: init_weights = True</c>), or null.</summary>
    public string? WhenNone { get; init; }

    /// <summary>The submodule whose modules alone the loop reaches (<c>for m in self.NAME.modules()</c>), or null.</summary>
    public string? Under { get; init; }

    /// <summary>Whether the loop reaches only the items of the Sequential <see cref="Under"/> (<c>for m in self.NAME.children()</c>).</summary>
    public bool Children { get; init; }

    /// <summary>The <c>nn.Parameter(...)</c> constructions whose values the statement draws anew (<c>nn.init.normal_(self.pos, std=0.02)</c>), each with its init.</summary>
    public IReadOnlyList<(PythonParser.CallExprContext Parameter, LayerInit Init)> Parameters { get; init; } = [];
}

/// <summary>
/// One <c>isinstance</c> branch of a loop applied when the model initialises: the torch classes it
/// tests, the initialisation of each parameter (the last call on it), and the parameters a
/// presence test guards (<c>if m.bias is not None:</c>), which a layer may lack.
/// </summary>
public sealed record RuntimeBranch(IReadOnlyList<string> Classes, IReadOnlyList<LayerInit> Inits, IReadOnlyList<string> Optional)
{
    /// <summary>
    /// For a branch on module classes of the file (<c>isinstance(m, Bottleneck)</c>, the class names
    /// in <see cref="Classes"/>), the attribute path of the submodule whose parameters it sets (<c>bn3</c>); null for torch layers.
    /// </summary>
    public string? At { get; init; }

    /// <summary>The parameters the branch's condition requires (<c>isinstance(m, A) and m.bn3.weight is not None</c>): without them the next branch is tried.</summary>
    public IReadOnlyList<string> Present { get; init; } = [];
}

/// <summary>
/// One isinstance branch of an init loop's body as read: the classes it tests (torch layers by
/// qualified name, or module classes of the file by name), its init calls (each with its
/// parameter's path from the loop variable, <c>bn3.weight</c>, and whether a presence test guards
/// it), the submodule path a branch on module classes sets, and the parameter its condition requires.
/// </summary>
internal sealed record TestedBranch(
    HashSet<string> Names, List<(PythonParser.CallExprContext Call, string Parameter, bool Guarded)> Calls, string? At, string? Present);

/// <summary>A loop of a class applied when the model initialises: its statements' branches, the field it runs under (<c>when</c>) and the submodule it walks (<c>under</c>).</summary>
public sealed record AtInitLoop(IReadOnlyList<IReadOnlyList<RuntimeBranch>> Statements, string? When, string? Under)
{
    /// <summary>The literal (<c>True</c>) the field <see cref="When"/> stands for when it is None, or null.</summary>
    public string? WhenNone { get; init; }

    /// <summary>Whether the loop reaches only the items of the Sequential <see cref="Under"/> (<c>for m in self.NAME.children()</c>).</summary>
    public bool Children { get; init; }
}
