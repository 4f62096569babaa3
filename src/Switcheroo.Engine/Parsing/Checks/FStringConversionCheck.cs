using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The conversion of an f-string field is <c>!s</c>, <c>!r</c> or <c>!a</c>, written right after the
/// '!' (CPython 3.12's parser; 3.11 words and places the error differently).
/// </summary>
internal sealed class FStringConversionCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var field in ScopedTree.Of(root).Nodes<Fstring_fieldContext>(RULE_fstring_field))
        {
            if (field.EXCLAMATION() is not { } mark || field.name() is not { } conversion)
            {
                continue;
            }
            var name = conversion.Start;
            // Right after the '!' is the next character (the same line, the next column), told by
            // the indices: a token's line and column would build the file's line table (see PythonToken).
            if (name.StartIndex != mark.Symbol.StopIndex + 1)
            {
                report.At(mark.Symbol, "f-string: conversion type must come right after the exclamanation mark");
            }
            else if (name.Text is not ("s" or "r" or "a"))
            {
                report.At(name, $"f-string: invalid conversion character '{name.Text}': expected 's', 'r', or 'a'");
            }
        }
    }
}
