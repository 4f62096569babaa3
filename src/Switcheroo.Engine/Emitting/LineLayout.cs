using Antlr4.Runtime;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Emitting;

/// <summary>
/// Lays out the lines a conversion wrote that are longer than <see cref="MaxLength"/> the way black
/// would: split inside the last bracket pair whose head still fits, the bracket's contents on lines
/// of their own one level deeper, one element per line with a trailing comma when they do not fit
/// on one, and the same again inside an element that is still too long. Python joins lines inside
/// brackets, so only the layout changes. A line that is in the source as it is (the user's own long
/// line) is left alone, and so is a line with a line join, or one whose brackets
/// continue on another line: their layout is the author's. Within a statement spanning several
/// lines, a line holding whole elements (<c>nn.Conv(...),</c> in a list) is laid out in its own brackets.
/// A trailing comment ends the statement's last line, as black keeps it.
/// </summary>
public static partial class LineLayout
{
    public const int MaxLength = 100;

    private const string Step = "    ";

    public static string Apply(string text, string source) => Apply(text, source, null);

    /// <summary>
    /// As <see cref="Apply(string, string)"/>, with the tokens of <paramref name="text"/>
    /// (<paramref name="lexed"/>) when they are known already (the self-check parsed it:
    /// <see cref="Parsing.SyntaxTree.Tokens"/> of a tree that has a root, so the lexer met no
    /// error); else the text is lexed here.
    /// </summary>
    public static string Apply(string text, string source, IReadOnlyList<IToken>? lexed)
    {
        // Most texts have no line too long: found without splitting them into lines.
        var own = LongLines(source);
        if (!LongLines(text).Any(line => !own.Contains(line)))
        {
            return text;
        }
        var lines = text.Split('\n');
        var candidates = Enumerable.Range(0, lines.Length).Where(i => Width(lines[i]) > MaxLength).ToList();
        candidates.RemoveAll(i => own.Contains(lines[i].TrimEnd('\r')));
        var nested = new HashSet<int>();
        var statements = LayableLines(text, lexed, nested, candidates.Select(i => i + 1).ToHashSet());
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
                var comment = tokens[^1].Type == PythonLexer.COMMENT ? tokens[^1] : null;
                var code = comment is null ? tokens : tokens[..^1];
                // a trailing comment counts in the width of the line it ends, as in black
                int reserve = comment is null ? 0 : comment.StopIndex - code[^1].StopIndex;
                var layout = new Layout(text, code);
                // inside a statement's brackets, several elements on the line go one per line first,
                // as black splits at the enclosing brackets' commas before splitting inside an element
                var laid = nested.Contains(i + 1) ? layout.Elements(indentation, 0, code.Count, reserve) : null;
                laid ??= layout.Lines(indentation, 0, code.Count, reserve);
                if (laid is { Count: > 1 })
                {
                    if (comment is not null)
                    {
                        // as black does: a trailing comment stays at the end of the statement
                        laid[^1] += text[(code[^1].StopIndex + 1)..comment.StartIndex] + comment.Text;
                    }
                    var newline = lines[i].EndsWith('\r') ? "\r\n" : "\n";
                    lines[i] = string.Join(newline, laid) + (lines[i].EndsWith('\r') ? "\r" : string.Empty);
                    changed = true;
                }
            }
        }
        return changed ? string.Join('\n', lines) : text;
    }

    private static int Width(string line) => line.Length - (line.EndsWith('\r') ? 1 : 0);

    /// <summary>The lines of a text longer than <see cref="MaxLength"/>, each without its trailing <c>\r</c>s.</summary>
    private static HashSet<string> LongLines(string text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (int start = 0; start <= text.Length;)
        {
            int newline = text.IndexOf('\n', start);
            int end = newline < 0 ? text.Length : newline;
            var line = text.AsSpan(start, end - start);
            if (line.Length - (line.EndsWith('\r') ? 1 : 0) > MaxLength)
            {
                found.Add(line.TrimEnd('\r').ToString());
            }
            start = end + 1;
        }
        return found;
    }

    /// <summary>
    /// The tokens of each line (1-based) whose brackets are balanced on the line — a whole
    /// one-line statement, or whole elements inside a statement's brackets — and that holds nothing
    /// the layout must not move (line joins, strings spanning lines), a trailing comment last; null when the text
    /// does not lex. An f-string is one unit: only its first and last tokens are kept, so nothing
    /// inside it is ever split.
    /// </summary>
    private static Dictionary<int, List<IToken>>? LayableLines(string text, IReadOnlyList<IToken>? lexed, HashSet<int> nested, HashSet<int> wanted)
    {
        if (lexed is null)
        {
            var lexer = new PythonLexer(CharStreams.fromString(text));
            lexer.RemoveErrorListeners();
            var stream = new CommonTokenStream(lexer);
            stream.Fill();
            if (lexer.Error is not null)
            {
                return null;
            }
            lexed = stream.GetTokens().ToList();
        }
        // Only the lines asked for (those too long) keep their tokens; lastAdded is the line of the
        // last token that would have been kept (tokens come in order), to tell a line's first token.
        var byLine = new Dictionary<int, List<IToken>>();
        int lastAdded = int.MinValue;
        void Add(IToken token, int line)
        {
            lastAdded = line;
            if (wanted.Contains(line))
            {
                if (!byLine.TryGetValue(line, out var tokens))
                {
                    byLine[line] = tokens = new List<IToken>();
                }
                tokens.Add(token);
            }
        }
        var spoilt = new HashSet<int>();
        int insideFString = 0, depth = 0;
        IToken? fstringStart = null;
        foreach (var token in lexed)
        {
            if (token.Type == PythonLexer.FSTRING_START && insideFString++ == 0)
            {
                fstringStart = token;
            }
            if (insideFString > 0)
            {
                if (token.Type == PythonLexer.FSTRING_END && --insideFString == 0)
                {
                    Spoil(spoilt, fstringStart!.Line, token.Line + token.Text.Count(c => c == '\n'), token.Line != fstringStart.Line);
                    if (lastAdded != fstringStart.Line && depth > 0)
                    {
                        nested.Add(fstringStart.Line);
                    }
                    Add(fstringStart, fstringStart.Line);
                    Add(token, fstringStart.Line);
                }
                continue;
            }
            switch (token.Type)
            {
                case PythonLexer.COMMENT:
                    // kept after the laid-out code (it ends its line: nothing follows it there)
                    Add(token, token.Line);
                    continue;
                case PythonLexer.LINE_JOIN:
                    spoilt.Add(token.Line);
                    continue;
                case PythonLexer.STRING when token.Text.Contains('\n'):
                    Spoil(spoilt, token.Line, token.Line + token.Text.Count(c => c == '\n'), true);
                    continue;
            }
            if (token.Channel == Lexer.DefaultTokenChannel && HasText(token)
                && token.Type is not (PythonLexer.NEWLINE or PythonLexer.INDENT or PythonLexer.DEDENT))
            {
                if (lastAdded != token.Line && depth > 0)
                {
                    nested.Add(token.Line); // the line starts inside a statement's brackets
                }
                Add(token, token.Line);
                depth += token.Type is PythonLexer.LPAR or PythonLexer.LSQB or PythonLexer.LBRACE ? 1
                    : token.Type is PythonLexer.RPAR or PythonLexer.RSQB or PythonLexer.RBRACE ? -1 : 0;
            }
        }
        foreach (var line in spoilt)
        {
            byLine.Remove(line);
        }
        foreach (var (line, tokens) in byLine.ToList())
        {
            if (!Balanced(tokens))
            {
                byLine.Remove(line);
            }
        }
        return byLine;
    }

    /// <summary>
    /// Whether a token's text is not empty, without copying it out of the input when it is a
    /// <see cref="PythonToken"/> that reads its characters there (its text is then its input
    /// from <c>StartIndex</c> to <c>StopIndex</c>); any other token's text is read.
    /// </summary>
    private static bool HasText(IToken token) =>
        token.GetType() == typeof(PythonToken) && token.InputStream is { } input && token.StartIndex < input.Size && token.StopIndex < input.Size
            ? token.StopIndex >= token.StartIndex
            : token.Text.Length > 0;

    private static void Spoil(HashSet<int> spoilt, int first, int last, bool spans)
    {
        for (int line = first; spans && line <= last; line++)
        {
            spoilt.Add(line);
        }
    }

    /// <summary>Every bracket the line opens it closes, and it closes none it did not open; a comment-only line is not laid out.</summary>
    private static bool Balanced(List<IToken> tokens)
    {
        if (tokens[0].Type == PythonLexer.COMMENT)
        {
            return false;
        }
        int depth = 0;
        foreach (var token in tokens)
        {
            depth += token.Type is PythonLexer.LPAR or PythonLexer.LSQB or PythonLexer.LBRACE ? 1
                : token.Type is PythonLexer.RPAR or PythonLexer.RSQB or PythonLexer.RBRACE ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }
        return depth == 0;
    }
}
