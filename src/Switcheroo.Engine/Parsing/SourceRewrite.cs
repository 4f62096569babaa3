using System.Text;
using Switcheroo.Engine.Diagnostics;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// A source rewritten before analysis (absolute imports made relative, factory and forwarded keywords written
/// out): character ranges of the source's text replaced, and the result parsed again.
/// </summary>
internal static class SourceRewrite
{
    /// <summary>
    /// The tree of <paramref name="tree"/>'s text with each range <c>[Start, Stop]</c> (character offsets,
    /// inclusive, not overlapping) replaced by its text; null when there is nothing to replace or the result
    /// does not parse (the caller keeps the tree it has).
    /// </summary>
    public static SyntaxTree? Apply(SyntaxTree tree, IReadOnlyCollection<(int Start, int Stop, string Text)> edits)
    {
        if (edits.Count == 0)
        {
            return null;
        }
        var text = new StringBuilder(tree.Source.Text);
        foreach (var (start, stop, replacement) in edits.OrderByDescending(e => e.Start))
        {
            text.Remove(start, stop - start + 1).Insert(start, replacement);
        }
        var parsed = PythonSyntax.Parse(new SourceText(tree.Source.Path, text.ToString(), tree.Source.Encoding));
        return parsed.Root is null || parsed.Diagnostics.Any(d => d.Severity == Severity.Error) ? null : parsed;
    }
}
