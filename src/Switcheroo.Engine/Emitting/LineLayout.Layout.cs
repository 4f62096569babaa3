using Antlr4.Runtime;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Emitting;

// How one line's tokens are split: black's right-hand split, and one element per line.
public static partial class LineLayout
{
    /// <summary>The layout of one statement's tokens (default channel, in order).</summary>
    private sealed class Layout(string text, List<IToken> tokens)
    {
        /// <summary>Tokens [from, to) laid out at an indentation; null when no split makes them fit.</summary>
        public List<string>? Lines(string indentation, int from, int to, int reserve = 0)
        {
            var whole = Text(from, to);
            if (indentation.Length + whole.Length + reserve <= MaxLength)
            {
                return [indentation + whole];
            }
            // black's right-hand split: the last bracket pair at this level whose head and tail fit,
            // trying earlier pairs when the head of a later one is itself too long.
            foreach (var (open, close) in BracketPairs(from, to).Reverse())
            {
                if (close == open + 1)
                {
                    continue;
                }
                var head = indentation + Text(from, open + 1);
                var tail = indentation + Text(close, to);
                if (head.Length > MaxLength || tail.Length + reserve > MaxLength)
                {
                    continue;
                }
                var body = Body(indentation + Step, open + 1, close);
                if (body is not null)
                {
                    return [head, .. body, tail];
                }
            }
            return null;
        }

        /// <summary>
        /// Whole elements on a line inside a statement's brackets (<c>a(...), b, c(...)</c>), one per
        /// line at the line's own indentation, each laid out in turn; null when there is one element.
        /// </summary>
        public List<string>? Elements(string indentation, int from, int to, int reserve)
        {
            var commas = TopLevelCommas(from, to);
            if (commas.Count == 0 || commas.Count == 1 && commas[0] == to - 1)
            {
                return null;
            }
            var lines = new List<string>();
            int start = from;
            foreach (int comma in commas.Append(to))
            {
                if (start >= to)
                {
                    break;
                }
                int end = comma == to ? to : comma + 1;
                var element = Lines(indentation, start, end, end == to ? reserve : 0);
                if (element is null)
                {
                    return null;
                }
                lines.AddRange(element);
                start = end;
            }
            return lines;
        }

        /// <summary>A bracket's contents: on one line if it fits, else one element per line with a trailing comma.</summary>
        private List<string>? Body(string indentation, int from, int to)
        {
            var commas = TopLevelCommas(from, to);
            var one = Text(from, to);
            if (indentation.Length + one.Length <= MaxLength && (commas.Count == 0 || commas[^1] != to - 1))
            {
                return [indentation + one];
            }
            if (commas.Count == 0)
            {
                return Lines(indentation, from, to);
            }
            var lines = new List<string>();
            int start = from;
            foreach (int comma in commas.Append(to))
            {
                if (start >= to)
                {
                    break;
                }
                int end = comma == to ? to : comma + 1;
                var element = Lines(indentation, start, end);
                if (element is null)
                {
                    return null;
                }
                if (comma == to)
                {
                    element[^1] += ",";
                }
                lines.AddRange(element);
                start = comma + 1;
            }
            return lines;
        }

        /// <summary>The bracket pairs at the outer level of [from, to), as (open, close) token indices.</summary>
        private IEnumerable<(int Open, int Close)> BracketPairs(int from, int to)
        {
            int depth = 0, open = -1;
            for (int i = from; i < to; i++)
            {
                if (IsOpening(tokens[i]) && depth++ == 0)
                {
                    open = i;
                }
                else if (IsClosing(tokens[i]) && --depth == 0)
                {
                    yield return (open, i);
                }
            }
        }

        /// <summary>
        /// The commas that separate elements of [from, to): not inside brackets, not between a
        /// lambda's parameters, and none at all in a comprehension (its <c>for a, b in</c> is one element).
        /// </summary>
        private List<int> TopLevelCommas(int from, int to)
        {
            var commas = new List<int>();
            int depth = 0;
            bool lambdaParameters = false;
            for (int i = from; i < to; i++)
            {
                var type = tokens[i].Type;
                if (IsOpening(tokens[i]))
                {
                    depth++;
                }
                else if (IsClosing(tokens[i]))
                {
                    depth--;
                }
                else if (depth == 0)
                {
                    switch (type)
                    {
                        case PythonLexer.FOR:
                            return [];
                        case PythonLexer.LAMBDA:
                            lambdaParameters = true;
                            break;
                        case PythonLexer.COLON when lambdaParameters:
                            lambdaParameters = false;
                            break;
                        case PythonLexer.COMMA when !lambdaParameters:
                            commas.Add(i);
                            break;
                    }
                }
            }
            return commas;
        }

        private static bool IsOpening(IToken token) => token.Type is PythonLexer.LPAR or PythonLexer.LSQB or PythonLexer.LBRACE;

        private static bool IsClosing(IToken token) => token.Type is PythonLexer.RPAR or PythonLexer.RSQB or PythonLexer.RBRACE;

        /// <summary>The source text of tokens [from, to), spacing between them as written.</summary>
        private string Text(int from, int to) =>
            from >= to ? string.Empty : text[tokens[from].StartIndex..(tokens[to - 1].StopIndex + 1)];
    }
}
