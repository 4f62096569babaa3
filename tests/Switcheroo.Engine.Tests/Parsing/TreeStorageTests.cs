using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// The storage that keeps a parse's allocations down (docs/performance.md, fourth round) reads
/// as ANTLR's own: the string-backed char stream lexes as <see cref="CharStreams.fromString(string)"/>
/// does, and a node, as the list of its children, behaves as a list.
/// </summary>
public sealed class TreeStorageTests
{
    [Theory]
    [InlineData("x = 'héllo'  # ü\nif x:\n    y = f(x, *a, **k)\n")]
    [InlineData("s = '😀'; t = 1\n")]
    [InlineData("")]
    public void StringStreamLexesAsAntlrStream(string text)
    {
        Assert.Equal(Tokens(CharStreams.fromString(text)), Tokens(StringCharStream.For(text)));
    }

    [Fact]
    public void StringStreamIsOnlyUsedWithoutSurrogates()
    {
        Assert.IsType<StringCharStream>(StringCharStream.For("x = 1\n"));
        Assert.IsNotType<StringCharStream>(StringCharStream.For("x = '😀'\n"));
    }

    [Fact]
    public void NodeBehavesAsAListOfItsChildren()
    {
        var nodes = Enumerable.Range(0, 7).Select(i => (IParseTree)new TerminalNodeImpl(new CommonToken(i))).ToList();
        IList<IParseTree> list = new PythonParserContext();
        var expected = new List<IParseTree>();
        foreach (var node in nodes.Take(5))
        {
            list.Add(node);
            expected.Add(node);
        }
        list.Insert(1, nodes[5]);
        expected.Insert(1, nodes[5]);
        list.RemoveAt(list.Count - 1);
        expected.RemoveAt(expected.Count - 1);
        list.Remove(nodes[0]);
        expected.Remove(nodes[0]);
        list[2] = nodes[6];
        expected[2] = nodes[6];
        Assert.Equal(expected, list);
        Assert.Equal(expected.Count, list.Count);
        Assert.Equal(expected.IndexOf(nodes[6]), list.IndexOf(nodes[6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => list[list.Count]);
    }

    [Fact]
    public void ParsedNodesKeepTheirChildrenInThemselves()
    {
        var tree = PythonSyntax.Parse("t.py", System.Text.Encoding.UTF8.GetBytes("x = f(a, b, c, d)\n"));
        Assert.Same(tree.Root, tree.Root!.children);
        Assert.Equal("x = f(a, b, c, d)\n", tree.FullText());
    }

    [Fact]
    public void TokensAreTheirOwnLeaves()
    {
        var tree = PythonSyntax.Parse("t.py", System.Text.Encoding.UTF8.GetBytes("if x:\n    y = f(a, *b)  # c\n"));
        var leaves = new List<ITerminalNode>();
        Collect(tree.Root!, leaves);
        Assert.NotEmpty(leaves);
        foreach (var leaf in leaves)
        {
            var token = Assert.IsAssignableFrom<PythonToken>(leaf);
            Assert.Same(token, leaf.Symbol);
            Assert.Equal(leaf.Symbol.Type == TokenConstants.EOF ? "<EOF>" : leaf.Symbol.Text, leaf.ToString());
            Assert.IsAssignableFrom<IParseTree>(leaf.Parent);
        }
        Assert.Equal("if x:\n    y = f(a, *b)  # c\n", tree.FullText());
    }

    private static void Collect(IParseTree node, List<ITerminalNode> leaves)
    {
        if (node is ITerminalNode leaf)
        {
            leaves.Add(leaf);
        }
        for (int i = 0; i < node.ChildCount; i++)
        {
            Collect(node.GetChild(i), leaves);
        }
    }

    private static List<(int Type, int Channel, int Start, int Stop, int Line, int Column, string Text)> Tokens(ICharStream input)
    {
        var lexer = new PythonLexer(input);
        lexer.RemoveErrorListeners();
        var stream = new CommonTokenStream(lexer);
        stream.Fill();
        return stream.GetTokens().Select(t => (t.Type, t.Channel, t.StartIndex, t.StopIndex, t.Line, t.Column, t.Text)).ToList();
    }
}
