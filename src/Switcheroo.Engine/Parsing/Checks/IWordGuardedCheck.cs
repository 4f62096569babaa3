namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// A check that can only report where a name or keyword spelled as one of <see cref="Words"/>
/// occurs (or, for an operator, where it is written). Names and keywords are the source's own
/// characters (the lexer does not normalise them), so a file whose text contains none of the words
/// skips the check: the same verdict, without the check's walk.
/// </summary>
internal interface IWordGuardedCheck : ISyntaxCheck
{
    string[] Words { get; }
}
