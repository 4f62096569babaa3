namespace Switcheroo.Engine.Parsing;

/// <summary>
/// A range of source: 1-based lines and 1-based columns (counted in code points), end exclusive,
/// so a one-character token at the start of a file is (1,1)-(1,2).
/// </summary>
public readonly record struct SourceSpan(int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public override string ToString() => $"({StartLine},{StartColumn})-({EndLine},{EndColumn})";
}
