using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// An <c>nn.Sequential</c> with no layers (<c>nn.Sequential([])</c>, <c>nn.Sequential(())</c>,
/// <c>nn.Sequential()</c>): Flax's <c>Sequential.__call__</c> raises <c>ValueError: Empty Sequential module</c>.
/// </summary>
internal sealed class EmptySequential : ISelfCheckRule
{
    private const string Sequential = "flax.linen.Sequential";

    public string Name => "empty-sequential";

    public IEnumerable<RuleHit> Check(CheckedFile file) =>
        from call in ParseTrees.Descendants<PythonParser.CallExprContext>(file.Root)
        where file.QualifiedName(call.expr()) == Sequential && HasNoLayers(call)
        select new RuleHit(call, "an empty nn.Sequential fails when it is called (Flax raises ValueError: Empty Sequential module)");

    private static bool HasNoLayers(PythonParser.CallExprContext call)
    {
        var arguments = SyntaxFacts.Arguments(call);
        if (arguments.Count == 0)
        {
            return true;
        }
        var layers = arguments[0] is PythonParser.PositionalArgumentContext ? SyntaxFacts.ArgumentExpr(arguments[0]) : null;
        return layers is PythonParser.ListAtomContext or PythonParser.ParenAtomContext && layers.ChildCount == 2;
    }
}
