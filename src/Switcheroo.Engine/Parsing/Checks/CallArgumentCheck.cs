using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The order of call arguments (and class bases and keywords): positional and <c>*</c> arguments,
/// then keywords and <c>*</c>, then keywords and <c>**</c>; a generator expression only as the sole
/// argument of a call. The first offending argument decides, as in CPython's <c>invalid_arguments</c>.
/// </summary>
internal sealed class CallArgumentCheck : ISyntaxCheck
{
    public void Check(File_inputContext root, CheckReporter report)
    {
        // By kind of node rather than in source order: the first error by position is the one reported.
        var tree = ScopedTree.Of(root);
        foreach (var call in tree.Nodes<CallExprContext>(NodeIndex.CallExpressions))
        {
            if (call.arguments() is { } arguments)
            {
                CheckArguments(arguments, call.RPAR(), inClass: false, report);
            }
        }
        foreach (var definition in tree.Nodes<Class_defContext>(RULE_class_def))
        {
            if (definition.arguments() is { } arguments)
            {
                CheckArguments(arguments, definition.RPAR(), inClass: true, report);
            }
        }
    }

    /// <remarks>
    /// Reads the arguments in place (<c>argument (COMMA argument)* COMMA?</c>: an argument at every
    /// even index) rather than through <c>argument()</c> and <c>COMMA()</c>, which collect arrays:
    /// this runs for every call of every file (docs/performance.md, seventh round).
    /// </remarks>
    private static void CheckArguments(ArgumentsContext arguments, ITerminalNode close, bool inClass, CheckReporter report)
    {
        int count = arguments.ChildCount;
        bool alone = count == 1;
        bool keywords = false, unpacking = false;
        for (int i = 0; i < count; i += 2)
        {
            var argument = (ArgumentContext)arguments.GetChild(i);
            switch (argument)
            {
                case PositionalArgumentContext { } generator when generator.comprehension() is { } clauses:
                    if (!alone || inClass)
                    {
                        // A class statement has no generator-argument form: CPython stops at its `for`.
                        report.At(alone ? clauses : generator, alone ? "invalid syntax" : "Generator expression must be parenthesized");
                        return;
                    }
                    break;
                case PositionalArgumentContext when keywords || unpacking:
                    report.At(LastRead(arguments, i, close), unpacking
                        ? "positional argument follows keyword argument unpacking"
                        : "positional argument follows keyword argument");
                    return;
                case StarArgumentContext when unpacking:
                    report.At(argument, "iterable argument unpacking follows keyword argument unpacking");
                    return;
                case KeywordArgumentContext:
                    keywords = true;
                    break;
                case DoubleStarArgumentContext:
                    unpacking = true;
                    break;
            }
        }
    }

    /// <summary>
    /// CPython gives this error no position, so it lands on the last token its parser read: reading
    /// the rest of the arguments, it stops at the ')' or at the <c>for</c> of a generator argument.
    /// </summary>
    private static IParseTree LastRead(ArgumentsContext arguments, int from, ITerminalNode close)
    {
        for (int i = from; i < arguments.ChildCount; i += 2)
        {
            if (arguments.GetChild(i) is PositionalArgumentContext { } argument && argument.comprehension() is { } clauses)
            {
                return clauses;
            }
        }
        return close;
    }
}
