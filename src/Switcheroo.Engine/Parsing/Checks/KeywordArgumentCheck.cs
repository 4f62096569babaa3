using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// A call (or class statement) cannot pass the same keyword twice, nor <c>__debug__=</c>. Checked
/// as CPython's compiler does: for each keyword in turn, first its name, then its repeats.
/// </summary>
internal sealed class KeywordArgumentCheck : IWalkingCheck
{
    public ScopeWalker CreateWalker(CheckReporter report) => new Walker(report);

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
                CheckKeywords(node, arguments);
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

        /// <remarks>Each keyword's name is read in place from its token (a name is one token), without collecting the keywords.</remarks>
        private void CheckKeywords(ParserRuleContext site, ArgumentsContext arguments)
        {
            for (int i = 0; i < arguments.ChildCount; i++)
            {
                if (arguments.GetChild(i) is not KeywordArgumentContext keyword)
                {
                    continue;
                }
                var name = ParseTrees.TextOf(keyword.name().Start);
                if (name.SequenceEqual(DebugNameCheck.Debug))
                {
                    report.At(site, "cannot assign to __debug__");
                    return;
                }
                for (int j = i + 1; j < arguments.ChildCount; j++)
                {
                    if (arguments.GetChild(j) is KeywordArgumentContext repeat && ParseTrees.TextOf(repeat.name().Start).SequenceEqual(name))
                    {
                        report.At(repeat, $"keyword argument repeated: {name}");
                        return;
                    }
                }
            }
        }
    }
}
