using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// A call (or class statement) cannot pass the same keyword twice, nor <c>__debug__=</c>. Checked
/// as CPython's compiler does: for each keyword in turn, first its name, then its repeats.
/// </summary>
internal sealed class KeywordArgumentCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report) => new Walker(report).Walk(root);

    private sealed class Walker(CheckReporter report) : ScopeWalker
    {
        protected override AnnotationWalk Annotations => AnnotationWalk.Compiled;

        protected override void Visit(ParserRuleContext node)
        {
            // By rule index first: most nodes are neither calls nor classes.
            var arguments = node.RuleIndex switch
            {
                RULE_expr when node is CallExprContext call => call.arguments(),
                RULE_class_def => ((Class_defContext)node).arguments(),
                _ => null,
            };
            if (arguments is not null && HasKeyword(arguments))
            {
                CheckKeywords(node, arguments.children.OfType<KeywordArgumentContext>().ToList());
            }
        }

        private static bool HasKeyword(ArgumentsContext arguments)
        {
            for (int i = 0; i < arguments.ChildCount; i++)
            {
                if (arguments.GetChild(i) is KeywordArgumentContext)
                {
                    return true;
                }
            }
            return false;
        }

        /// <remarks>Each keyword's name is read once, from its token (a name is one token).</remarks>
        private void CheckKeywords(ParserRuleContext site, List<KeywordArgumentContext> keywords)
        {
            var names = keywords.Select(keyword => keyword.name().Start.Text).ToArray();
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == DebugNameCheck.Debug)
                {
                    report.At(site, "cannot assign to __debug__");
                    return;
                }
                int repeat = Array.IndexOf(names, names[i], i + 1);
                if (repeat >= 0)
                {
                    report.At(keywords[repeat], $"keyword argument repeated: {names[i]}");
                    return;
                }
            }
        }
    }
}
