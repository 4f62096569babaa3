using System.Text.RegularExpressions;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// What the rewriting stage shares: the tree and its bindings, the maps, the edit plan, the target
/// names to import, the diagnostics, and which torch name uses have been converted (an import is
/// removed only when all its uses were). Hooks see it through <see cref="Hooks.HookContext"/>.
/// </summary>
public sealed partial class ConversionContext(SyntaxTree tree, SemanticModel model, MapSet maps)
{
    private readonly Dictionary<ParserRuleContext, List<string>> _markers = new();

    public SyntaxTree Tree { get; } = tree;

    public SemanticModel Model { get; } = model;

    public MapSet Maps { get; } = maps;

    public EditPlan Plan { get; } = new(tree.Tokens, tree.Source.Path);

    public TargetReferences Targets { get; } = new(maps.Imports);

    public List<Diagnostic> Diagnostics { get; } = new();

    private SpanIndex? _verbatim;
    private readonly HashSet<PythonParser.Class_defContext> _modules = new();
    private readonly Dictionary<string, PythonParser.Class_defContext> _modulesByName = new(StringComparer.Ordinal);
    private Modules.TrainState? _trainState;
    private Training.TrainingSteps? _trainingSteps;
    private RandomKeys? _randomKeys;

    private TensorFacts? _tensors;

    /// <summary>Which values are tensors by construction (<see cref="TensorFacts"/>), for hooks that ask.</summary>
    internal TensorFacts Tensors => _tensors ??= new TensorFacts(Model, Maps, ImportedClasses);

    /// <summary>Where random calls get their keys.</summary>
    internal RandomKeys RandomKeys => _randomKeys ??= new RandomKeys(this);

    /// <summary>Which module classes of the file need a train/eval flag (computed once, on first use).</summary>
    internal Modules.TrainState TrainState => _trainState ??= new Modules.TrainState(Summary, ImportedClasses);

    /// <summary>The training steps of the file (<c>zero_grad</c>, forward, <c>backward</c>, <c>step</c>), recognised once, on first use.</summary>
    internal Training.TrainingSteps TrainingSteps => _trainingSteps ??= new Training.TrainingSteps(this);

    /// <summary>Records a class being converted to a Linen module.</summary>
    internal void AddModule(PythonParser.Class_defContext cls)
    {
        if (_modules.Add(cls))
        {
            // The first class recorded under a name is the one its name finds.
            _modulesByName.TryAdd(cls.name().GetText(), cls);
        }
    }

    /// <summary>A converted module class of this file by name.</summary>
    internal PythonParser.Class_defContext? ModuleClassNamed(string name) => _modulesByName.GetValueOrDefault(name);

    /// <summary>The converted module class a node belongs to, if any (innermost enclosing class).</summary>
    internal PythonParser.Class_defContext? ModuleOf(ParserRuleContext node)
    {
        var cls = SyntaxShapes.Enclosing<PythonParser.Class_defContext>(node);
        return cls is not null && _modules.Contains(cls) ? cls : null;
    }
    private readonly List<Action> _deferred = new();

    /// <summary>Work that needs every conversion planned first (e.g. knowing which code was discarded).</summary>
    public void Defer(Action work) => _deferred.Add(work);

    internal void RunDeferred()
    {
        foreach (var work in _deferred)
        {
            work();
        }
    }

    /// <summary>
    /// Keeps a region exactly as written: a torch class that could not be converted stays torch code
    /// as a whole (its own diagnostic covers it), rather than half of its body being converted.
    /// </summary>
    public void KeepVerbatim(ParserRuleContext node) =>
        (_verbatim ??= new SpanIndex(Tree.Tokens.Count)).Add(node.Start.TokenIndex, node.Stop.TokenIndex);

    public bool IsVerbatim(ParserRuleContext node) =>
        _verbatim is not null && _verbatim.Covers(node.Start.TokenIndex, node.Stop.TokenIndex);

    /// <summary>Torch references and tensor method calls converted without a warning (for coverage figures).</summary>
    public int ConvertedSites { get; internal set; }

