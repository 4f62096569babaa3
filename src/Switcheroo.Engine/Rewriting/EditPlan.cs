using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// Planned edits over the lossless token stream, addressed by node, never by raw text offset.
/// Replacements may nest (an outer one embedding inner nodes through <see cref="TextPart.Source"/>)
/// or be disjoint; anything else — partial overlaps, or an edit hidden inside a replacement that
/// does not embed it — is found by <see cref="Validate"/> before any text is produced (SWR4001).
/// Everything outside the edits renders byte for byte as it was.
/// </summary>
public sealed partial class EditPlan(IReadOnlyList<IToken> tokens, string path)
{
    private readonly List<Replacement> _replacements = new();
    private readonly List<Insertion> _insertions = new();
    private int _sequence;

    // Indexed as edits are added: conversions ask these questions for every node they look at, and
    // validation and rendering for every edit and token, so none of them may scan all the edits.
    private readonly SpanIndex _replaced = new(tokens.Count);
    private readonly SpanIndex _kept = new(tokens.Count);
    private readonly SpanIndex _discarded = new(tokens.Count);
    private readonly SpanIndex _embedded = new(tokens.Count);
    private readonly Dictionary<int, List<Replacement>> _startingAt = new();
    private readonly Dictionary<(int Token, bool Before), List<Insertion>> _anchoredAt = new();

    public bool IsEmpty => _replacements.Count == 0 && _insertions.Count == 0;

    /// <summary>How many edits are planned so far.</summary>
    public int EditCount => _replacements.Count + _insertions.Count;

    public IReadOnlyList<IToken> Tokens => tokens;

    public void Replace(ParserRuleContext node, params TextPart[] parts) =>
        Replace(node.Start.TokenIndex, node.Stop.TokenIndex, parts);

    public void Replace(IToken token, params TextPart[] parts) => Replace(token.TokenIndex, token.TokenIndex, parts);

    public void Replace(int first, int last, params TextPart[] parts) =>
        Add(new Replacement(first, last, parts, _sequence++, Discards: false));

    /// <summary>
    /// Replaces an expression with code of the given precedence (<c>Syntax.PyPrecedence</c>: <c>a + b</c> for a
    /// call): where another edit embeds the node at a place that requires more (<c>(a + b) * c</c>), which it
    /// could not know when it was planned, the replacement is rendered in parentheses.
    /// </summary>
    public void ReplaceExpression(ParserRuleContext node, int precedence, params TextPart[] parts) =>
        Add(new Replacement(node.Start.TokenIndex, node.Stop.TokenIndex, parts, _sequence++, Discards: false, precedence));

    /// <summary>
    /// Deletes code on purpose (a dropped argument, a removed line): edits planned inside it are
    /// moot and go with it, unlike a replacement, which must embed them.
    /// </summary>
    public void Discard(int first, int last, params TextPart[] replacement) =>
        Add(new Replacement(first, last, replacement, _sequence++, Discards: true));

    public void Discard(ParserRuleContext node) => Discard(node.Start.TokenIndex, node.Stop.TokenIndex);

    /// <summary>Text before a node; when several nodes start at the same token, the outermost node's text comes first.</summary>
    public void InsertBefore(ParserRuleContext node, params TextPart[] parts) =>
        Add(new Insertion(node.Start.TokenIndex, true, parts, node.Stop.TokenIndex - node.Start.TokenIndex, _sequence++));

    public void InsertBefore(IToken token, params TextPart[] parts) =>
        Add(new Insertion(token.TokenIndex, true, parts, 0, _sequence++));

    /// <summary>Text after a node; when several nodes end at the same token, the innermost node's text comes first.</summary>
    public void InsertAfter(ParserRuleContext node, params TextPart[] parts) =>
        Add(new Insertion(node.Stop.TokenIndex, false, parts, node.Stop.TokenIndex - node.Start.TokenIndex, _sequence++));

