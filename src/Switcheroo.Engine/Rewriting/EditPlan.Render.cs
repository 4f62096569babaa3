using System.Text;
using Antlr4.Runtime;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Rewriting;

// Validation and rendering of an edit plan.
public sealed partial class EditPlan
{
    /// <summary>Finds edits that cannot all be applied: partial overlaps and edits a replacement would silently drop.</summary>
    public IReadOnlyList<Diagnostic> Validate()
    {
        var problems = new List<Diagnostic>();
        for (int x = 0; x < _replacements.Count; x++)
        {
            for (int y = x + 1; y < _replacements.Count; y++)
            {
                var (a, b) = (_replacements[x], _replacements[y]);
                if (a.Last < b.First || b.Last < a.First)
                {
                    continue;
                }
                var (outer, inner) = Outer(a, b) ? (a, b) : (b, a);
                bool nested = outer.First <= inner.First && inner.Last <= outer.Last;
                bool accounted = outer.Discards || inner.Discards || outer.Embeds(inner.First, inner.Last)
                    || EmbeddedAnywhere(inner.First, inner.Last) || InsideDiscard(inner.First, inner.Last);
                if (!nested || !accounted)
                {
                    problems.Add(Conflict(inner.First, "two replacements overlap"));
                }
            }
        }
        foreach (var insertion in _insertions)
        {
            foreach (var replacement in _replacements)
            {
                bool inside = insertion.Before
                    ? replacement.First < insertion.Token && insertion.Token <= replacement.Last
                    : replacement.First <= insertion.Token && insertion.Token < replacement.Last;
                if (inside && !replacement.Discards && !EmbeddedAnywhere(insertion.Token, insertion.Token) && !InsideDiscard(insertion.Token, insertion.Token))
                {
                    problems.Add(Conflict(insertion.Token, "an insertion inside a replaced node"));
                }
            }
        }
        return problems;
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

        // Indexed once: rendering asks "what starts at token i" for every token of the file.
        private readonly ILookup<int, Replacement> _startingAt = plan._replacements.ToLookup(r => r.First);
        private readonly ILookup<(int Token, bool Before), Insertion> _anchoredAt = plan._insertions.ToLookup(x => (x.Token, x.Before));

        public void Range(int first, int last, Replacement? within)
        {
            int i = first;
            while (i <= last)
            {
                var replacement = OutermostAt(i, last, within);
                Insertions(i, before: true, replacement);
                if (replacement is null)
                {
                    if (plan.Tokens[i].Type != TokenConstants.EOF)
                    {
                        if (origins is not null && !string.IsNullOrWhiteSpace(plan.Tokens[i].Text))
                        {
                            origins.Add((output.Length, plan.Tokens[i].Line));
                        }
                        output.Append(plan.Tokens[i].Text);
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
                    Range(source.First, source.Last, owner);
                }
            }
        }

        private Replacement? OutermostAt(int start, int last, Replacement? within)
        {
            Replacement? best = null;
            foreach (var r in _startingAt[start])
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
            var anchored = _anchoredAt[(token, before)];
            if (!anchored.Any())
            {
                return;
            }
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
