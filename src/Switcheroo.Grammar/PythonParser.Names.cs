namespace Switcheroo.Grammar;

public partial class PythonParser
{
    /// <summary>
    /// A name read (<c>x</c> in <c>x + 1</c>): its text is kept once asked. ANTLR's
    /// <see cref="Antlr4.Runtime.RuleContext.GetText"/> builds a new string for every call (a
    /// StringBuilder over the children, and the token's text copied out of the input again), and the
    /// conversion asks a name's text many times (binding, resolution, value analysis, each rule).
    /// A tree is not changed once parsed, so the text stays what the children give.
    /// </summary>
    public partial class NameAtomContext
    {
        private string? _text;

        public override string GetText() => _text ??= TextOfOnlyToken(this);
    }

    /// <summary>An attribute's or a parameter's name (<c>relu</c> in <c>F.relu</c>): kept once asked, as <see cref="NameAtomContext"/>.</summary>
    public partial class NameContext
    {
        private string? _text;

        public override string GetText() => _text ??= TextOfOnlyToken(this);
    }

    /// <summary>
    /// A name node's text: its one token's (one string read from the input), where ANTLR's
    /// <see cref="Antlr4.Runtime.RuleContext.GetText"/> appends the token's text to a new
    /// StringBuilder and copies it out again: three allocations for every name the scope walk binds.
    /// </summary>
    private static string TextOfOnlyToken(PythonParserContext name) =>
        name.OnlyChild is Antlr4.Runtime.IToken token ? token.Text : name.ChildrenText();
}
