namespace Switcheroo.Engine.Diagnostics;

/// <summary>
/// Every diagnostic code Switcheroo reports, in one place. Ranges by stage: 0xxx inputs,
/// 1xxx maps, 2xxx parsing, 3xxx translation, 4xxx rewrite and emit, 9xxx internal errors.
/// Each code is documented in docs/diagnostics.md and covered by a test. A retired code stays
/// here as a comment and is never given to anything else.
/// </summary>
public static class DiagnosticCodes
{
    // 0xxx: inputs
    public static readonly DiagnosticDescriptor FileUnreadable =
        new("SWR0001", Severity.Error, "A source file cannot be read");
    public static readonly DiagnosticDescriptor NoInputs =
        new("SWR0002", Severity.Error, "A path given on the command line does not exist");

    // 2xxx: parsing. One per kind of CPython SyntaxError, so a build can tell them apart.
    public static readonly DiagnosticDescriptor InvalidSyntax =
        new("SWR2001", Severity.Error, "Invalid syntax");
    public static readonly DiagnosticDescriptor UnterminatedString =
        new("SWR2002", Severity.Error, "Unterminated string literal");
    public static readonly DiagnosticDescriptor Bracket =
        new("SWR2003", Severity.Error, "Unbalanced or too deeply nested brackets");
    public static readonly DiagnosticDescriptor Indentation =
        new("SWR2004", Severity.Error, "Indentation error");
    public static readonly DiagnosticDescriptor TabsAndSpaces =
        new("SWR2005", Severity.Error, "Inconsistent use of tabs and spaces");
    public static readonly DiagnosticDescriptor InvalidToken =
        new("SWR2006", Severity.Error, "Invalid character or literal");
    public static readonly DiagnosticDescriptor Encoding =
        new("SWR2007", Severity.Error, "Source encoding error");
    public static readonly DiagnosticDescriptor TooDeeplyNested =
        new("SWR2008", Severity.Error, "Source too deeply nested to parse");
    public static readonly DiagnosticDescriptor InvalidConstruct =
        new("SWR2009", Severity.Error, "Syntax CPython's compiler rejects");

    // 9xxx: internal
    public static readonly DiagnosticDescriptor InternalError =
        new("SWR9001", Severity.Error, "Internal error");

    /// <summary>All codes, for documentation and tests.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = typeof(DiagnosticCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();
}
