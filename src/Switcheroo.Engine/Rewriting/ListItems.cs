using Antlr4.Runtime;

namespace Switcheroo.Engine.Rewriting;

/// <summary>Removes items from a comma-separated list (call arguments, imported names) with their commas.</summary>
internal static class ListItems
{
    /// <summary>
    /// Each removed item goes up to the next kept item; a trailing run of removed items goes from
    /// the end of the last kept one. When nothing is kept, the caller decides (returns false).
    /// </summary>
    public static bool Remove(IReadOnlyList<ParserRuleContext> all, IReadOnlySet<ParserRuleContext> removed, EditPlan plan)
    {
        if (removed.Count == 0)
        {
            return true;
        }
        int lastKept = -1;
        for (int i = all.Count - 1; i >= 0; i--)
        {
            if (!removed.Contains(all[i]))
            {
                lastKept = i;
                break;
            }
        }
        if (lastKept < 0)
        {
            return false;
        }
        for (int i = 0; i < lastKept; i++)
        {
            if (removed.Contains(all[i]))
            {
                plan.Discard(all[i].Start.TokenIndex, all[i + 1].Start.TokenIndex - 1);
            }
        }
        if (lastKept < all.Count - 1)
        {
            plan.Discard(all[lastKept].Stop.TokenIndex + 1, all[^1].Stop.TokenIndex);
        }
        return true;
    }
}
