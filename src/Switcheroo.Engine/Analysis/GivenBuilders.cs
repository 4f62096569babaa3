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

    /// <summary><c>block(...)</c> where <c>block</c> is bound only as a parameter of <paramref name="method"/>.</summary>
    private static bool CallsParameter(PythonParser.CallExprContext call, PythonParser.Function_defContext method, SemanticModel model)
    {
        if (call.expr() is not PythonParser.AtomExprContext callee || callee.atom() is not PythonParser.NameAtomContext use
            || SyntaxShapes.Enclosing<PythonParser.Function_defContext>(call) != method)
        {
            return false;
        }
        var bindings = SemanticModel.Lookup(use.GetText(), model.ScopeOf(use));
        return bindings is [{ Site: PythonParser.ParameterContext parameter }]
            && SyntaxShapes.Enclosing<PythonParser.Function_defContext>(parameter) == method;
    }
}
