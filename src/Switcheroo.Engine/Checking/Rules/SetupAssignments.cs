using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking.Rules;

/// <summary>The <c>self.NAME = value</c> assignments of a Linen class's <c>setup</c>, which several rules read.</summary>
internal static class SetupAssignments
{
    /// <summary>Each <c>self.NAME</c> target in an assignment statement of setup (nested blocks included), with the value assigned.</summary>
    public static IEnumerable<(string Name, PythonParser.ExprContext Target, PythonParser.ExprContext? Value)> Of(LinenClass @class) =>
        @class.Setup is { } setup ? InLines(LinenClass.LinesOf(setup)) : [];

    public static IEnumerable<(string Name, PythonParser.ExprContext Target, PythonParser.ExprContext? Value)> InLines(IEnumerable<PythonParser.ISimpleLine> lines)
    {
        foreach (var line in lines)
        {
            foreach (var assignment in line.simple_stmt().OfType<PythonParser.Expression_stmtContext>())
            {
                var value = SyntaxFacts.AssignedValue(assignment);
                foreach (var target in SyntaxFacts.Targets(assignment).SelectMany(SyntaxFacts.TargetExprs))
                {
                    if (SyntaxFacts.SelfAttribute(target) is { } name)
                    {
                        yield return (name, target, value);
                    }
                }
            }
        }
    }
}
