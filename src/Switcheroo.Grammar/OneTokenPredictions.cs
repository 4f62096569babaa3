using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;

namespace Switcheroo.Grammar;

/// <summary>
/// For each decision of the grammar, the alternative that the next token alone leaves possible:
/// the token is in that alternative's first tokens (predicates seen through, so a superset), and
/// no other alternative starts with it or can end the rule without a token. Most of ANTLR's
/// predictions are such decisions (the operator loops of <c>expr</c> and <c>expression</c> end at any
/// token that is no operator, a statement starts with its keyword, an argument without a name is
/// an expression): 7.5 million of the 9.3 million predictions of a pass over the stdlib
/// (docs/performance.md, "Parse, tenth round").
/// <para>
/// Only SLL may read it (<see cref="PythonParser"/>'s simulator): where ANTLR's prediction would
/// have found no viable alternative, this still names one, and the parse then fails at that token
/// a little later, which in SLL only means "parse again with full LL". A parse that succeeds after
/// such a prediction took that alternative with this input, so ANTLR's prediction, which misses no
/// viable alternative, would have named the same one. Full LL keeps ANTLR's prediction, whose
/// errors are the messages a user reads.
/// </para>
/// </summary>
internal static class OneTokenPredictions
{
    private static int[]?[]? tables;

    /// <summary>The table of <paramref name="decision"/>: by token type, its only possible alternative, or 0.</summary>
    public static int[]? For(ATN atn, int decision)
    {
        var all = tables ??= Build(atn); // built twice at worst, by two threads: the same tables
        return all[decision];
    }

    /// <summary>Every decision's table (null where no token decides alone).</summary>
    internal static int[]?[] Build(ATN atn)
    {
        var result = new int[]?[atn.NumberOfDecisions];
        for (int decision = 0; decision < result.Length; decision++)
        {
            result[decision] = Table(atn, atn.GetDecisionState(decision), atn.maxTokenType);
        }
        return result;
    }

    private static int[]? Table(ATN atn, DecisionState state, int maxTokenType)
    {
        var firsts = new IntervalSet[state.NumberOfTransitions];
        for (int i = 0; i < firsts.Length; i++)
        {
            firsts[i] = atn.NextTokens(state.Transition(i).target);
        }
        var table = new int[maxTokenType + 1];
        bool any = false;
        for (int type = 1; type <= maxTokenType; type++)
        {
            int only = 0;
            for (int i = 0; i < firsts.Length; i++)
            {
                if (firsts[i].Contains(type) || firsts[i].Contains(TokenConstants.EPSILON))
                {
                    if (only != 0)
                    {
                        only = 0;
                        break;
                    }
                    only = i + 1; // ANTLR numbers a decision's alternatives from 1, in transition order
                }
            }
            table[type] = only;
            any |= only != 0;
        }
        return any ? table : null;
    }
}