    /// <summary>Warnings and errors reported so far by translation.</summary>
    public int WarningCount { get; private set; }

    /// <summary>Torch name uses whose text an edit replaced.</summary>
    public HashSet<PythonParser.NameAtomContext> Converted { get; } = new();

    public string Text(ParserRuleContext node) => Tree.Text(node);

    /// <summary>A target expression from a map (<c>jax.numpy.float32</c>, <c>False</c>) with its qualified names made into references.</summary>
    public string Expression(string text) =>
        QualifiedTarget().Replace(text, m => Targets.IsEmittable(m.Value) ? Targets.Reference(m.Value) : m.Value);

    /// <summary>A dotted name not itself part of a longer one; it is a target when a map imports its module.</summary>
    [GeneratedRegex(@"(?<![\w.])[A-Za-z_]\w*(\.[A-Za-z_]\w*)*(?![\w])")]
    private static partial Regex QualifiedTarget();

    /// <summary>Marks every torch name inside <paramref name="node"/> as converted.</summary>
    public void MarkConverted(ParserRuleContext node)
    {
        foreach (var use in ParseTrees.Descendants<PythonParser.NameAtomContext>(node))
        {
            Converted.Add(use);
        }
    }

    /// <summary>Reports a diagnostic at a node and marks its statement with a comment naming the code.</summary>
    public void Report(DiagnosticDescriptor descriptor, ParserRuleContext node, string message)
    {
        var span = Tree.Span(node);
        if (descriptor.Severity != Severity.Info)
        {
            WarningCount++;
        }
        Diagnostics.Add(new Diagnostic(descriptor, message, Tree.Source.Path, span.StartLine, span.StartColumn, span.EndLine, span.EndColumn));
        _reportedAt.Add(node.Start.TokenIndex);
        if (descriptor.Severity != Severity.Info && SyntaxShapes.Enclosing<PythonParser.StatementContext>(node) is { } statement)
        {
            if (!_markers.TryGetValue(statement, out var lines))
            {
                _markers[statement] = lines = new List<string>();
            }
            lines.Add(Marker(descriptor.Code, Diagnostics[^1].Message));
        }
    }

    private readonly List<int> _reportedAt = new();

    /// <summary>The longest marker comment: the full message is in the build log and docs/diagnostics.md.</summary>
    public const int MarkerLength = 100;

    /// <summary>
    /// <c># switcheroo: SWR3001 torch.fft.fft has no mapping; kept as is</c>: the code and the
    /// message, cut at a word to at most <see cref="MarkerLength"/> characters (ASCII "...", so
    /// the marker encodes in any source encoding).
    /// </summary>
    internal static string Marker(string code, string message)
    {
        var marker = $"# switcheroo: {code} {message}";
        if (marker.Length <= MarkerLength)
        {
            return marker;
        }
        int cut = marker.LastIndexOf(' ', MarkerLength - 3);
        var kept = marker[..(cut > 22 ? cut : MarkerLength - 3)].TrimEnd(' ', ';', ',', ':');
        return kept + "...";
    }

    /// <summary>
    /// Forgets the warnings reported inside code a later conversion dropped (the <c>model.parameters()</c>
    /// of a clipping call that moved into the optimizer's chain): that code is not in the output.
    /// Infos stay: they are what tells of a removal (<c>.train()</c> removed, SWR3008).
    /// </summary>
    internal void ForgetDroppedReports()
    {
        for (int i = Diagnostics.Count - 1; i >= 0; i--)
        {
            if (Diagnostics[i].Severity != Severity.Info && Plan.IsDropped(_reportedAt[i]))
            {
                Diagnostics.RemoveAt(i);
                _reportedAt.RemoveAt(i);
            }
        }
        foreach (var statement in _markers.Keys.Where(s => Plan.IsDropped(s.Start.TokenIndex)).ToList())
        {
            _markers.Remove(statement);
        }
    }

