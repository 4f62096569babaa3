using Antlr4.Runtime;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>Facts about string literal tokens.</summary>
internal static class StringLiterals
{
    /// <summary>Whether a STRING token is a bytes literal: its prefix (the letters before the quote) has a b.</summary>
    public static bool IsBytes(IToken token)
    {
        foreach (char c in token.Text)
        {
            if (c is '\'' or '"')
            {
                return false;
            }
            if (c is 'b' or 'B')
            {
                return true;
            }
        }
        return false;
    }
}
