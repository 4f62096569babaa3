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
        var nested = new HashSet<int>();
        var statements = LayableLines(text, lexed, nested);
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

    /// <summary>
    /// The tokens of each line (1-based) whose brackets are balanced on the line — a whole
    /// one-line statement, or whole elements inside a statement's brackets — and that holds nothing
    /// the layout must not move (line joins, strings spanning lines), a trailing comment last; null when the text
    /// does not lex. An f-string is one unit: only its first and last tokens are kept, so nothing
    /// inside it is ever split.
    /// </summary>
    private static Dictionary<int, List<IToken>>? LayableLines(string text, IReadOnlyList<IToken>? lexed, HashSet<int> nested)
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
        var byLine = new Dictionary<int, List<IToken>>();
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
                    if (!byLine.ContainsKey(fstringStart.Line) && depth > 0)
                    {
                        nested.Add(fstringStart.Line);
                    }
                    Add(byLine, fstringStart);
                    Add(byLine, token, fstringStart.Line);
                }
                continue;
            }
            switch (token.Type)
            {
                case PythonLexer.COMMENT:
                    // kept after the laid-out code (it ends its line: nothing follows it there)
                    Add(byLine, token);
                    continue;
                case PythonLexer.LINE_JOIN:
                    spoilt.Add(token.Line);
                    continue;
                case PythonLexer.STRING when token.Text.Contains('\n'):
                    Spoil(spoilt, token.Line, token.Line + token.Text.Count(c => c == '\n'), true);
                    continue;
            }
            if (token.Channel == Lexer.DefaultTokenChannel && token.Text.Length > 0
                && token.Type is not (PythonLexer.NEWLINE or PythonLexer.INDENT or PythonLexer.DEDENT))
            {
                if (!byLine.ContainsKey(token.Line) && depth > 0)
                {
                    nested.Add(token.Line); // the line starts inside a statement's brackets
                }
                Add(byLine, token);
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

    private static void Add(Dictionary<int, List<IToken>> byLine, IToken token, int? line = null)
    {
        if (!byLine.TryGetValue(line ?? token.Line, out var tokens))
        {
            byLine[line ?? token.Line] = tokens = new List<IToken>();
        }
        tokens.Add(token);
    }

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
