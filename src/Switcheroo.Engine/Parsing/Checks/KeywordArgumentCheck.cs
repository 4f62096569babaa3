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
            var arguments = node switch
            {
                CallExprContext call => call.arguments(),
                Class_defContext definition => definition.arguments(),
                _ => null,
            };
            if (arguments is not null && arguments.children.Any(argument => argument is KeywordArgumentContext))
            {
                CheckKeywords(node, arguments.children.OfType<KeywordArgumentContext>().ToList());
            }
        }

        private void CheckKeywords(ParserRuleContext site, List<KeywordArgumentContext> keywords)
        {
            for (int i = 0; i < keywords.Count; i++)
            {
                var name = keywords[i].name().GetText();
                if (name == DebugNameCheck.Debug)
                {
                    report.At(site, "cannot assign to __debug__");
                    return;
                }
                var repeat = keywords.Skip(i + 1).FirstOrDefault(other => other.name().GetText() == name);
                if (repeat is not null)
                {
                    report.At(repeat, $"keyword argument repeated: {name}");
                    return;
                }
            }
        }
    }
}
