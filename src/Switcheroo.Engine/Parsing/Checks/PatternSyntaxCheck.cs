using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// Patterns CPython's parser rejects beyond our grammar: a complex literal must be a real number
/// plus or minus an imaginary one (<c>case 1+2j</c>, not <c>case 1+2</c>), and <c>as _</c> binds nothing.
/// </summary>
internal sealed class PatternSyntaxCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        var tree = ScopedTree.Of(root);
        foreach (var literal in tree.Nodes<Literal_patternContext>(RULE_literal_pattern))
        {
            if (literal.NUMBER() is not { } imaginary)
            {
                continue;
            }
            var real = literal.signed_number().NUMBER();
            if (IsImaginary(real.GetText()))
            {
                report.At(real, "real number required in complex literal");
            }
            else if (!IsImaginary(imaginary.GetText()))
            {
                report.At(imaginary, "imaginary number required in complex literal");
            }
        }
        foreach (var pattern in tree.Nodes<PatternContext>(RULE_pattern))
        {
            if (pattern.AS() is not null && pattern.name().GetText() == "_")
            {
                report.At(pattern.name(), "cannot use '_' as a target");
            }
        }
    }

    private static bool IsImaginary(string number) => number.EndsWith('j') || number.EndsWith('J');
}
