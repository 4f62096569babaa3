using Antlr4.Runtime;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// A token packs its start, index, type, length and channel into one word where they fit, and is a
/// <see cref="PythonWideToken"/> keeping them in fields where they do not (docs/performance.md,
/// "Parse, ninth round"): both read the same figures, on each side of every limit.
/// </summary>
public sealed class PackedTokenTests
{
    [Theory]
    [InlineData(126)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(5000)]
    public void LongTokensReadTheirFiguresOnEachSideOfTheLimit(int length)
    {
        string name = "n" + new string('a', length - 1);
        string comment = "#" + new string('c', length - 1);
        string literal = "'" + new string('s', length - 2) + "'";
        string text = $"{name} = {literal}  {comment}\nif (x,\n\n    {name}):\n{new string(' ', length)}pass\n";
        var tokens = Lex(text);
        AssertLossless(text, tokens);
        foreach (var (expected, type, channel) in new[] { (name, PythonLexer.NAME, 0), (comment, PythonLexer.COMMENT, 1), (literal, PythonLexer.STRING, 0) })
        {
            var token = tokens.First(t => t.Text == expected);
            Assert.Equal((type, channel, expected.Length), (token.Type, token.Channel, token.StopIndex - token.StartIndex + 1));
            Assert.Equal(length >= 128, token is PythonWideToken);
        }
        var indent = tokens.Single(t => t.Type == PythonLexer.INDENT);
        Assert.Equal((5, length, ""), (indent.Line, indent.Column, indent.Text));
        Assert.Contains(tokens, t => t.Type == PythonLexer.NL && t.Channel == TokenConstants.HiddenChannel);
    }

    [Fact]
    public void APackedTokenTakesAnyFigureTheLexerAndTheListGive()
    {
        var token = (PythonToken)Lex("x = 1\n").First(t => t.Type == PythonLexer.NAME);
        Assert.IsType<PythonLeafToken>(token);
        token.TokenIndex = (1 << 24) - 2;
        token.Type = 254;
        token.Channel = TokenConstants.HiddenChannel;
        Assert.Equal(((1 << 24) - 2, 254, 1, 0, 0, "x"), (token.TokenIndex, token.Type, token.Channel, token.StartIndex, token.StopIndex, token.Text));
        token.Type = TokenConstants.EOF;
        Assert.Equal(TokenConstants.EOF, token.Type);
        Assert.Throws<ArgumentOutOfRangeException>(() => token.TokenIndex = 1 << 24);
        Assert.Throws<ArgumentOutOfRangeException>(() => token.Type = 255);
        Assert.Throws<ArgumentOutOfRangeException>(() => token.Channel = 2);
        Assert.Equal(((1 << 24) - 2, TokenConstants.EOF, 1, 0, 0), (token.TokenIndex, token.Type, token.Channel, token.StartIndex, token.StopIndex));
    }

    [Fact]
    public void ATokenWhoseFiguresDoNotFitIsNeverPacked()
    {
        var origin = new TokenOrigin(null!, StringCharStream.For(new string('#', 300)));
        Assert.Throws<ArgumentException>(() => new PythonToken(origin, PythonLexer.COMMENT, TokenConstants.HiddenChannel, 0, 299));
        var wide = PythonToken.Create(origin, PythonLexer.COMMENT, TokenConstants.HiddenChannel, 0, 299);
        Assert.IsType<PythonWideToken>(wide);
        Assert.Equal((0, 299, 300), (wide.StartIndex, wide.StopIndex, wide.Text.Length));
    }

    /// <summary>An input of 4M characters or more has every token wide (their indices could pass 24 bits), the empty INDENT and DEDENT included.</summary>
    [Fact]
    public void ATokenOfAVeryLargeInputIsWide()
    {
        string text = "#" + new string('c', PythonToken.PackedInputLimit) + "\nif x:\n    y = 1\nz\n";
        var tokens = Lex(text);
        AssertLossless(text, tokens);
        Assert.All(tokens, t => Assert.IsAssignableFrom<PythonWideToken>(t));
        var dedent = tokens.Single(t => t.Type == PythonLexer.DEDENT);
        Assert.Equal((4, 0, "", text.Length - 2), (dedent.Line, dedent.Column, dedent.Text, dedent.StartIndex));
        var y = tokens.Single(t => t.Text == "y");
        Assert.Equal((3, 4, PythonToken.PackedInputLimit + 12), (y.Line, y.Column, y.StartIndex));
    }

    private static List<IToken> Lex(string text)
    {
        var lexer = new PythonLexer(StringCharStream.For(text));
        lexer.RemoveErrorListeners();
        var stream = new CommonTokenStream(lexer);
        stream.Fill();
        return stream.GetTokens().ToList();
    }

    /// <summary>The tokens, in order, are the input: each starts where the one before stopped, reads its characters, and has its place as its index.</summary>
    private static void AssertLossless(string text, List<IToken> tokens)
    {
        int next = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            Assert.Equal(i, token.TokenIndex);
            Assert.Equal(next, token.StartIndex);
            if (token.Type != TokenConstants.EOF)
            {
                Assert.Equal(text.Substring(token.StartIndex, token.StopIndex - token.StartIndex + 1), token.Text);
            }
            next = token.StopIndex + 1;
        }
        Assert.Equal(text.Length, next);
    }
}
