using Antlr4.Runtime;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Emitting;

/// <summary>
/// Lays out the lines a conversion wrote that are longer than <see cref="MaxLength"/> the way black
/// would: split inside the last bracket pair whose head still fits, the bracket's contents on lines
/// of their own one level deeper, one element per line with a trailing comma when they do not fit
/// on one, and the same again inside an element that is still too long. Python joins lines inside
/// brackets, so only the layout changes. A line that is in the source as it is (the user's own long
/// line) is left alone, and so is a line with a comment, a line join or an f-string, or one that
/// is part of a statement spanning several lines: their layout is the author's.
/// </summary>
public static class LineLayout
{
    public const int MaxLength = 100;

    private const string Step = "    ";

    public static string Apply(string text, string source)
    {
        var lines = text.Split('\n');
        var candidates = Enumerable.Range(0, lines.Length).Where(i => Width(lines[i]) > MaxLength).ToList();
        if (candidates.Count == 0)
        {
            return text;
        }
        var own = source.Split('\n').Where(line => Width(line) > MaxLength).Select(line => line.TrimEnd('\r')).ToHashSet(StringComparer.Ordinal);
        candidates.RemoveAll(i => own.Contains(lines[i].TrimEnd('\r')));
        if (candidates.Count == 0)
        {
            return text;
        }
        var statements = SingleLineStatements(text);
        if (statements is null)
        {
            return text;
        }
        bool changed = false;
        foreach (int i in candidates)
        {
            if (statements.TryGetValue(i + 1, out var tokens))
            {
                var line = lines[i].TrimEnd('\r');
                var indentation = line[..(line.Length - line.TrimStart(' ', '\t').Length)];
                var laid = new Layout(text, tokens).Lines(indentation, 0, tokens.Count);
                if (laid is not null)
                {
                    var newline = lines[i].EndsWith('\r') ? "\r\n" : "\n";
                    lines[i] = string.Join(newline, laid) + (lines[i].EndsWith('\r') ? "\r" : string.Empty);
                    changed = true;
                }
            }
        }
        return changed ? string.Join('\n', lines) : text;
    }

    private static int Width(string line) => line.Length - (line.EndsWith('\r') ? 1 : 0);

    /// <summary>
    /// The tokens of each line (1-based) that holds one whole statement and nothing the layout must
    /// not move (comments, line joins, f-strings, strings spanning lines); null when the text does not lex.
    /// </summary>
    private static Dictionary<int, List<IToken>>? SingleLineStatements(string text)
    {
        var lexer = new PythonLexer(CharStreams.fromString(text));
        lexer.RemoveErrorListeners();
        var stream = new CommonTokenStream(lexer);
        stream.Fill();
        if (lexer.Error is not null)
        {
            return null;
        }
        var byLine = new Dictionary<int, List<IToken>>();
        var spoilt = new HashSet<int>();
        List<IToken>? current = null;
        foreach (var token in stream.GetTokens())
        {
            switch (token.Type)
            {
                case PythonLexer.COMMENT or PythonLexer.LINE_JOIN or PythonLexer.FSTRING_START:
                    spoilt.Add(token.Line);
                    continue;
                case PythonLexer.STRING when token.Text.Contains('\n'):
                    for (int line = token.Line; line <= token.Line + token.Text.Count(c => c == '\n'); line++)
                    {
                        spoilt.Add(line);
                    }
                    break;
            }
            if (token.Channel != Lexer.DefaultTokenChannel || token.Type is PythonLexer.INDENT or PythonLexer.DEDENT || token.Text.Length == 0 && token.Type != PythonLexer.NEWLINE)
            {
                continue;
            }
            if (token.Type == PythonLexer.NEWLINE)
            {
                if (current is { Count: > 0 } && current[0].Line == current[^1].Line && current[0].Line == token.Line)
                {
                    byLine[current[0].Line] = current;
                }
                current = null;
                continue;
            }
            // NEWLINE is never inside brackets: a statement starts at bracket depth 0.
            (current ??= new List<IToken>()).Add(token);
        }
        foreach (var line in spoilt)
        {
            byLine.Remove(line);
        }
        return byLine;
    }

    /// <summary>The layout of one statement's tokens (default channel, in order).</summary>
    private sealed class Layout(string text, List<IToken> tokens)
    {
        /// <summary>Tokens [from, to) laid out at an indentation; null when no split makes them fit.</summary>
        public List<string>? Lines(string indentation, int from, int to)
        {
            var whole = Text(from, to);
            if (indentation.Length + whole.Length <= MaxLength)
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
                if (head.Length > MaxLength || tail.Length > MaxLength)
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
