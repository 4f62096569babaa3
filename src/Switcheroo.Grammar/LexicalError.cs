namespace Switcheroo.Grammar;

/// <summary>What kind of rule a lexical error breaks; the engine turns each kind into a diagnostic code.</summary>
public enum LexicalErrorKind
{
    /// <summary>A string, bytes or f-string literal that never ends.</summary>
    UnterminatedString,

    /// <summary>A bracket that is never closed, closed by the wrong kind, or nested too deeply.</summary>
    Bracket,

    /// <summary>Indentation that does not match an outer level (IndentationError).</summary>
    Indentation,

    /// <summary>Indentation whose meaning depends on the tab size (TabError).</summary>
    TabsAndSpaces,

    /// <summary>A character or literal that is not Python: invalid characters, malformed numbers.</summary>
    InvalidToken,

    /// <summary>A token that CPython's tokenizer accepts but its parser never does (e.g. <c>$</c>).</summary>
    InvalidSyntax,
}

/// <summary>The first lexical error in a file, in CPython's words, at a 1-based line and 1-based column.</summary>
public sealed record LexicalError(LexicalErrorKind Kind, string Message, int Line, int Column);
