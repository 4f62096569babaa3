using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>Adjacent literals concatenate, but not bytes with str or f-strings (<c>b"a" "b"</c>).</summary>
internal sealed class BytesMixCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var strings in ScopedTree.Of(root).Nodes<StringsContext>(RULE_strings))
        {
            if (strings.ChildCount > 1 && MixesBytes(strings))
            {
                // Raised while joining the literals, without a position: CPython shows the token after them.
                report.At(ParseTrees.NextTerminal(strings) ?? (IParseTree)strings, "cannot mix bytes and nonbytes literals");
            }
        }
    }

    private static bool MixesBytes(StringsContext strings)
    {
        bool bytes = false, text = false;
        foreach (var part in strings.children)
        {
            if (part is ITerminalNode literal && StringLiterals.IsBytes(literal.Symbol))
            {
                bytes = true;
            }
            else
            {
                text = true;
            }
        }
        return bytes && text;
    }
}
