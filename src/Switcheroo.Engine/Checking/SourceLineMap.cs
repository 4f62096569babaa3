namespace Switcheroo.Engine.Checking;

/// <summary>
/// Which source line each line of a converted text came from: the line of the first source token
/// written on it, else (a line Switcheroo wrote, such as a marker or a moved statement) that of the
/// nearest line above with one. Placeholders substituted after rendering never span lines, so the
/// map made while rendering holds for the final text.
/// </summary>
public sealed class SourceLineMap
{
    private readonly int[] _sourceLines;

    private SourceLineMap(int[] sourceLines) => _sourceLines = sourceLines;

    /// <summary>The map of a text that is the source itself.</summary>
    public static SourceLineMap Identity { get; } = new([]);

    /// <summary>
    /// Builds the map from where source tokens were written: (offset in the output, the token's
    /// source line), in output order.
    /// </summary>
    public static SourceLineMap From(string output, IReadOnlyList<(int Offset, int Line)> origins)
    {
        var lines = new int[output.AsSpan().Count('\n') + 1];
        int line = 0, position = 0;
        foreach (var (offset, sourceLine) in origins)
        {
            for (; position < offset && position < output.Length; position++)
            {
                line += output[position] == '\n' ? 1 : 0;
            }
            if (lines[line] == 0)
            {
                lines[line] = sourceLine;
            }
        }
        for (int i = 0, last = 1; i < lines.Length; i++)
        {
            last = lines[i] = lines[i] == 0 ? last : lines[i];
        }
        return new SourceLineMap(lines);
    }

    /// <summary>The source line of a 1-based output line.</summary>
    public int SourceLine(int outputLine) =>
        _sourceLines.Length == 0 ? outputLine : _sourceLines[Math.Clamp(outputLine - 1, 0, _sourceLines.Length - 1)];

    /// <summary>How many spaces or tabs start a 1-based line of a text.</summary>
    public int Indentation(string text, int line)
    {
        int start = 0;
        for (int i = 1; i < line && start >= 0; i++)
        {
            start = text.IndexOf('\n', start) is var newline and >= 0 ? newline + 1 : -1;
        }
        if (start < 0)
        {
            return 0;
        }
        int end = start;
        while (end < text.Length && text[end] is ' ' or '\t')
        {
            end++;
        }
        return end - start;
    }
}
