using Antlr4.Runtime;
using Switcheroo.Engine.Analysis;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// What a rewriting pass (the translator, a hook) is handed, in three parts by responsibility: the
/// file's <see cref="Facts"/> (read-only, computed by the analysis stage before any edit), the
/// <see cref="Edits"/> it writes to, and the <see cref="Reports"/> it reports through. The few
/// members every hook uses are shortcuts to those parts. What remains here is the state that
/// rewriting passes share: the names of training steps' new code and the random keys.
/// </summary>
public sealed class ConversionContext(FileFacts facts)
{
    private RandomKeys? _randomKeys;

    /// <summary>The file's facts: bindings, class facts, tensors, layers (<see cref="FileFacts"/>).</summary>
    public FileFacts Facts { get; } = facts;

    /// <summary>Where edits go (<see cref="EditSink"/>).</summary>
    public EditSink Edits { get; } = new(facts.Tree, facts.Model, facts.Maps);

    /// <summary>Where diagnostics and their marker comments go (<see cref="Reporter"/>).</summary>
    public Reporter Reports { get; } = new(facts.Tree);

    public SyntaxTree Tree => Facts.Tree;

    public SemanticModel Model => Facts.Model;

    public MapSet Maps => Facts.Maps;

    public string Text(ParserRuleContext node) => Facts.Tree.Text(node);

    /// <summary>The source text of a part that embeds source tokens, as written (spacing included).</summary>
    public string Text(TextPart.Source source) =>
        string.Concat(Enumerable.Range(source.First, source.Last - source.First + 1).Select(i => Facts.Tree.Tokens[i].Text));

    public EditPlan Plan => Edits.Plan;

    public TargetReferences Targets => Edits.Targets;

    /// <inheritdoc cref="EditSink.Expression"/>
    public string Expression(string text) => Edits.Expression(text);

    /// <inheritdoc cref="EditSink.MarkConverted"/>
    public void MarkConverted(ParserRuleContext node) => Edits.MarkConverted(node);

    /// <inheritdoc cref="Reporter.Report"/>
    public void Report(DiagnosticDescriptor descriptor, ParserRuleContext node, string message) => Reports.Report(descriptor, node, message);

    /// <summary>Where random calls get their keys.</summary>
    internal RandomKeys RandomKeys => _randomKeys ??= new RandomKeys(this);

    /// <summary>Whether the file's note that automatic mixed precision was removed is made (<see cref="Hooks.AmpNote"/>).</summary>
    internal bool AmpNoted { get; set; }

    private Training.StepNames? _stepNames;

    /// <summary>The names of the new code of written training steps, shared by their writer and the hooks around them (<see cref="Training.StepNames"/>).</summary>
    internal Training.StepNames StepNames => _stepNames ??= new Training.StepNames(this);

    /// <summary>A converted module class of this file by name.</summary>
    internal PythonParser.Class_defContext? ModuleClassNamed(string name) => Facts.ModuleClasses.Named(name);

    /// <summary>The converted module class a node belongs to, if any (innermost enclosing class).</summary>
    internal PythonParser.Class_defContext? ModuleOf(ParserRuleContext node) => Facts.ModuleClasses.Around(node);

    /// <summary>
    /// The converted module class whose method's body holds the node, where <c>self</c> is the module;
    /// not a parameter's default, which becomes a field's default in the class body.
    /// </summary>
    internal PythonParser.Class_defContext? ModuleWithSelf(ParserRuleContext node) =>
        ModuleOf(node) is { } cls && SyntaxShapes.Enclosing<PythonParser.Function_defContext>(node) is { } method
        && ModuleOf(method) == cls && method.block().Start.TokenIndex <= node.Start.TokenIndex ? cls : null;

    /// <summary>
    /// How code at a node reads the converted module's train flag: <c>self.train</c> inside a
    /// converted module class, the <c>train</c> parameter inside a layer helper (<see cref="LayerHelpers"/>,
    /// which gains it); null elsewhere.
    /// </summary>
    internal string? TrainFlag(ParserRuleContext node)
    {
        if (ModuleOf(node) is not null)
        {
            return ModuleWithSelf(node) is not null ? "self.train" : null;
        }
        var outermost = OutermostFunction(node);
        return outermost is not null && Facts.LayerHelpers.GetValueOrDefault(outermost.name().GetText()) == outermost
            ? LayerHelpers.TrainParameter
            : null;
    }

    /// <summary>
    /// Whether the node is in a module-level function whose every call is an argument of a module
    /// class with a train flag (<see cref="LayerHelpers.PartsOfTrainModules"/>): a layer built there
    /// can follow that module's flag at apply time.
    /// </summary>
    internal bool InPartOfTrainModule(ParserRuleContext node) =>
        ModuleOf(node) is null && OutermostFunction(node) is { } function && Facts.PartsOfTrainModules.Contains(function);

    private static PythonParser.Function_defContext? OutermostFunction(ParserRuleContext node)
    {
        PythonParser.Function_defContext? outermost = null;
        for (RuleContext? current = node; current is not null; current = current.Parent)
        {
            outermost = current as PythonParser.Function_defContext ?? outermost;
        }
        return outermost;
    }
}
