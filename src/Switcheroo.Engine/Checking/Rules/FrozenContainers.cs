using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// The attributes a Linen class's <c>setup</c> assigns a list or a dict: Flax freezes what setup
/// assigns (<c>_freeze_attr</c>: a list becomes a tuple, a dict a <c>FrozenDict</c>).
/// </summary>
internal static class FrozenContainers
{
    public static IEnumerable<string> Lists(LinenClass @class) =>
        SetupAssignments.Of(@class).Where(a => SyntaxFacts.IsList(a.Value)).Select(a => a.Name).Distinct(StringComparer.Ordinal);

    public static IEnumerable<string> Dicts(LinenClass @class) =>
        SetupAssignments.Of(@class).Where(a => SyntaxFacts.IsDict(a.Value)).Select(a => a.Name).Distinct(StringComparer.Ordinal);

    /// <summary>Every <c>self.NAME</c> read in the class's methods (targets of <c>self.NAME = ...</c> are not reads of it).</summary>
    public static IEnumerable<PythonParser.AttributeExprContext> Uses(LinenClass @class, string name) =>
        Parsing.ParseTrees.Descendants<PythonParser.AttributeExprContext>(@class.Node.block())
            .Where(a => SyntaxFacts.IsName(a.expr(), "self") && a.name().GetText() == name);
}
