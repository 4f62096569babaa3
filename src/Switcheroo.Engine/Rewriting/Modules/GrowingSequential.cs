using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// A Sequential the constructor assigns (from an <c>OrderedDict</c>, or empty) and then extends with
/// <c>self.X.add_module(name, layer)</c> in the same block (densenet's <c>features</c>): Flax freezes a
/// module once <c>setup</c> assigned it, so the layers are gathered in a local mapping and the
/// Sequential built once, after its last layer, as a <c>NamedSequential</c> (the <c>sequential</c> hook).
/// <code>
/// self.features = nn.Sequential(OrderedDict([...]))     features_layers = OrderedDict([...])
/// for i in range(n):                                    for i in range(n):
///     self.features.add_module("block%d" % i, B(i))         features_layers["block%d" % i] = B(i)
///                                                       self.features = switcheroo_runtime.named_sequential(features_layers)
/// </code>
/// Caveats (left to the hook's other forms, which report the <c>add_module</c>): the assignment in a
/// loop, any other use of the attribute in the constructor before its last layer, an
/// <c>add_module</c> that is not a statement given a name and a layer by position.
/// </summary>
internal static class GrowingSequential
{
    /// <summary>Converts the growing Sequential <paramref name="call"/> builds; false when it is not one (nothing is edited).</summary>
    public static bool TryConvert(PythonParser.CallExprContext call, PythonParser.ArgumentContext? mapping, ConversionContext context)
    {
        if (SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(call) is not { } assignment || assignment.EQUAL().Length != 1
            || SyntaxShapes.AtomOf(assignment.assigned_value(0)) != call
            || SyntaxShapes.AtomOf(assignment.star_expressions()) is not PythonParser.AttributeExprContext { } target || target.expr().GetText() != "self"
            || SyntaxShapes.Enclosing<PythonParser.StatementContext>(assignment) is not { Parent: PythonParser.BlockContext block } creation
            || Constructor(creation) is not { } init)
        {
            return false;
        }
        var name = target.name().GetText();
        var uses = ParseTrees.Descendants<PythonParser.AttributeExprContext>(init.block())
            .Where(a => a != target && a.expr().GetText() == "self" && a.name().GetText() == name && a.Start.TokenIndex > creation.Stop.TokenIndex).ToList();
        var additions = uses.Where(u => u.Stop.TokenIndex <= block.Stop.TokenIndex).Select(Addition).TakeWhile(a => a is not null).Select(a => a!.Value).ToList();
        if (additions.Count == 0)
        {
            return false;
        }
        var last = block.statement().Last(s => s.Start.TokenIndex <= additions[^1].Call.Start.TokenIndex);
        if (uses.Any(u => u.Stop.TokenIndex <= last.Stop.TokenIndex && !additions.Any(a => a.Receiver == u)))
        {
            return false;
        }
        var local = context.Edits.FreshName(name + "_layers", init);
        context.Plan.Replace(target, local);
        context.Plan.Replace(call, mapping is null ? PyPrinter.Print(new PyDict([])) : PyPrinter.Print(Py.SoleArgument(mapping), TemplateSlots.Required(call)));
        foreach (var (receiver, added, key, layer) in additions)
        {
            context.Plan.Replace(SyntaxShapes.Enclosing<PythonParser.Simple_stmtContext>(added)!,
                PyBlockPrinter.Print(PyAssign.Of(new PySubscript(Py.Named(local), Py.Source(key)), Py.Source(layer))));
            context.Edits.RewroteCall(added);
        }
        var built = Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.named_sequential")), Py.Named(local));
        var end = context.Tree.Tokens[context.Edits.LastLineEnd(last)];
        var newline = context.Edits.Newline();
        TextPart[] line = [context.Edits.Indentation(creation.Start), .. PyBlockPrinter.Print(PyAssign.Of(ModuleRewriter.SelfAttribute(name), built)), newline];
        context.Plan.InsertAfter(end, end.Text.Length == 0 ? [newline, .. line] : line);
        return true;
    }

    /// <summary><c>self.X.add_module(name, layer)</c> as a statement of its own, the use being its <c>self.X</c>; else null.</summary>
    private static (PythonParser.AttributeExprContext Receiver, PythonParser.CallExprContext Call, ParserRuleContext Key, ParserRuleContext Layer)? Addition(PythonParser.AttributeExprContext use) =>
        use.Parent is PythonParser.AttributeExprContext { Parent: PythonParser.CallExprContext call } method && method.expr() == use && call.expr() == method
        && method.name().GetText() == "add_module"
        && SyntaxShapes.Enclosing<PythonParser.Simple_stmtContext>(call) is { } statement && SyntaxShapes.AtomOf(statement) == call
        && CallArguments.Of(call.arguments()) is [PythonParser.PositionalArgumentContext key, PythonParser.PositionalArgumentContext layer]
            ? (use, call, key, layer)
            : null;

    /// <summary>The constructor the statement runs in once: not inside a loop or a nested function.</summary>
    private static PythonParser.Function_defContext? Constructor(PythonParser.StatementContext statement)
    {
        for (RuleContext? node = statement.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case PythonParser.For_stmtContext or PythonParser.While_stmtContext:
                    return null;
                case PythonParser.Function_defContext function:
                    return function.name().GetText() == "__init__" && SyntaxShapes.Enclosing<PythonParser.Class_defContext>(function) is not null ? function : null;
            }
        }
        return null;
    }
}
