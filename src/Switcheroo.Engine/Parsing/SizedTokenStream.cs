using Antlr4.Runtime;

namespace Switcheroo.Engine.Parsing;

/// <summary>
/// A <see cref="CommonTokenStream"/> whose token list starts at about the size the file needs
/// (the standard library has 0.22 tokens per character; room is made for 0.25), instead of 100
/// entries doubled some ten times over for a large file: each doubling left its old array as
/// garbage, most of them on the large-object heap. The <see cref="SyntaxTree"/> keeps the list.
/// </summary>
internal sealed class SizedTokenStream : CommonTokenStream
{
    public SizedTokenStream(ITokenSource source, int characters)
        : base(source)
    {
        tokens = new List<IToken>(characters / 4 + 16);
    }
}
