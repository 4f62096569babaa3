using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using static Switcheroo.Engine.Parsing.Checks.ParameterKind;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>
/// The order of a <c>def</c>'s or <c>lambda</c>'s parameters: positional-only ones before <c>/</c>,
/// no parameter without default after one with (up to <c>*</c>), one <c>*</c>, a name after a
/// bare <c>*</c>, nothing after <c>**kwargs</c>. The rules are tried in the order of CPython's
/// <c>invalid_parameters</c> and <c>invalid_star_etc</c>/<c>invalid_kwds</c> rules, so the message
/// is the one CPython picks when a list breaks several.
/// </summary>
internal sealed class ParameterOrderCheck : ISyntaxCheck
{
    private const string NonDefault = "non-default argument follows default argument";

    public void Check(File_inputContext root, CheckReporter report)
    {
        var tree = ScopedTree.Of(root);
        foreach (var parameters in tree.Nodes<ParametersContext>(RULE_parameters))
        {
            Check(ParameterList.Of(parameters), report);
        }
        foreach (var parameters in tree.Nodes<Lambda_parametersContext>(RULE_lambda_parameters))
        {
            Check(ParameterList.Of(parameters), report);
        }
    }

    private static void Check(ParameterList list, CheckReporter report)
    {
        if (FirstError(list) is var (at, message))
        {
            report.At(at, message);
        }
    }

    private static (IParseTree At, string Message)? FirstError(ParameterList list) =>
        DefaultThenPlain(list) ?? MisplacedSlash(list) ?? StarErrors(list) ?? Unexpected(list);

    /// <summary>Plain parameters, then defaulted ones (and maybe a <c>/</c>), then a plain one.</summary>
    private static (IParseTree, string)? DefaultThenPlain(ParameterList list)
    {
        int plain = list.Skip(0, Plain), defaults = list.Skip(plain, Default);
        if (defaults == plain)
        {
            return null;
        }
        int at = list.Is(defaults, Slash) ? defaults + 1 : defaults;
        return list.Is(at, Plain) ? (list.Items[at].Node, NonDefault) : null;
    }

    private static (IParseTree, string)? MisplacedSlash(ParameterList list)
    {
        if (list.Is(0, Slash) && list.CommaAfter(0))
        {
            return (list.Items[0].Node, "at least one argument must precede /");
        }
        int afterSlash = SlashPrefixEnd(list);
        int next = list.Skip(Math.Max(afterSlash, 0), Plain, Default);
        if (afterSlash > 0 && list.Is(next, Slash))
        {
            return (list.Items[next].Node, "/ may appear only once");
        }
        if (OpensStar(list, next) && list.Skip(next + 1, Plain, Default) is var slash && list.Is(slash, Slash))
        {
            return (list.Items[slash].Node, "/ must be ahead of *");
        }
        return null;
    }

    private static (IParseTree, string)? StarErrors(ParameterList list)
    {
        int star = ValidPrefixEnd(list);
        if (list.Is(star, BareStar) && (star == list.Count - 1 || list.Is(star + 1, KwArgs)))
        {
            return (BareStarPosition(list, star), "named arguments must follow bare *");
        }
        int afterStar = list.Skip(star + 1, Plain, Default);
        if (OpensStar(list, star) && OpensStar(list, afterStar))
        {
            return (list.Items[afterStar].Node, "* argument may appear only once");
        }
        bool starred = list.Is(star, VarArgs) || (list.Is(star, BareStar) && afterStar > star + 1);
        int kwargs = starred ? afterStar : star;
        if (list.Is(kwargs, KwArgs) && kwargs + 1 < list.Count)
        {
            return (list.Items[kwargs + 1].Node, "arguments cannot follow var-keyword argument");
        }
        return null;
    }

    /// <summary>
    /// Any other disorder has no message of its own: CPython's parser stops with "invalid syntax"
    /// at the furthest token it read, which for a plain parameter is the one after it.
    /// </summary>
    private static (IParseTree, string)? Unexpected(ParameterList list)
    {
        bool star = false, slash = false, defaults = false;
        for (int i = 0; i < list.Count; i++)
        {
            var item = list.Items[i];
            switch (item.Kind)
            {
                case Plain when !star && defaults:
                    return (ParseTrees.NextTerminal(item.Node) ?? (IParseTree)item.Node, "invalid syntax");
                case Default:
                    defaults |= !star;
                    break;
                case Slash when star || slash || i == 0:
                case BareStar or VarArgs when star:
                    return (item.Node, "invalid syntax");
                case Slash:
                    slash = true;
                    break;
                case BareStar when !list.Is(i + 1, Plain, Default):
                case KwArgs when i + 1 < list.Count:
                    return (list.Items[Math.Min(i + 1, list.Count - 1)].Node, "invalid syntax");
                case BareStar or VarArgs:
                    star = true;
                    break;
            }
        }
        return null;
    }

    /// <summary>
    /// At the <c>*</c>, except in a lambda, whose rule gives no position: there CPython shows the
    /// last token it read, the ':' or the '**' after the <c>*</c>.
    /// </summary>
    private static IParseTree BareStarPosition(ParameterList list, int star) =>
        !list.IsLambda ? list.Items[star].Node
        : star + 1 < list.Count ? list.Items[star + 1].Node
        : ParseTrees.NextTerminal(list.Node!) ?? (IParseTree)list.Items[star].Node;

    /// <summary>Where the part before <c>/</c> ends when the list opens with parameters then <c>/</c>; else -1.</summary>
    private static int SlashPrefixEnd(ParameterList list)
    {
        int named = list.Skip(list.Skip(0, Plain), Default);
        return named > 0 && list.Is(named, Slash) ? named + 1 : -1;
    }

    /// <summary>How far CPython's (valid) <c>parameters</c> rule reads before the <c>*</c> part.</summary>
    private static int ValidPrefixEnd(ParameterList list)
    {
        int plain = list.Skip(0, Plain), defaults = list.Skip(plain, Default);
        if (defaults > 0 && list.Is(defaults, Slash))
        {
            int after = defaults + 1;
            return list.Skip(defaults == plain ? list.Skip(after, Plain) : after, Default);
        }
        return defaults;
    }

    /// <summary>A <c>*</c> that CPython's rules take as opening the keyword-only part: <c>*,</c> or <c>*args</c>.</summary>
    private static bool OpensStar(ParameterList list, int index) =>
        (list.Is(index, BareStar) && list.CommaAfter(index)) || (list.Is(index, VarArgs) && list.Items[index].IsPlainVarArgs);
}
