using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// What CPython's compiler rejects in <c>case</c> patterns: an irrefutable pattern (a capture or
/// <c>_</c>) that is not the last case or alternative, alternatives binding different names, a name
/// bound twice, two starred names in one sequence, duplicate literal keys in a mapping and repeated
/// keyword attributes in a class pattern.
/// </summary>
internal sealed class MatchPatternCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var match in ScopedTree.Of(root).Nodes<Match_stmtContext>(RULE_match_stmt))
        {
            var cases = match.case_block();
            for (int i = 0; i < cases.Length; i++)
            {
                // A guard can fail, so only an unguarded irrefutable case hides the ones after it.
                bool mayBeIrrefutable = cases[i].guard() is not null || i == cases.Length - 1;
                new Walk(report).Patterns(cases[i].patterns(), mayBeIrrefutable, open: true);
            }
        }
    }

    /// <summary>One case's pattern, with the names it has bound so far.</summary>
    private sealed class Walk(CheckReporter report)
    {
        private readonly List<string> bound = new();

        /// <summary>Top-level <c>case a, b:</c> or the inside of brackets: a sequence unless it is one pattern without a comma.</summary>
        public void Patterns(PatternsContext? patterns, bool mayBeIrrefutable, bool open)
        {
            var items = patterns?.maybe_star_pattern() ?? Array.Empty<Maybe_star_patternContext>();
            if (open && items.Length == 1 && patterns!.COMMA().Length == 0 && items[0].pattern() is { } single)
            {
                Pattern(single, mayBeIrrefutable);
                return;
            }
            Sequence(patterns, items);
        }

        private void Sequence(ParserRuleContext? at, Maybe_star_patternContext[] items)
        {
            if (items.Count(item => item.STAR() is not null) > 1)
            {
                report.At(SequenceStart(at, items), "multiple starred names in sequence pattern");
            }
            foreach (var item in items)
            {
                if (item.pattern() is { } pattern)
                {
                    Pattern(pattern, mayBeIrrefutable: true);
                }
                else
                {
                    Bind(item.name(), item);
                }
            }
        }

        private static IToken SequenceStart(ParserRuleContext? at, Maybe_star_patternContext[] items) =>
            at?.Parent is Closed_patternContext brackets ? brackets.Start : items[0].Start;

        private void Pattern(PatternContext pattern, bool mayBeIrrefutable)
        {
            Or(pattern.or_pattern(), mayBeIrrefutable);
            if (pattern.AS() is not null)
            {
                Bind(pattern.name(), pattern);
            }
        }

        private void Or(Or_patternContext or, bool mayBeIrrefutable)
        {
            var alternatives = or.closed_pattern();
            if (alternatives.Length == 1)
            {
                Closed(alternatives[0], mayBeIrrefutable);
                return;
            }
            int before = bound.Count;
            List<string>? first = null;
            for (int i = 0; i < alternatives.Length; i++)
            {
                bound.RemoveRange(before, bound.Count - before);
                Closed(alternatives[i], mayBeIrrefutable && i == alternatives.Length - 1);
                var names = bound.GetRange(before, bound.Count - before);
                if (first is null)
                {
                    first = names;
                }
                else if (names.Count != first.Count || names.Except(first).Any())
                {
                    report.At(Unparenthesized(alternatives[i]), "alternative patterns bind different names");
                }
            }
            bound.RemoveRange(before, bound.Count - before);
            bound.AddRange(first!);
        }

        /// <summary>CPython positions a pattern without the parentheses around it.</summary>
        private static ParserRuleContext Unparenthesized(Closed_patternContext closed)
        {
            while (closed.LPAR() is not null && closed.name_or_attr() is null && closed.patterns() is { } inner
                && inner.COMMA().Length == 0 && inner.maybe_star_pattern() is [{ } only] && only.pattern() is { } pattern
                && pattern.AS() is null && pattern.or_pattern().closed_pattern() is [{ } next])
            {
                closed = next;
            }
            return closed;
        }

        private void Closed(Closed_patternContext closed, bool mayBeIrrefutable)
        {
            if (closed.name_or_attr() is { } name && closed.LPAR() is null)
            {
                if (name.name().Length == 1)
                {
                    Capture(name.name(0), mayBeIrrefutable);
                }
                return;
            }
            if (closed.name_or_attr() is not null)
            {
                Class(closed.pattern_arguments());
            }
            else if (closed.LPAR() is not null)
            {
                Patterns(closed.patterns(), mayBeIrrefutable, open: true);
            }
            else if (closed.LSQB() is not null)
            {
                Patterns(closed.patterns(), mayBeIrrefutable, open: false);
            }
            else if (closed.LBRACE() is not null)
            {
                Mapping(closed, closed.mapping_items());
            }
        }

        private void Capture(NameContext name, bool mayBeIrrefutable)
        {
            bool wildcard = name.GetText() == "_";
            if (!mayBeIrrefutable)
            {
                report.At(name, wildcard
                    ? "wildcard makes remaining patterns unreachable"
                    : $"name capture '{name.GetText()}' makes remaining patterns unreachable");
                return;
            }
            Bind(name, name);
        }

        private void Bind(NameContext name, ParserRuleContext at)
        {
            var text = name.GetText();
            if (text == "_")
            {
                return;
            }
            if (bound.Contains(text))
            {
                report.At(at, $"multiple assignments to name '{text}' in pattern");
                return;
            }
            bound.Add(text);
        }

        private void Class(Pattern_argumentsContext? arguments)
        {
            var keywords = new HashSet<string>();
            foreach (var argument in arguments?.pattern_argument() ?? Array.Empty<Pattern_argumentContext>())
            {
                if (argument.name() is { } keyword && !keywords.Add(keyword.GetText()))
                {
                    report.At(argument.pattern(), $"attribute name repeated in class pattern: {keyword.GetText()}");
                }
                Pattern(argument.pattern(), mayBeIrrefutable: true);
            }
        }

        private void Mapping(Closed_patternContext mapping, Mapping_itemsContext? items)
        {
            var keys = new HashSet<string>();
            foreach (var item in items?.mapping_item() ?? Array.Empty<Mapping_itemContext>())
            {
                if (item.literal_pattern() is { } literal && PatternLiterals.Value(literal) is var (key, repr) && !keys.Add(key))
                {
                    report.At(mapping, $"mapping pattern checks duplicate key ({repr})");
                }
            }
            foreach (var item in items?.mapping_item() ?? Array.Empty<Mapping_itemContext>())
            {
                Pattern(item.pattern(), mayBeIrrefutable: true);
            }
            if (items?.double_star_pattern() is { } rest)
            {
                Bind(rest.name(), rest);
            }
        }
    }
}
