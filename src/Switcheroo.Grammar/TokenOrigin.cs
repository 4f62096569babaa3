using System;
using System.Threading;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace Switcheroo.Grammar;

/// <summary>
/// The lexer and input that a file's tokens come from (ANTLR's token source pair), with the file's
/// line table: a <see cref="PythonToken"/> answers its line and column from its start index, so it
/// needs no fields for them (docs/performance.md, seventh round).
/// </summary>
public sealed class TokenOrigin : Tuple<ITokenSource, ICharStream>
{
    private LineTable? lines;

    public TokenOrigin(ITokenSource lexer, ICharStream input)
        : base(lexer, input)
    {
    }

    /// <summary>The input's line starts, built when a token's line or column is first asked for.</summary>
    public LineTable Lines
    {
        get
        {
            // Built from the whole input, so two threads asking at once build equal tables.
            var table = Volatile.Read(ref lines);
            if (table is null)
            {
                table = LineTable.Of(Item2);
                Volatile.Write(ref lines, table);
            }
            return table;
        }
    }
}

/// <summary>
/// Where each line of an input starts, in the input's indices (code points), counting lines as the
/// lexer does: a line ends after '\n', and after a '\r' that no '\n' follows.
/// </summary>
public sealed class LineTable
{
    /// <summary>The index of each line's first character, in the first <see cref="count"/> entries; line 1 starts at 0.</summary>
    private readonly int[] starts;

    private readonly int count;

    private LineTable(int[] starts, int count)
    {
        this.starts = starts;
        this.count = count;
    }

    public static LineTable Of(ICharStream input)
    {
        int size = input.Size;
        // A stream over a string gives it without a copy of the whole file.
        string text = input is ITextCharStream { Text: var whole } ? whole
            : size == 0 ? string.Empty : input.GetText(Interval.Of(0, size - 1));
        // One array, sized by counting first: "\r\n" counts twice, a bound that is exact for '\n' endings.
        var starts = new int[text.AsSpan().Count('\n') + text.AsSpan().Count('\r') + 1];
        int count = 1;
        // Indices count code points: a surrogate pair is one (ANTLR's code-point stream).
        int index = 0;
        for (int i = 0; i < text.Length; i++, index++)
        {
            char c = text[i];
            if (c == '\n' || c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))
            {
                starts[count++] = index + 1;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }
        return new LineTable(starts, count);
    }

    /// <summary>The line (from 1) of the character at <paramref name="index"/>.</summary>
    public int LineOf(int index) => LineIndex(index) + 1;

    /// <summary>The column (from 0) of the character at <paramref name="index"/>.</summary>
    public int ColumnOf(int index) => index - starts[LineIndex(index)];

    private int LineIndex(int index)
    {
        int found = Array.BinarySearch(starts, 0, count, index);
        return found >= 0 ? found : ~found - 1;
    }
}

/// <summary>
/// A character stream over a string with one code point per character, which it gives as it is:
/// the line table reads it instead of copying the whole input (<see cref="ICharStream.GetText"/>).
/// </summary>
public interface ITextCharStream : ICharStream
{
    string Text { get; }
}
