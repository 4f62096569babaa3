using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>A <c>def</c> or <c>lambda</c> cannot name two parameters alike.</summary>
internal sealed class DuplicateParameterCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        var tree = ScopedTree.Of(root);
        foreach (var function in tree.Nodes<Function_defContext>(RULE_function_def))
        {
            CheckNames(ParameterList.Of(function), report);
        }
        foreach (var lambda in tree.Nodes<LambdefContext>(NodeIndex.Lambdas))
        {
            CheckNames(ParameterList.Of(lambda), report);
        }
    }

    /// <remarks>Names read in place from their token (a name is one token); the first that repeats an earlier one is reported.</remarks>
    private static void CheckNames(ParameterList parameters, CheckReporter report)
    {
        if (parameters.Count < 2)
        {
            return;
        }
        var items = parameters.Items;
        for (int i = 1; i < items.Count; i++)
        {
            if (items[i].Name is not { } name)
            {
                continue;
            }
            var text = ParseTrees.TextOf(name.Start);
            for (int j = 0; j < i; j++)
            {
                if (items[j].Name is { } earlier && ParseTrees.TextOf(earlier.Start).SequenceEqual(text))
                {
                    report.At(name, $"duplicate argument '{name.Start.Text}' in function definition");
                    return;
                }
            }
        }
    }
}
