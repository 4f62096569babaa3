using System.Text.RegularExpressions;
using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// Where rewriting passes write: the <see cref="EditPlan"/> and the node-level verbs over it
/// (remove a statement, indentation of moved lines, fresh names), the target names to import,
/// which torch name uses were converted (an import is removed only when all its uses were), the
/// regions kept verbatim, and the statement-level edits settled once every conversion is planned
/// (EditSink.Before, and EditSink.Reads for those that depend on which reads of a name survive).
/// </summary>
public sealed partial class EditSink(SyntaxTree tree, SemanticModel model, MapSet maps)
{
    public SyntaxTree Tree { get; } = tree;

    private SemanticModel Model { get; } = model;

    public EditPlan Plan { get; } = new(tree.Tokens, tree.Source.Path);

    public TargetReferences Targets { get; } = new(maps.Imports);

    private SpanIndex? _verbatim;

    /// <summary>
    /// Keeps a region exactly as written: a torch class that could not be converted stays torch code
    /// as a whole (its own diagnostic covers it), rather than half of its body being converted.
    /// </summary>
    public void KeepVerbatim(ParserRuleContext node) =>
        (_verbatim ??= new SpanIndex(Tree.Tokens.Count)).Add(node.Start.TokenIndex, node.Stop.TokenIndex);

    public bool IsVerbatim(ParserRuleContext node) =>
        _verbatim is not null && _verbatim.Covers(node.Start.TokenIndex, node.Stop.TokenIndex);

    private readonly HashSet<ParserRuleContext> _rewrittenCalls = new();

    /// <summary>
    /// A method call a conversion rewrote whole (<c>self.add_module(name, layer)</c> of a container
    /// whose layers are named): it is not torch's method any more, so it is neither translated nor reported.
    /// </summary>
    public void RewroteCall(ParserRuleContext call) => _rewrittenCalls.Add(call);

    public bool IsRewrittenCall(ParserRuleContext call) => _rewrittenCalls.Contains(call);

    /// <summary>Torch references and tensor method calls converted without a warning (for coverage figures).</summary>
    public int ConvertedSites { get; internal set; }

    /// <summary>Torch name uses whose text an edit replaced.</summary>
    public HashSet<PythonParser.NameAtomContext> Converted { get; } = new();

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

    /// <summary>
    /// Replaces a node with code built anew (a call rewritten whole); a comment written inside it
    /// (<c>x.view(2,  # rows</c>) that the new code does not embed goes on a line of its own above
    /// the statement, at its indentation, so no comment is lost.
    /// </summary>
    public void ReplaceKeepingComments(ParserRuleContext node, params TextPart[] parts)
    {
        Plan.Replace(node, parts);
        var embedded = parts.OfType<TextPart.Source>().ToList();
        var comments = Enumerable.Range(node.Start.TokenIndex, node.Stop.TokenIndex - node.Start.TokenIndex + 1)
            .Where(i => Tree.Tokens[i].Type == PythonLexer.COMMENT && !embedded.Any(e => e.First <= i && i <= e.Last))
            .Select(i => Tree.Tokens[i].Text).ToList();
        if (comments.Count > 0 && SyntaxShapes.Enclosing<PythonParser.StatementContext>(node) is { } statement)
        {
            var indentation = Indentation(statement.Start);
            Plan.InsertBefore(statement, string.Concat(comments.Select(line => line + Newline() + indentation)));
        }
    }

    /// <summary>
    /// Removes a whole statement line with its indentation. A comment on the line is kept on a
    /// line of its own, but not a checker's pragma (<c># type: ignore[arg-type]</c>, <c># noqa</c>),
    /// which speaks of the removed line alone; a block left empty gets <c>pass</c> later (<see cref="EmptiedBlocks"/>).
    /// </summary>
    public void RemoveStatement(PythonParser.StatementContext statement)
    {
        var tokens = Tree.Tokens;
        var indentation = Indentation(statement.Start);
        int first = LineStart(statement.Start, withIndentation: indentation.Length > 0);
        // not the blank lines and the next line's indentation that a compound statement ends with
        int last = LastLineEnd(statement);
        var comments = Enumerable.Range(first, last - first + 1)
            .Where(i => tokens[i].Type == PythonLexer.COMMENT && !IsPragma(tokens[i].Text)).Select(i => tokens[i].Text).ToList();
        Plan.Discard(first, last, string.Concat(comments.Select(line => indentation + line + Newline())));
    }

    /// <summary>A checker's pragma about its own line: <c># type: ignore</c>, <c># noqa</c>, <c># pyright: ignore</c>, <c># pylint: disable</c>.</summary>
    private static bool IsPragma(string comment) =>
        System.Text.RegularExpressions.Regex.IsMatch(comment, @"^#\s*(type:\s*ignore|noqa|pyright:\s*ignore|pylint:\s*disable)\b");

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
