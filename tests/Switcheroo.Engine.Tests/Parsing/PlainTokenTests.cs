using Antlr4.Runtime;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// The lexer scans plain tokens (ASCII names and keywords, operators, spaces, comments, a line
/// feed, decimal integers) by hand when it reads a decoded string (<see cref="StringCharStream"/>), and
/// leaves everything to ANTLR's simulator on any other stream: both must give the same tokens,
/// the same first error and the same counts, token by token, at the edges of the hand-scanned
/// kinds too.
/// </summary>
public sealed class PlainTokenTests
{
    [Theory]
    [InlineData("iffy = if_ = _if = _ = __init__ = True_ = None\n")]
    [InlineData("if x: pass\nelif y: pass\nelse: pass\n")]
    [InlineData("match _:\n    case [a, *_]: type = 1\n")]
    [InlineData("aé = 1\nxé_1 = ab\u00b7c\nµ = 2\n")]
    [InlineData("x := 1\n(y := 2)\na == b != c <= d\n")]
    [InlineData("a = ...; b = .5; c = x.y; d = x . y; e = 1.; f = x[1:2, ::3]\n")]
    [InlineData("a\t=\f1\t\t# tab\n \t b = {1: 2}\n")]
    [InlineData("a = 1\r\nb = 2\rc = 3\n")]
    [InlineData("f'{x=}' f'{x:>{w}}' f'{a!r:^10}' f\"{'{'}\" rb'x' u'y' br\"z\"\n")]
    [InlineData("x = (1,\n     2)\ny = [\n]\nz = a if b else~c\n")]
    [InlineData("def f(a, /, b=1, *, c): return a; lambda: 0\n")]
    [InlineData("x = 0x_1 + 0b1 + 1_000j + 1e-3 + 007\n")]
    [InlineData("x = $\n")]
    [InlineData("if x:\n  y\n    z\n")]
    [InlineData("x = (\n")]
    [InlineData("a\\\n= 1\n")]
    [InlineData("x **= 2; y //= 3; z >>= 1; w <<= 4; a -> b; c @= d; e != f; g<>h; i ... j; k..l; !m; n%=o|p&q^r\n")]
    [InlineData("x = 1if y else 2or 3\nz = 0 + 00 + 0x1F + 0o7 + 0b1 + 1_0 + 1e5 + 1j + 1.5 + 0.5 + 10 + .5 + 1..real\n")]
    [InlineData("x = 007\n")]
    [InlineData("x = 0b2\n")]
    [InlineData("x = 1_\n")]
    [InlineData("x = 1abc\n")]
    [InlineData("# comment\r\n#\n x = 1 # c\n# last")]
    [InlineData("x = 1 #")]
    [InlineData("abc")]
    [InlineData("")]
    public void HandScannedTokensAreAntlrs(string text)
    {
        AssertSame(Lex(CharStreams.fromString(text)), Lex(StringCharStream.For(text)));
    }

    [Theory]
    [InlineData("inspect.py")]
    [InlineData("typing.py")]
    [InlineData("_pydecimal.py")]
    [InlineData("tokenize.py")]
    public void StdlibModulesLexAsWithAntlrAlone(string module)
    {
        var text = File.ReadAllText(Path.Combine(Python.StdlibFolder(), module));
        AssertSame(Lex(CharStreams.fromString(text)), Lex(StringCharStream.For(text)));
    }

    private static void AssertSame(Lexed antlr, Lexed byHand)
    {
        Assert.IsType<StringCharStream>(byHand.Input);
        Assert.Equal(antlr.Tokens, byHand.Tokens);
        Assert.Equal(antlr.Error, byHand.Error);
        Assert.Equal(antlr.Longest, byHand.Longest);
        Assert.Equal(antlr.Elifs, byHand.Elifs);
    }

    private sealed record Lexed(ICharStream Input, string Error, int Longest, int Elifs, List<(int, int, int, int, int, int, string)> Tokens);

    private static Lexed Lex(ICharStream input)
    {
        var lexer = new PythonLexer(input);
        lexer.RemoveErrorListeners();
        var stream = new CommonTokenStream(lexer);
        stream.Fill();
        var tokens = stream.GetTokens().Select(t => (t.Type, t.Channel, t.StartIndex, t.StopIndex, t.Line, t.Column, t.Text)).ToList();
        return new Lexed(input, lexer.Error?.ToString() ?? "", lexer.LongestLogicalLine, lexer.Elifs, tokens);
    }
}
