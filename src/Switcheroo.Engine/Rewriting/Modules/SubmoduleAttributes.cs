using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>
/// Attributes set on a submodule after it is built: <c>self.conv1 = conv_block(3, 32);
/// self.conv1.stddev = 0.01</c>. torch's modules are plain objects; a Flax module is frozen once
/// constructed, and setting an attribute on it (in <c>setup</c> or <c>__call__</c>) raises
/// <c>SetAttributeFrozenModuleError</c>. The conversion cannot move the value into the submodule's
/// fields (its class may declare none for it), so it reports the statement (SWR3017) and keeps it.
/// Only submodules the constructor builds by a call of something other than torch count: an
/// attribute of a torch layer (<c>self.fc.stddev</c>) is a torch name, which the maps convert or
/// report themselves.
/// </summary>
internal static class SubmoduleAttributes
{
    public static void Report(ModuleClass module, ConversionContext context)
    {
        if (module.Init is not { } init)
        {
            return;
        }
        var built = Built(init, context);
        if (built.Count == 0)
        {
            return;
        }
        foreach (var assignment in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(module.Node))
        {
            if (assignment.EQUAL().Length == 0 || SyntaxShapes.Enclosing<PythonParser.Class_defContext>(assignment) != module.Node)
            {
                continue;
            }
            var values = assignment.assigned_value();
            var targets = values.Take(values.Length - 1).Select(v => v.star_expressions()).Prepend(assignment.star_expressions());
            foreach (var target in targets.Select(t => t is null ? null : SyntaxShapes.AtomOf(t)))
            {
                if (target is PythonParser.AttributeExprContext { } set
                    && set.expr() is PythonParser.AttributeExprContext { } owner && owner.expr().GetText() == "self"
                    && built.Contains(owner.name().GetText()))
                {
                    context.Report(DiagnosticCodes.SubmoduleAttributeSet, set,
                        $"{set.GetText()} sets an attribute on the submodule self.{owner.name().GetText()}, but a Flax module is frozen once built "
                        + "(SetAttributeFrozenModuleError); give the value to its class as a constructor argument (a field) instead; kept as is");
                }
            }
        }
    }

    /// <summary>The attributes of <c>self</c> the constructor assigns the result of a call that is not torch's.</summary>
    private static HashSet<string> Built(PythonParser.Function_defContext init, ConversionContext context)
    {
        var built = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(init))
        {
            if (assignment.EQUAL().Length == 1
                && SyntaxShapes.AtomOf(assignment.star_expressions()) is PythonParser.AttributeExprContext { } target
                && target.expr().GetText() == "self"
                && SyntaxShapes.AtomOf(assignment.assigned_value(0)) is PythonParser.CallExprContext { } construction
                && !IsTorch(construction, context))
            {
                built.Add(target.name().GetText());
            }
        }
        return built;
    }

    /// <summary>True when the callee's first name (<c>nn</c> of <c>nn.Linear</c>) is bound by an import of torch.</summary>
    private static bool IsTorch(PythonParser.CallExprContext construction, ConversionContext context)
    {
        var callee = construction.expr();
        while (callee is PythonParser.AttributeExprContext attribute)
        {
            callee = attribute.expr();
        }
        return Training.ModelNames.NameOf(callee) is { } name
            && SemanticModel.Lookup(name.GetText(), context.Model.ScopeOf(name)) is [{ } binding]
            && TorchNames.IsTorch(binding.QualifiedName);
    }
}
