using Antlr4.Runtime;
using static Switcheroo.Grammar.PythonParser;

namespace Switcheroo.Engine.Parsing.Checks;

/// <summary>The names a <c>case</c> pattern binds: captures, <c>*rest</c>, <c>**rest</c>, <c>as</c> names (never <c>_</c>).</summary>
internal static class PatternCaptures
{
    /// <summary>The name a pattern node binds and the node CPython positions it at, or null.</summary>
    public static (NameContext Name, ParserRuleContext At)? Of(ParserRuleContext node)
    {
        var capture = node switch
        {
            Closed_patternContext closed when closed.name_or_attr() is { } name && name.name().Length == 1 && closed.LPAR() is null =>
                (name.name(0), (ParserRuleContext)name),
            Maybe_star_patternContext star when star.STAR() is not null => (star.name(), star),
            Double_star_patternContext rest => (rest.name(), (ParserRuleContext)rest.Parent.Parent),
            PatternContext pattern when pattern.AS() is not null => (pattern.name(), pattern),
            _ => ((NameContext, ParserRuleContext)?)null,
        };
        return capture is { } found && found.Item1.GetText() != "_" ? capture : null;
    }
}
