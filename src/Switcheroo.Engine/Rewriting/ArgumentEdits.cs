using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// Applies an entry's argument rules to a call surgically — renaming keywords, adding or removing
/// <c>name=</c>, translating literal values, dropping and adding arguments — so the layout,
/// comments and edits inside argument values survive. Returns a reason instead when the result
/// would need arguments reordered or a value cannot be translated.
/// </summary>
internal static class ArgumentEdits
{
    public static string? Check(IReadOnlyList<BoundArgument> arguments, MapEntry entry, ConversionContext context, int leadingPositionals = 0)
    {
        int positionalSoFar = leadingPositionals;
        bool keywordSeen = false;
        foreach (var argument in arguments)
        {
            if (!entry.Arguments.TryGetValue(argument.Parameter, out var rule))
            {
                return $"argument '{argument.Parameter}' has no mapping";
            }
            // A dropped argument with values is accepted only at those values (softplus's beta=1):
            // dropping any other would change the result.
            if (rule.Values.Count > 0 && !rule.Values.ContainsKey(context.Text(argument.Value).Trim()))
            {
                return $"the value of '{argument.Parameter}' ({context.Text(argument.Value).Trim()}) has no translation";
            }
            if (rule.Drop)
            {
                continue;
            }
            if (rule.Position is { } position)
            {
                // Several arguments bound to *args share one rule and take consecutive positions.
                int offset = arguments.TakeWhile(a => a != argument).Count(a => a.Parameter == argument.Parameter);
                if (keywordSeen || position + offset != positionalSoFar)
                {
                    return $"'{argument.Parameter}' would have to move to position {position}";
                }
                positionalSoFar++;
            }
            else
            {
                keywordSeen = true;
            }
        }
        return null;
    }

    public static void Apply(IReadOnlyList<BoundArgument> arguments, MapEntry entry, PythonParser.ArgumentsContext? list, Antlr4.Runtime.IToken openParen, ConversionContext context, bool receiverFirst)
    {
        var plan = context.Plan;
        var dropped = arguments.Where(a => entry.Arguments[a.Parameter].Drop).Select(a => a.Node).ToHashSet();
        RemoveArguments(dropped, list, plan);
        foreach (var argument in arguments)
        {
            var rule = entry.Arguments[argument.Parameter];
            if (rule.Drop)
            {
                continue;
            }
            if (rule.Values.TryGetValue(context.Text(argument.Value).Trim(), out var translated))
            {
                plan.Replace(argument.Value, PyPrinter.Print(Py.OfText(context.Expression(translated))));
            }
            if (argument.Node is PythonParser.KeywordArgumentContext keyword)
            {
                if (rule.Position is not null)
                {
                    plan.Discard(keyword.name().Start.TokenIndex, keyword.expression().Start.TokenIndex - 1);
                }
                else if (rule.Keyword != keyword.name().GetText())
                {
                    plan.Replace(keyword.name(), rule.Keyword!);
                }
            }
            else if (rule.Keyword is not null)
            {
                plan.InsertBefore(argument.Node, rule.Keyword + "=");
            }
        }
        AddMissing(arguments, entry, list, openParen, dropped, context, receiverFirst);
    }

    /// <summary>Keywords the target always gets, and defaults where torch's default differs from the target's.</summary>
    private static void AddMissing(IReadOnlyList<BoundArgument> arguments, MapEntry entry, PythonParser.ArgumentsContext? list,
        Antlr4.Runtime.IToken openParen, HashSet<PythonParser.ArgumentContext> dropped, ConversionContext context, bool receiverFirst)
    {
        var added = new List<PyKeyword>();
        foreach (var rule in entry.Arguments.Values)
        {
            if (rule.Default is not null && rule.Keyword is not null && arguments.All(a => a.Parameter != rule.Source))
            {
                added.Add(new PyKeyword(rule.Keyword, Py.OfText(context.Expression(rule.Default))));
            }
        }
        added.AddRange(entry.Add.Select(pair => new PyKeyword(pair.Key, Py.OfText(context.Expression(pair.Value)))));
        if (added.Count == 0)
        {
            return;
        }
        var text = PyPrinter.PrintArguments([], added);
        var kept = CallArguments.Of(list).Where(a => !dropped.Contains(a)).ToList();
        if (kept.Count > 0)
        {
            context.Plan.InsertAfter(kept[^1], [", ", .. text]);
        }
        else
        {
            context.Plan.InsertAfter(openParen, receiverFirst ? [", ", .. text] : text);
        }
    }

    private static void RemoveArguments(HashSet<PythonParser.ArgumentContext> dropped, PythonParser.ArgumentsContext? list, EditPlan plan)
    {
        if (list is not null && !ListItems.Remove(list.argument(), dropped.Cast<Antlr4.Runtime.ParserRuleContext>().ToHashSet(), plan))
        {
            plan.Discard(list.Start.TokenIndex, list.Stop.TokenIndex);
        }
    }
}
