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
        var built = module.SelfConstructions()
            .Where(c => context.Model.QualifiedName(c.Construction.expr()) is not { } callee || !TorchNames.IsTorch(callee))
            .Select(c => c.Target.name().GetText())
            .ToHashSet(StringComparer.Ordinal);
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
}
