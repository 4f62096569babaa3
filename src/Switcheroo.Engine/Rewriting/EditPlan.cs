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

    public bool IsEmpty => _replacements.Count == 0 && _insertions.Count == 0;

    /// <summary>How many edits are planned so far.</summary>
    public int EditCount => _replacements.Count + _insertions.Count;

    public IReadOnlyList<IToken> Tokens => tokens;

    public void Replace(ParserRuleContext node, params TextPart[] parts) =>
        Replace(node.Start.TokenIndex, node.Stop.TokenIndex, parts);

    public void Replace(IToken token, params TextPart[] parts) => Replace(token.TokenIndex, token.TokenIndex, parts);

    public void Replace(int first, int last, params TextPart[] parts) =>
        _replacements.Add(new Replacement(first, last, parts, _sequence++, Discards: false));

    /// <summary>
    /// Deletes code on purpose (a dropped argument, a removed line): edits planned inside it are
    /// moot and go with it, unlike a replacement, which must embed them.
    /// </summary>
    public void Discard(int first, int last, params TextPart[] replacement) =>
        _replacements.Add(new Replacement(first, last, replacement, _sequence++, Discards: true));

    public void Discard(ParserRuleContext node) => Discard(node.Start.TokenIndex, node.Stop.TokenIndex);

    /// <summary>Text before a node; when several nodes start at the same token, the outermost node's text comes first.</summary>
    public void InsertBefore(ParserRuleContext node, params TextPart[] parts) =>
        _insertions.Add(new Insertion(node.Start.TokenIndex, true, parts, node.Stop.TokenIndex - node.Start.TokenIndex, _sequence++));

    public void InsertBefore(IToken token, params TextPart[] parts) =>
        _insertions.Add(new Insertion(token.TokenIndex, true, parts, 0, _sequence++));

    /// <summary>Text after a node; when several nodes end at the same token, the innermost node's text comes first.</summary>
    public void InsertAfter(ParserRuleContext node, params TextPart[] parts) =>
        _insertions.Add(new Insertion(node.Stop.TokenIndex, false, parts, node.Stop.TokenIndex - node.Start.TokenIndex, _sequence++));

    public void InsertAfter(IToken token, params TextPart[] parts) =>
        _insertions.Add(new Insertion(token.TokenIndex, false, parts, 0, _sequence++));

    /// <summary>True when a replacement already covers this token (so a second edit of it would conflict).</summary>
    public bool IsReplaced(int tokenIndex) => _replacements.Any(r => r.First <= tokenIndex && tokenIndex <= r.Last);

    private sealed record Replacement(int First, int Last, TextPart[] Parts, int Sequence, bool Discards)
    {
        public IEnumerable<TextPart.Source> Embedded => Parts.OfType<TextPart.Source>();

        public bool Embeds(int first, int last) => Embedded.Any(s => s.First <= first && last <= s.Last);
    }

    private sealed record Insertion(int Token, bool Before, TextPart[] Parts, int Span, int Sequence);

    /// <summary>True when the token lies in code deleted on purpose.</summary>
    public bool IsDiscarded(int tokenIndex) => InsideDiscard(tokenIndex, tokenIndex);

    /// <summary>True when the token lies in code deleted on purpose and not written anywhere else (moved code is not dropped).</summary>
    public bool IsDropped(int tokenIndex) => InsideDiscard(tokenIndex, tokenIndex) && !EmbeddedAnywhere(tokenIndex, tokenIndex);

    /// <summary>True when the tokens lie in code deleted on purpose, where edits are moot.</summary>
    private bool InsideDiscard(int first, int last) => _replacements.Any(r => r.Discards && r.First <= first && last <= r.Last);

    /// <summary>True when some edit embeds the tokens (renders them, with their edits, somewhere).</summary>
    private bool EmbeddedAnywhere(int first, int last) =>
        _replacements.Any(r => r.Embeds(first, last))
        || _insertions.Any(i => i.Parts.OfType<TextPart.Source>().Any(s => s.First <= first && last <= s.Last));

    private Diagnostic Conflict(int tokenIndex, string what)
    {
        var token = tokens[Math.Clamp(tokenIndex, 0, tokens.Count - 1)];
        return new Diagnostic(DiagnosticCodes.EditConflict, $"internal: overlapping edits ({what}); the file is not written", path, token.Line, token.Column + 1);
    }
}
