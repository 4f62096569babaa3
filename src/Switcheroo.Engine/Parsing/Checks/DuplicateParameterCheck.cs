using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>A <c>def</c> or <c>lambda</c> cannot name two parameters alike.</summary>
internal sealed class DuplicateParameterCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        foreach (var node in ScopedTree.Of(root).Nodes<ParserRuleContext>())
        {
            var parameters = node switch
            {
                Function_defContext function => ParameterList.Of(function),
                LambdefContext lambda => ParameterList.Of(lambda),
                _ => null,
            };
            if (parameters is not null)
            {
                CheckNames(parameters, report);
            }
        }
    }

    private static void CheckNames(ParameterList parameters, CheckReporter report)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in parameters.Names)
        {
            if (!seen.Add(name.GetText()))
            {
                report.At(name, $"duplicate argument '{name.GetText()}' in function definition");
                return;
            }
        }
    }
}
