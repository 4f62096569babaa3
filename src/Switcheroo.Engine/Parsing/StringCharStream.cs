using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// The lexer's input read straight from the decoded string. ANTLR's <c>CharStreams.fromString</c>
/// copies the text into an array of code points (4 bytes a character, on the large-object heap
/// for any file over 21,000 characters) so that characters outside the BMP count as one; a text
/// without surrogates has one code point per character, so this stream gives the same indices,
/// columns and token texts without the copy. <see cref="For"/> picks it only for such texts.
/// </summary>
internal sealed class StringCharStream : ITextCharStream
{
    private readonly string text;
    private int position;

    private StringCharStream(string text)
    {
        this.text = text;
    }

    /// <summary>This stream when every character is a code point of its own, else ANTLR's code-point stream.</summary>
    public static ICharStream For(string text) =>
        text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 ? new StringCharStream(text) : CharStreams.fromString(text);

    public string Text => text;

    public int Index => position;

    public int Size => text.Length;

    public string SourceName => IntStreamConstants.UnknownSourceName;

    public void Consume()
    {
        if (position >= text.Length)
        {
            throw new InvalidOperationException("cannot consume EOF");
        }
        position++;
    }

    public int LA(int i)
    {
        if (i == 0)
        {
            return 0; // undefined
        }
        int at = i > 0 ? position + i - 1 : position + i;
        return at < 0 || at >= text.Length ? IntStreamConstants.EOF : text[at];
    }

    public int Mark() => -1;

    public void Release(int marker)
    {
    }

    public void Seek(int index) => position = index;

    public string GetText(Interval interval)
    {
        int start = Math.Min(interval.a, text.Length);
        int length = Math.Min(interval.b - interval.a + 1, text.Length - start);
        return length <= 0 ? string.Empty : text.Substring(start, length);
    }

    public override string ToString() => text;
}
