using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Parsing;

/// <summary>
/// A walk of a large subtree is answered from its tree's index of nodes by rule (docs/performance.md,
/// "Conversion, fifth round"): for every node of every golden input, <see cref="ParseTrees.Descendants{T}"/>
/// gives the nodes a plain recursive walk gives, in the same order, for rules with and without subclasses.
/// </summary>
public sealed class SubtreeIndexTests
{
    [Fact]
    public void SubtreeWalksFindWhatARecursiveWalkFinds()
    {
        int compared = 0;
        foreach (var input in Directory.GetFiles(RepositoryPaths.GoldenCases, "input.torch.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var tree = PythonSyntax.Parse(input, File.ReadAllBytes(input));
            if (tree.Root is null)
            {
                continue;
            }
            // Subtrees first, before any walk of the whole tree has built its index, then again after.
            var nodes = Recursive<ParserRuleContext>(tree.Root).ToList();
            for (int round = 0; round < 2; round++)
            {
                foreach (var node in nodes)
                {
                    compared += Same<PythonParser.Expression_stmtContext>(node) + Same<PythonParser.AttributeExprContext>(node)
                        + Same<PythonParser.NameAtomContext>(node) + Same<PythonParser.CallExprContext>(node)
                        + Same<PythonParser.Function_defContext>(node) + Same<PythonParser.ExprContext>(node)
                        + Same<PythonParser.Simple_stmtContext>(node) + Same<ITerminalNode>(node);
                }
                _ = ParseTrees.Descendants<PythonParser.Class_defContext>(tree.Root).Count();
            }
        }
        Assert.True(compared > 100_000, $"only {compared} walks compared");
    }

    private static int Same<T>(ParserRuleContext node) where T : IParseTree
    {
        var expected = Recursive<T>(node).ToList();
        var actual = ParseTrees.Descendants<T>(node).ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.Zip(actual).All(pair => ReferenceEquals(pair.First, pair.Second)), $"{typeof(T).Name} under {node.GetType().Name}: other nodes or order");
        return 1;
    }

    private static IEnumerable<T> Recursive<T>(IParseTree node) where T : IParseTree
    {
        if (node is T found)
        {
            yield return found;
        }
        for (int i = 0; i < node.ChildCount; i++)
        {
            foreach (var inner in Recursive<T>(node.GetChild(i)))
            {
                yield return inner;
            }
        }
    }
}
