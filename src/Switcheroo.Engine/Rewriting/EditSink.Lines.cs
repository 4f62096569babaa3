using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

// Lines a conversion moves: re-indented code, and names it introduces.
public sealed partial class EditSink
{
    // Keyed by the index of a line's leading WS token (or of the line's first token when the line
    // had no indentation): the indentation the line will have.
    private readonly Dictionary<int, string> _indentation = new();
    private readonly Dictionary<int, string> _relocated = new();
    private Dictionary<Antlr4.Runtime.ParserRuleContext, HashSet<string>>? _names;

    /// <summary>
    /// Says that the statement starting at a token is written elsewhere, at this indentation (a
    /// statement moved into a new function): markers for it follow it there.
    /// </summary>
    internal void Relocate(int statementStart, string indentation) => _relocated[statementStart] = indentation;

    /// <summary>
    /// Gives a line new indentation (a body moved out of a removed <c>with</c>, statements moved into
    /// a new function). Markers and inserted lines ask <see cref="Indentation"/> and follow it; the
    /// whitespace itself is edited once, by <see cref="ApplyIndentation"/>, however often a line moves.
    /// </summary>
    internal void Reindent(int lineStart, string indentation) => _indentation[lineStart] = indentation;

    /// <summary>The indentation a line has so far (after earlier <see cref="Reindent"/>s).</summary>
    internal string CurrentIndentation(int lineStart) =>
        _indentation.TryGetValue(lineStart, out var text) ? text
        : Tree.Tokens[lineStart].Type == PythonLexer.WS ? Tree.Tokens[lineStart].Text : string.Empty;

    /// <summary>Plans the whitespace edits of every re-indented line.</summary>
    internal void ApplyIndentation()
    {
        foreach (var (token, text) in _indentation)
        {
            if (Tree.Tokens[token].Type == PythonLexer.WS)
            {
                Plan.Replace(token, token, text);
            }
            else if (text.Length > 0)
            {
                Plan.InsertBefore(Tree.Tokens[token], text);
            }
        }
    }

    /// <summary>
    /// The line end after the last line of a statement's own: its last code line and the comment
    /// lines indented under it that follow, not the blank lines after them nor the indentation of
    /// the next line (a compound statement's last token is the DEDENT behind both).
    /// </summary>
    internal int LastLineEnd(Antlr4.Runtime.ParserRuleContext statement)
    {
        int last = statement.Stop.TokenIndex;
        while (last > statement.Start.TokenIndex && Tree.Tokens[last].Type != PythonLexer.NEWLINE)
        {
            last--;
        }
        var own = Indentation(statement.Start).Length;
        // A following comment line counts while it is indented deeper than the statement: WS COMMENT NL.
        while (last + 3 < statement.Stop.TokenIndex && Tree.Tokens[last + 1].Type == PythonLexer.WS
            && Tree.Tokens[last + 1].Text.Length > own && Tree.Tokens[last + 2].Type == PythonLexer.COMMENT
            && Tree.Tokens[last + 3].Type == PythonLexer.NL)
        {
            last += 3;
        }
        return last;
    }

    /// <summary>
    /// The leading-whitespace tokens of the lines that start inside tokens <paramref name="first"/>..<paramref name="last"/>
    /// (statement lines, comment lines and continuation lines alike; a line with no indentation has none).
    /// </summary>
    internal IEnumerable<int> LineStarts(int first, int last)
    {
        for (int i = Math.Max(first, 1); i <= last; i++)
        {
            if (Tree.Tokens[i].Type == PythonLexer.WS && Tree.Tokens[i - 1].Type is PythonLexer.NEWLINE or PythonLexer.NL)
            {
                yield return i;
            }
        }
    }

    /// <summary>
    /// A name for new code in the scope of <paramref name="scope"/> (a function, or the file) that
    /// nothing there uses and no module-level name is (<c>params</c>, else <c>params2</c>, ...); each
    /// name handed out is taken in that scope from then on.
    /// </summary>
    internal string FreshName(string name, Antlr4.Runtime.ParserRuleContext scope) => FreshName(name, [scope]);

    /// <summary>A name fresh in every one of <paramref name="scopes"/> (state that flows from a caller into a function), taken in each.</summary>
    internal string FreshName(string name, IReadOnlyList<Antlr4.Runtime.ParserRuleContext> scopes)
    {
        _names ??= new();
        var sets = scopes.Select(Taken).ToList();
        // The module's names are looked up, not copied into each scope's set: a file of many functions would copy them all for each.
        var module = Model.Module.Bindings;
        var candidate = name;
        for (int n = 2; sets.Any(t => t.Contains(candidate)) || module.ContainsKey(candidate); n++)
        {
            candidate = name + n;
        }
        foreach (var taken in sets)
        {
            taken.Add(candidate);
        }
        return candidate;

        HashSet<string> Taken(Antlr4.Runtime.ParserRuleContext scope)
        {
            if (!_names!.TryGetValue(scope, out var taken))
            {
                taken = Enumerable.Range(scope.Start.TokenIndex, scope.Stop.TokenIndex - scope.Start.TokenIndex + 1)
                    .Select(i => Tree.Tokens[i])
                    .Where(t => t.Type == PythonLexer.NAME)
                    .Select(t => t.Text)
                    .ToHashSet(StringComparer.Ordinal);
                _names[scope] = taken;
            }
            return taken;
        }
    }
}
