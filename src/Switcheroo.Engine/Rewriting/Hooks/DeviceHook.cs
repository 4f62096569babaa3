using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Training;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>device</c>: <c>torch.device("cuda")</c> becomes the device's name by the entry's template
/// (<see cref="TemplateHook"/>); JAX places arrays itself. When a statement <c>device = torch.device(...)</c>
/// binds a name that nothing reads any more once placements are removed (<c>.to(device)</c>,
/// <c>device=device</c>), the statement goes too, with an info diagnostic (SWR3007):
/// <code>
/// device = torch.device("cuda" if torch.cuda.is_available() else "cpu")   →  (removed)
/// model = Net().to(device)                                                 →  model = Net()
/// </code>
/// Caveat: a name read anywhere else (<c>print(device)</c>) keeps the statement, as the name string.
/// </summary>
public sealed class DeviceHook : IHook
{
    public string Name => "device";

    public IReadOnlyList<HookOption> Options { get; } = [HookOption.Template()];

    public void Apply(HookSite site, ConversionContext context)
    {
        TemplateHook.Apply(site, context, adjust: null, wrap: null);
        if (site.Call is not { } call || SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(call) is not { } assignment
            || assignment.EQUAL().Length != 1 || SyntaxShapes.AtomOf(assignment.assigned_value(0)) != call
            || ModelNames.NameOf(assignment.star_expressions()) is not { } name
            || SyntaxShapes.Enclosing<PythonParser.StatementContext>(assignment) is not { } statement
            || statement.simple_stmt().Length != 1)
        {
            return;
        }
        var scope = context.Model.ScopeOf(name);
        if (scope.Lookup(name.GetText()) is not { Count: 1 })
        {
            return;
        }
        var reads = ParseTrees.Descendants<PythonParser.NameAtomContext>(scope.Node)
            .Where(use => use != name && use.GetText() == name.GetText() && ModelCalls.IsLocal(context, scope, use))
            .ToList<Antlr4.Runtime.ParserRuleContext>();
        // The sink removes it once every conversion is planned, if none of those reads is left.
        context.Edits.RemoveStatementUnlessRead(statement, reads, new EditSink.PendingReport(DiagnosticCodes.DevicePlacementRemoved, statement,
            $"{name.GetText()} = torch.device(...) removed: JAX places arrays on devices itself, and nothing else reads '{name.GetText()}'"));
    }
}
