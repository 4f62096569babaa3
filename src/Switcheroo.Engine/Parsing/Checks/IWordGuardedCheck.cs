namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// A check that can only report where a name spelled <see cref="Word"/> occurs. Names are the
/// source's own characters (the lexer does not normalise them), so a file whose text does not
/// contain the word skips the check's walk: the same verdict, without replaying the tree.
/// </summary>
internal interface IWordGuardedCheck : ISyntaxCheck
{
    string Word { get; }
}
