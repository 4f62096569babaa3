using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis.Training;

// The loss computation of a step: the plain assignments from the model's call to backward().
internal sealed partial class StepPattern
{
    /// <summary>
    /// The statements from the forward call to <c>backward()</c> (zero_grads aside): plain assignments
    /// only, the model called once and otherwise unread, no random draws or <c>.item()</c> reads,
    /// which a compiled step could not do.
    /// </summary>
    private List<PythonParser.StatementContext>? Region(IReadOnlyList<PythonParser.StatementContext> block, int before,
        List<PythonParser.StatementContext> zeroGrads, string model, out PythonParser.CallExprContext? forward,
        out PythonParser.StatementContext? autocast, out string problem)
    {
        forward = null;
        problem = string.Empty;
        // A `with torch.autocast(...):` among them counts as its body: the with goes (the step computes in float32).
        autocast = null;
        var siblings = new List<PythonParser.StatementContext>();
        foreach (var statement in block.Take(before))
        {
            if (IsAutocast(statement))
            {
                autocast = statement;
                siblings.AddRange(statement.with_stmt()!.block().statement());
                continue;
            }
            siblings.Add(statement);
        }
        int backward = siblings.Count;
        var region = new List<PythonParser.StatementContext>();
        for (int i = backward - 1; i >= 0; i--)
        {
            var statement = siblings[i];
            if (zeroGrads.Contains(statement))
            {
                continue;
            }
            var calls = ModelCalls(statement, model).ToList();
            if (!IsPlainAssignment(statement))
            {
                if (forward is not null || calls.Count > 0 || ParseTrees.Descendants<PythonParser.NameAtomContext>(statement).Any(n => n.GetText() == model))
                {
                    break;
                }
                problem = "the statements before backward() are not plain assignments from the model's call to the loss";
                return null;
            }
            if (forward is not null)
            {
                if (calls.Count > 0)
                {
                    problem = "the model is called more than once before backward()";
                    return null;
                }
                break;
            }
            region.Insert(0, statement);
            if (calls.Count > 1)
            {
                problem = "the model is called more than once before backward()";
                return null;
            }
            forward = calls.FirstOrDefault();
        }
        if (forward is null)
        {
            problem = $"'{model}' is not called in the plain assignments before backward()";
            return null;
        }
        if (autocast is not null && autocast.with_stmt()!.block().statement() is var body && !body.All(region.Contains))
        {
            if (body.Any(region.Contains))
            {
                problem = "the with torch.autocast(...) block holds statements other than the loss computation";
                return null;
            }
            autocast = null;
        }
        foreach (var statement in region)
        {
            var reads = ParseTrees.Descendants<PythonParser.NameAtomContext>(statement).Count(n => n.GetText() == model);
            if (reads > (ModelCalls(statement, model).Any() ? 1 : 0))
            {
                problem = $"the loss reads '{model}' other than by calling it (its weights live in params after conversion)";
                return null;
            }
            if (ParseTrees.Descendants<PythonParser.CallExprContext>(statement).Any(c => IsRandom(c) || (c.expr() is PythonParser.AttributeExprContext a && a.name().GetText() == "item")))
            {
                problem = "the forward pass draws random numbers or reads values with .item(), which a compiled step cannot do as torch does";
                return null;
            }
        }
        return region;
    }

    private bool IsRandom(PythonParser.CallExprContext call) =>
        semantic.QualifiedName(call.expr()) is { } name
        && maps.Find(name) is { } entry && entry.Options.GetValueOrDefault("random") == "true";

    /// <summary>Calls of the model by its name (<c>model(x)</c>).</summary>
    private static IEnumerable<PythonParser.CallExprContext> ModelCalls(PythonParser.StatementContext statement, string model) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(statement).Where(c => ModelBindings.NameOf(c.expr())?.GetText() == model && c.expr() is PythonParser.NameAtomContext);

    /// <summary><c>a = ...</c> or <c>a, b = ...</c> (names only, one statement on the line).</summary>
    internal static bool IsPlainAssignment(PythonParser.StatementContext statement) =>
        statement.SimpleLine() is { } line && line.simple_stmt().Length == 1
        && line.simple_stmt(0) is PythonParser.Expression_stmtContext assignment && assignment.EQUAL().Length > 0
        && Enumerable.Range(0, assignment.EQUAL().Length).All(i => TargetNames(i == 0 ? assignment.star_expressions() : assignment.assigned_value(i - 1)) is not null);

    /// <summary>The names an assignment binds, or null when a target is not a plain name (<c>x.a = </c>, <c>d[k] = </c>).</summary>
    internal static List<string>? TargetNames(Antlr4.Runtime.ParserRuleContext target)
    {
        var names = new List<string>();
        foreach (var atom in ParseTrees.Descendants<PythonParser.IAtom>(target))
        {
            switch (atom)
            {
                case PythonParser.NameAtomContext name when name.Parent is not (PythonParser.AttributeExprContext or PythonParser.CallExprContext or PythonParser.SubscriptExprContext):
                    names.Add(name.GetText());
                    break;
                case PythonParser.ParenAtomContext or PythonParser.ListAtomContext:
                    break;
                default:
                    return null;
            }
        }
        return names;
    }

    /// <summary>The names an assignment statement binds.</summary>
    internal static List<string> AssignedNames(PythonParser.StatementContext statement)
    {
        var assignment = (PythonParser.Expression_stmtContext)statement.simple_stmt(0);
        var names = new List<string>();
        for (int i = 0; i < assignment.EQUAL().Length; i++)
        {
            names.AddRange(TargetNames(i == 0 ? assignment.star_expressions() : assignment.assigned_value(i - 1)) ?? []);
        }
        return names;
    }
}
