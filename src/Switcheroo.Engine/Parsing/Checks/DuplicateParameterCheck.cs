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
        foreach (var lambda in tree.Nodes<LambdefContext>(RULE_lambdef))
        {
            CheckNames(ParameterList.Of(lambda), report);
        }
    }

    /// <remarks>Names read once, from their token (a name is one token); the first that repeats an earlier one is reported.</remarks>
    private static void CheckNames(ParameterList parameters, CheckReporter report)
    {
        if (parameters.Count < 2)
        {
            return;
        }
        var names = parameters.Names.ToArray();
        var texts = names.Select(name => name.Start.Text).ToArray();
        for (int i = 1; i < texts.Length; i++)
        {
            if (Array.IndexOf(texts, texts[i], 0, i) >= 0)
            {
                report.At(names[i], $"duplicate argument '{texts[i]}' in function definition");
                return;
            }
        }
    }
}
