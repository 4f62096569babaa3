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
    public void NodeWithOneChildHoldsItInItsField()
    {
        var child = new TerminalNodeImpl(new CommonToken(1));
        var node = new PythonParserContext();
        IList<IParseTree> list = node;
        Assert.Equal(0, node.ChildCount);
        list.Add(child);
        Assert.Equal(1, node.ChildCount);
        Assert.Same(child, node.GetChild(0));
        Assert.Null(node.GetChild(1));
        Assert.Null(node.GetChild(-1));
        Assert.Equal(new IParseTree[] { child }, list);
        list.RemoveAt(0);
        Assert.Equal(0, node.ChildCount);
        Assert.Empty(list);
    }

    /// <summary>
    /// A token's line and column come from the file's line table (lines end after '\n' and after a
    /// '\r' no '\n' follows; columns count code points); the EOF token keeps the position the
    /// lexer counted itself, so the two are compared there too.
    /// </summary>
    [Theory]
    [InlineData("x = 1\r\ny = 2\rz = \"\"\"a\rb\r\nc\nd\"\"\"  # c\r\nif x:\r\n\tw = f\"{x!r:>{y}}\" \\\r\n  + 3\r\n\r\ns = '😀'; t = (1,\r 2)\n")]
    [InlineData("\uFEFFimport os\nclass A:\n    def f(self):\n        return '😀😀' + \"\"\"\n😀\"\"\"\n\n\n  # odd\nz = 3")]
    [InlineData("")]
    [InlineData("\r")]
    public void TokensAnswerTheLineAndColumnTheLexerCounted(string text)
    {
        var lexer = new PythonLexer(StringCharStream.For(text));
        lexer.RemoveErrorListeners();
        var stream = new CommonTokenStream(lexer);
        stream.Fill();
        var codePoints = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        foreach (var token in stream.GetTokens())
        {
            int line = 1, column = 0;
            for (int i = 0; i < token.StartIndex && i < codePoints.Count; i++, column++)
            {
                if (codePoints[i] == "\n" || codePoints[i] == "\r" && (i + 1 == codePoints.Count || codePoints[i + 1] != "\n"))
                {
                    line++;
                    column = -1;
                }
            }
            Assert.Equal((line, column), (token.Line, token.Column));
            if (token.Channel == TokenConstants.DefaultChannel)
            {
                Assert.IsAssignableFrom<PythonLeafToken>(token); // the parser may make it a leaf
            }
        }
        var eof = stream.GetTokens()[^1];
        Assert.Equal(TokenConstants.EOF, eof.Type);
        Assert.Equal((eof.Line, eof.Column), (lexer.Origin.Lines.LineOf(eof.StartIndex), lexer.Origin.Lines.ColumnOf(eof.StartIndex)));
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

    /// <summary>
    /// A rule with labelled alternatives reuses its generic context (PythonParserBase.Scratch), so
    /// a tree must never hold one context twice, nor a generic context where an alternative's
    /// belongs, and every node's parent must be the node that holds it.
    /// </summary>
    [Theory]
    [InlineData("from a import b\nimport c\nx = not a or b and c < d <= e\ny = f(a, *b, k=1, **d)[0].g ** -2 + 3 * 4\nz = [i for i in y if i] or (a if b else c)\n")]
    [InlineData("x = a if b else c\nimport a.b as c\nfrom . import (d, e)\nprint(*a, sep='')\ny = -a[1:2, ::3] @ b | c ^ d & e << f >> g // h % i\n")]
    [InlineData("async def f(a, b=1, *c, d, **e):\n    return await g(a) + (lambda: b)()\nclass C(B, metaclass=M): pass\n")]
    public void GenericContextsAreNeverInATreeTwice(string source)
    {
        var tree = PythonSyntax.Parse("t.py", System.Text.Encoding.UTF8.GetBytes(source));
        Assert.False(tree.HasErrors);
        var seen = new HashSet<IParseTree>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<IParseTree>();
        pending.Push(tree.Root!);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            Assert.True(seen.Add(node), $"{node.GetType().Name} is in the tree twice");
            Assert.False(node.GetType() == typeof(PythonParser.ExprContext) || node.GetType() == typeof(PythonParser.ExpressionContext)
                || node.GetType() == typeof(PythonParser.ArgumentContext)
                || node.GetType() == typeof(PythonParser.Import_stmtContext), $"a generic {node.GetType().Name} in the tree");
            for (int i = 0; i < node.ChildCount; i++)
            {
                var child = node.GetChild(i);
                Assert.Same(node, child.Parent);
                pending.Push(child);
            }
        }
        Assert.Equal(source, tree.FullText());
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
