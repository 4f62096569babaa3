using System.Text;
using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting;

// Validation and rendering of an edit plan.
public sealed partial class EditPlan
{
    /// <summary>Finds edits that cannot all be applied: partial overlaps and edits a replacement would silently drop.</summary>
    /// <remarks>
    /// Only pairs of replacements that overlap are compared (found in order of their first token),
    /// and only insertions some kept replacement covers are checked against the replacements, so
    /// validation grows with the edits and their overlaps, not with the square of the edits. The
    /// problems come in the order of the edits, as a comparison of every pair would list them.
    /// </remarks>
    public IReadOnlyList<Diagnostic> Validate()
    {
        var overlaps = new List<(int X, int Y, Diagnostic Problem)>();
        var byFirst = Enumerable.Range(0, _replacements.Count).OrderBy(i => _replacements[i].First).ToArray();
        for (int p = 0; p < byFirst.Length; p++)
        {
            for (int q = p + 1; q < byFirst.Length && _replacements[byFirst[q]].First <= _replacements[byFirst[p]].Last; q++)
            {
                var (x, y) = (Math.Min(byFirst[p], byFirst[q]), Math.Max(byFirst[p], byFirst[q]));
                if (OverlapProblem(_replacements[x], _replacements[y]) is { } problem)
                {
                    overlaps.Add((x, y, problem));
                }
            }
        }
        var problems = overlaps.OrderBy(o => o.X).ThenBy(o => o.Y).Select(o => o.Problem).ToList();
        foreach (var insertion in _insertions)
        {
            int token = insertion.Token;
            bool coveredByKept = insertion.Before ? _kept.Covers(token - 1, token) : _kept.Covers(token, token + 1);
            if (!coveredByKept || EmbeddedAnywhere(token, token) || InsideDiscard(token, token))
            {
                continue;
            }
            foreach (var replacement in _replacements)
            {
                bool inside = insertion.Before
                    ? replacement.First < token && token <= replacement.Last
                    : replacement.First <= token && token < replacement.Last;
                if (inside && !replacement.Discards)
                {
                    problems.Add(Conflict(token, "an insertion inside a replaced node"));
                }
            }
        }
        return problems;
    }

    /// <summary>Two replacements that overlap must nest, and the inner one must be embedded or deleted on purpose.</summary>
    private Diagnostic? OverlapProblem(Replacement a, Replacement b)
    {
        if (a.Last < b.First || b.Last < a.First)
        {
            return null;
        }
        var (outer, inner) = Outer(a, b) ? (a, b) : (b, a);
        bool nested = outer.First <= inner.First && inner.Last <= outer.Last;
        bool accounted = outer.Discards || inner.Discards || outer.Embeds(inner.First, inner.Last)
            || EmbeddedAnywhere(inner.First, inner.Last) || InsideDiscard(inner.First, inner.Last);
        return nested && accounted ? null : Conflict(inner.First, "two replacements overlap");
    }

    /// <summary>The whole file with every edit applied. Call <see cref="Validate"/> first.</summary>
    public string Render()
    {
        var output = new StringBuilder();
        new Renderer(this, output).Range(0, tokens.Count - 1, null);
        return output.ToString();
    }

    /// <summary>
    /// The whole file with every edit applied, and where each source token that is not whitespace
    /// was written: (offset in the text, its source line), in order, for mapping output lines back.
    /// </summary>
    public string Render(List<(int Offset, int Line)> origins)
    {
        var output = new StringBuilder();
        new Renderer(this, output, origins).Range(0, tokens.Count - 1, null);
        return output.ToString();
    }

    /// <summary>
    /// Tokens <paramref name="first"/>..<paramref name="last"/> as they will be written where they
    /// stand, with the edits inside them applied (an edit reaching outside the range is not).
    /// </summary>
    public string Render(int first, int last)
    {
        var output = new StringBuilder();
        new Renderer(this, output).Range(first, last, null);
        return output.ToString();
    }

    /// <summary>Of two nested replacements, the outer one: the larger, or for equal ranges the later (it wraps the earlier).</summary>
    private static bool Outer(Replacement a, Replacement b) =>
        (a.First <= b.First && b.Last <= a.Last && !(a.First == b.First && a.Last == b.Last)) ||
        (a.First == b.First && a.Last == b.Last && a.Sequence > b.Sequence);

