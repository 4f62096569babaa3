using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Analysis;

/// <summary>
/// Calls with which a module class builds what it is given: a parameter called while the module is
/// constructed (<c>def _make_layer(self, block, planes): layers.append(block(self.inplanes, planes))</c>,
/// <c>def __init__(self, block): self.body = block(64)</c>). What the argument is (a block class of the
/// file, another file's, a function) is not known where the class is converted, so a class that builds
/// so carries the train flag (<see cref="ClassFacts.BuildsGiven"/>), and each such call gets the flag
/// through the runtime (<c>switcheroo_runtime.with_train(block, self.train)(...)</c>), which passes it
/// only to a Linen class with a <c>train</c> field: torch's <c>model.eval()</c> reaches every block.
/// "While constructed" is the constructor and the methods it calls on <c>self</c> (setup runs them).
/// </summary>
public static class GivenBuilders
{
    /// <summary>The calls of the class that call one of their function's parameters during construction.</summary>
    public static IEnumerable<PythonParser.CallExprContext> Of(PythonParser.Class_defContext cls, SemanticModel model)
    {
        if (ModuleClasses.Constructor(cls) is not { } init)
        {
            yield break;
        }
        var called = ParseTrees.Descendants<PythonParser.CallExprContext>(init)
            .Select(c => c.expr() is PythonParser.AttributeExprContext a && a.expr().GetText() == "self" ? a.name().GetText() : null)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var method in ModuleClasses.Methods(cls).Where(m => m == init || called.Contains(m.name().GetText())))
        {
            foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(method.block()))
            {
                if (CallsParameter(call, method, model))
                {
                    yield return call;
                }
            }
        }
    }

    /// <summary>
    /// Whether a layer helper (<see cref="LayerHelpers"/>) calls one of its parameters
    /// (<c>def conv_norm(c, norm_layer): return nn.Sequential(..., norm_layer(c))</c>): the classes calling it
    /// build what their caller gives them as much as if they called it themselves.
    /// </summary>
    public static bool CallsGiven(PythonParser.Function_defContext helper, SemanticModel model) =>
        ParseTrees.Descendants<PythonParser.CallExprContext>(helper.block()).Any(call => CallsParameter(call, helper, model));

    /// <summary>
    /// <c>block(...)</c> where <c>block</c> is bound only in <paramref name="method"/>: as its parameter,
    /// or by assignments of a name or an item (<c>conv_block = BasicConv2d</c> where the parameter is
    /// None, <c>conv_block = blocks[0]</c>), at least one binding standing for something given.
    /// </summary>
    private static bool CallsParameter(PythonParser.CallExprContext call, PythonParser.Function_defContext method, SemanticModel model)
    {
        if (call.expr() is not PythonParser.NameAtomContext use
            || SyntaxShapes.Enclosing<PythonParser.Function_defContext>(call) != method)
        {
            return false;
        }
        var bindings = SemanticModel.Lookup(use.GetText(), model.ScopeOf(use));
        return bindings is { Count: > 0 }
            && bindings.All(b => SyntaxShapes.Enclosing<PythonParser.Function_defContext>(b.Site) == method && (b.Site is PythonParser.ParameterContext || AssignsGiven(b.Site, method, model)))
            && bindings.Any(b => b.Site is PythonParser.ParameterContext || AssignsGiven(b.Site, method, model, item: true));
    }

    /// <summary>
    /// Whether a binding is a plain assignment (<c>name = value</c>) of a class of the file, or of an
    /// item of a parameter of <paramref name="method"/> (<c>blocks[0]</c>); with <paramref name="item"/>,
    /// only the latter. (A torch layer class assigned so, <c>norm_layer = nn.BatchNorm2d</c>, is a
    /// value form bound to the flag already.)
    /// </summary>
    private static bool AssignsGiven(Antlr4.Runtime.ParserRuleContext site, PythonParser.Function_defContext method, SemanticModel model, bool item = false)
    {
        if (SyntaxShapes.Enclosing<PythonParser.Expression_stmtContext>(site) is not { } statement || statement.assigned_value() is not [var value])
        {
            return false;
        }
        var atom = SyntaxShapes.AtomOf(value);
        if (atom is PythonParser.NameAtomContext name)
        {
            return !item && SemanticModel.Lookup(name.GetText(), model.ScopeOf(name)) is { Count: > 0 } classes && classes.All(c => c.Site is PythonParser.Class_defContext);
        }
        var parameters = method.parameters()?.parameter().Select(p => p.name()?.GetText()).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        return atom is PythonParser.SubscriptExprContext subscript && subscript.expr().GetText() is var owner && parameters.Contains(owner);
    }
}