    /// <summary>Puts the marker comments above their statements, at the statement's indentation.</summary>
    internal void PlaceMarkers()
    {
        foreach (var (statement, lines) in _markers)
        {
            var indentation = Indentation(statement.Start);
            var present = CommentsAbove(statement.Start);
            // A statement already marked with a code (by an earlier conversion of this code) is not
            // marked with it again, even when the reason reads differently now.
            var fresh = lines.Distinct().Where(line => !present.Contains(MarkerCode(line))).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }
            var text = string.Concat(fresh.Select(line => line + Newline() + indentation));
            Plan.InsertBefore(statement, text);
        }
    }

    /// <summary>A marker line's "# switcheroo: SWRnnnn" prefix (any other comment as it is).</summary>
    private static string MarkerCode(string comment) =>
        comment.StartsWith("# switcheroo: SWR", StringComparison.Ordinal) && comment.Length >= 21 ? comment[..21] : comment;

    /// <summary>The comment lines directly above a statement (markers by their code), so converting converted code adds no second marker.</summary>
    private HashSet<string> CommentsAbove(IToken first)
    {
        var comments = new HashSet<string>(StringComparer.Ordinal);
        for (int i = first.TokenIndex - 1; i >= 0; i--)
        {
            var token = Tree.Tokens[i];
            if (token.Type == PythonLexer.COMMENT)
            {
                comments.Add(MarkerCode(token.Text));
            }
            else if (token.Type is not (PythonLexer.WS or PythonLexer.NL or PythonLexer.INDENT or PythonLexer.DEDENT or PythonLexer.NEWLINE))
            {
                break;
            }
        }
        return comments;
    }

    /// <summary>
    /// Removes a whole statement line with its indentation. A comment on the line is kept on a
    /// line of its own; a block left empty gets <c>pass</c> later (<see cref="EmptiedBlocks"/>).
    /// </summary>
    public void RemoveStatement(PythonParser.StatementContext statement)
    {
        var tokens = Tree.Tokens;
        var indentation = Indentation(statement.Start);
        int first = LineStart(statement.Start, withIndentation: indentation.Length > 0);
        var comments = Enumerable.Range(first, statement.Stop.TokenIndex - first + 1)
            .Where(i => tokens[i].Type == PythonLexer.COMMENT).Select(i => tokens[i].Text).ToList();
        Plan.Discard(first, statement.Stop.TokenIndex, string.Concat(comments.Select(line => indentation + line + Newline())));
    }

    /// <summary>
    /// The whitespace before the first token of a line (skipping the empty INDENT/DEDENT tokens), as
    /// it will be written: a line a conversion re-indents (<see cref="Reindent"/>) has its new indentation.
    /// </summary>
    internal string Indentation(IToken first)
    {
        if (_relocated.TryGetValue(first.TokenIndex, out var moved))
        {
            return moved;
        }
        int i = LineStart(first, withIndentation: false) - 1;
        if (i < 0 || Tree.Tokens[i].Type != PythonLexer.WS)
        {
            return _indentation.GetValueOrDefault(first.TokenIndex, string.Empty);
        }
        return _indentation.GetValueOrDefault(i, Tree.Tokens[i].Text);
    }

    /// <summary>
    /// Where the line of <paramref name="first"/> starts: before the empty INDENT/DEDENT tokens in
    /// front of it and, <paramref name="withIndentation"/>, before its leading whitespace too.
    /// </summary>
    internal int LineStart(IToken first, bool withIndentation)
    {
        int start = first.TokenIndex;
        while (start > 0 && Tree.Tokens[start - 1].Type is PythonLexer.INDENT or PythonLexer.DEDENT)
        {
            start--;
        }
        return withIndentation && start > 0 && Tree.Tokens[start - 1].Type == PythonLexer.WS ? start - 1 : start;
    }

    private string? _newline;

    /// <summary>The file's own line ending, so inserted lines match it (found once).</summary>
    internal string Newline() =>
        _newline ??= Tree.Tokens.FirstOrDefault(t => t.Type is PythonLexer.NEWLINE or PythonLexer.NL && t.Text.Length > 0)?.Text ?? "\n";
}