    private sealed class Renderer(EditPlan plan, StringBuilder output, List<(int Offset, int Line)>? origins = null)
    {
        // By reference: a record's hash would walk its parts for every lookup.
        private readonly HashSet<Insertion> _done = new(ReferenceEqualityComparer.Instance);


        public void Range(int first, int last, Replacement? within)
        {
            int i = first;
            while (i <= last)
            {
                var replacement = OutermostAt(i, last, within);
                Insertions(i, before: true, replacement);
                if (replacement is null)
                {
                    if (plan.Tokens[i] is { Type: not TokenConstants.EOF } token)
                    {
                        // A token's Text copies it out of the input each time it is read: its characters are read in place.
                        var text = Characters(token);
                        if (origins is not null && !text.IsWhiteSpace())
                        {
                            origins.Add((output.Length, token.Line));
                        }
                        output.Append(text);
                    }
                    Insertions(i, before: false, null);
                    i++;
                    continue;
                }
                Parts(replacement.Parts, replacement);
                Insertions(replacement.Last, before: false, null);
                i = replacement.Last + 1;
            }
        }

        /// <summary>
        /// A token's text: a token read from the input (not one with text of its own, <see cref="Grammar.PythonTextToken"/>,
        /// nor an empty one) as its characters in the input's string, without copying them out.
        /// </summary>
        private static ReadOnlySpan<char> Characters(IToken token) =>
            (token.GetType() == typeof(Grammar.PythonLeafToken) || token.GetType() == typeof(Grammar.PythonToken))
                && token.InputStream is Parsing.StringCharStream input && token.StartIndex <= token.StopIndex && token.StopIndex < input.Size
                ? input.Text.AsSpan(token.StartIndex, token.StopIndex - token.StartIndex + 1)
                : token.Text;

        private void Parts(TextPart[] parts, Replacement? owner)
        {
            foreach (var part in parts)
            {
                if (part is TextPart.Literal literal)
                {
                    output.Append(literal.Text);
                }
                else if (part is TextPart.Source source)
                {
                    bool parenthesise = source.Required > 0 && OutermostAt(source.First, source.Last, owner) is { } whole
                        && whole.Last == source.Last && whole.Precedence < source.Required;
                    output.Append(parenthesise ? "(" : "");
                    Range(source.First, source.Last, owner);
                    output.Append(parenthesise ? ")" : "");
                }
                else if (part is TextPart.Deferred deferred)
                {
                    output.Append(deferred.Text());
                }
            }
        }

        private Replacement? OutermostAt(int start, int last, Replacement? within)
        {
            Replacement? best = null;
            if (!plan._startingAt.TryGetValue(start, out var starting))
            {
                return null;
            }
            foreach (var r in starting)
            {
                if (r.Last > last || ReferenceEquals(r, within)
                    || (within is not null && !Outer(within, r)))
                {
                    continue;
                }
                if (best is null || Outer(r, best))
                {
                    best = r;
                }
            }
            return best;
        }

        /// <summary>
        /// Emits the insertions anchored at a token. Before a replacement that embeds the token,
        /// only the insertions of nodes at least as large as the replaced one go outside it; the
        /// others belong to the embedded node and are emitted when it is rendered.
        /// </summary>
        private void Insertions(int token, bool before, Replacement? startingHere)
        {
            if (plan._anchoredAt.TryGetValue((token, before), out var anchored))
            {
                Insertions(anchored, token, before, startingHere);
            }
        }

        // Apart from the lookup above: the lambda's captures are allocated when the method that
        // holds them is entered, and the lookup runs twice for every token rendered.
        private void Insertions(List<Insertion> anchored, int token, bool before, Replacement? startingHere)
        {
            var matching = anchored.Where(x => !_done.Contains(x)
                && (startingHere is null || !startingHere.Embeds(token, token) || x.Span >= startingHere.Last - startingHere.First));
            matching = before
                ? matching.OrderByDescending(x => x.Span).ThenBy(x => x.Sequence)
                : matching.OrderBy(x => x.Span).ThenBy(x => x.Sequence);
            foreach (var insertion in matching.ToList())
            {
                _done.Add(insertion);
                Parts(insertion.Parts, null);
            }
        }
    }
}