    public void InsertAfter(IToken token, params TextPart[] parts) =>
        Add(new Insertion(token.TokenIndex, false, parts, 0, _sequence++));

    /// <summary>True when a replacement already covers this token (so a second edit of it would conflict).</summary>
    public bool IsReplaced(int tokenIndex) => _replaced.Covers(tokenIndex, tokenIndex);

    private void Add(Replacement replacement)
    {
        _replacements.Add(replacement);
        _replaced.Add(replacement.First, replacement.Last);
        (replacement.Discards ? _discarded : _kept).Add(replacement.First, replacement.Last);
        AddEmbedded(replacement.Parts);
        if (!_startingAt.TryGetValue(replacement.First, out var starting))
        {
            _startingAt[replacement.First] = starting = new List<Replacement>();
        }
        starting.Add(replacement);
    }

    private void Add(Insertion insertion)
    {
        _insertions.Add(insertion);
        AddEmbedded(insertion.Parts);
        if (!_anchoredAt.TryGetValue((insertion.Token, insertion.Before), out var anchored))
        {
            _anchoredAt[(insertion.Token, insertion.Before)] = anchored = new List<Insertion>();
        }
        anchored.Add(insertion);
    }

    private void AddEmbedded(TextPart[] parts)
    {
        foreach (var part in parts)
        {
            if (part is TextPart.Source source)
            {
                _embedded.Add(source.First, source.Last);
            }
        }
    }

    /// <param name="Precedence">the replacing code's precedence, where it is an expression (<see cref="ReplaceExpression"/>)</param>
    private sealed record Replacement(int First, int Last, TextPart[] Parts, int Sequence, bool Discards, int Precedence = int.MaxValue)
    {
        public IEnumerable<TextPart.Source> Embedded => Parts.OfType<TextPart.Source>();

        public bool Embeds(int first, int last) => Embedded.Any(s => s.First <= first && last <= s.Last);
    }

    private sealed record Insertion(int Token, bool Before, TextPart[] Parts, int Span, int Sequence);

    /// <summary>True when the token lies in code deleted on purpose.</summary>
    public bool IsDiscarded(int tokenIndex) => InsideDiscard(tokenIndex, tokenIndex);

    /// <summary>
    /// True when the token lies in code deleted on purpose and not written anywhere else (moved code
    /// is not dropped). Code written elsewhere as part of a larger range still loses what was deleted
    /// inside that range: the argument dropped from a call that a conversion embeds whole is dropped.
    /// </summary>
    public bool IsDropped(int tokenIndex)
    {
        if (!InsideDiscard(tokenIndex, tokenIndex))
        {
            return false;
        }
        if (!EmbeddedAnywhere(tokenIndex, tokenIndex))
        {
            return true;
        }
        // Asked a few times per file, once every edit is planned: a scan of the discards and embeddings is enough.
        var embeddings = _replacements.SelectMany(r => r.Embedded).Concat(_insertions.SelectMany(i => i.Parts.OfType<TextPart.Source>()))
            .Where(s => s.First <= tokenIndex && tokenIndex <= s.Last).ToList();
        return _replacements.Any(d => d.Discards && d.First <= tokenIndex && tokenIndex <= d.Last
            && embeddings.All(s => s.First <= d.First && d.Last <= s.Last));
    }

    /// <summary>True when the tokens lie in code deleted on purpose, where edits are moot.</summary>
    private bool InsideDiscard(int first, int last) => _discarded.Covers(first, last);

    /// <summary>True when some edit embeds the tokens (renders them, with their edits, somewhere).</summary>
    private bool EmbeddedAnywhere(int first, int last) => _embedded.Covers(first, last);

    private Diagnostic Conflict(int tokenIndex, string what)
    {
        var token = tokens[Math.Clamp(tokenIndex, 0, tokens.Count - 1)];
        return new Diagnostic(DiagnosticCodes.EditConflict, $"internal: overlapping edits ({what}); the file is not written", path, token.Line, token.Column + 1);
    }
}
