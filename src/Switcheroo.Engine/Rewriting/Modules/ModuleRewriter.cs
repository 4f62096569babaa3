using Antlr4.Runtime;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Modules;

/// <summary>Plans the edits that turn one torch module class into a Linen module (see <see cref="ModuleClassHook"/>).</summary>
internal sealed class ModuleRewriter(ModuleClass module, IReadOnlyList<ModuleField> fields, ConversionContext context)
{
    /// <summary>torch.nn.Module methods with no Linen counterpart; calls on self are reported, never left silently.</summary>
    private static readonly HashSet<string> TorchModuleMethods = new(StringComparer.Ordinal)
    {
        "modules", "named_modules", "children", "named_children", "parameters", "named_parameters", "buffers",
        "named_buffers", "apply", "to", "cuda", "cpu", "train", "eval", "zero_grad", "state_dict", "load_state_dict",
        "register_buffer", "register_parameter", "add_module", "register_module", "requires_grad_", "half", "float", "double",
    };

    public void Run()
    {
        if (fields.Count > 0)
        {
            DeclareFields();
        }
        if (module.Init is { } init)
        {
            context.Plan.Replace(init.name(), "setup");
            if (init.parameters() is { } parameters)
            {
                context.Plan.Replace(parameters, "self");
            }
            RewriteConstructorBody(init);
        }
        if (module.Forward is { } forward)
        {
            context.Plan.Replace(forward.name(), "__call__");
        }
        ReportTorchModuleMethods(BufferRegistrations.Convert(module, context));
    }

    private void DeclareFields()
    {
        var indentation = context.Indentation(module.FirstMember().Start);
        var newline = context.Newline();
        var parts = new List<TextPart>();
        foreach (var field in fields)
        {
            parts.Add(field.Name + ": ");
            parts.AddRange(field.Annotation);
            if (field.Default is not null)
            {
                parts.Add(" = ");
                parts.Add(TextPart.Of(field.Default));
            }
            parts.Add(field == fields[^1] ? newline + newline + indentation : newline + indentation);
        }
        context.Plan.InsertBefore(module.FirstMember(), parts.ToArray());
    }

    private void RewriteConstructorBody(PythonParser.Function_defContext init)
    {
        var fieldNames = fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var statement in init.block().statement())
        {
            if (IsSuperInit(statement) || IsFieldCopy(statement, fieldNames))
            {
                context.RemoveStatement(statement);
            }
        }
        var parameters = fields.Select(f => f.Parameter).ToHashSet();
        foreach (var use in TreeWalk.Descendants<PythonParser.NameAtomContext>(init.block()))
        {
            var bindings = SemanticModel.Lookup(use.GetText(), context.Model.ScopeOf(use));
            if (bindings is { Count: 1 } && bindings[0].Site is PythonParser.ParameterContext p && parameters.Contains(p))
            {
                context.Plan.Replace(use, "self." + use.GetText());
            }
        }
    }

    /// <summary><c>super().__init__(...)</c>, <c>super(Net, self).__init__(...)</c> or <c>nn.Module.__init__(self)</c>.</summary>
    private static bool IsSuperInit(PythonParser.StatementContext statement)
    {
        var text = statement.simple_stmts()?.simple_stmt() is [{ } only] ? only.GetText() : null;
        return text is not null && text.EndsWith(')') && text.Contains(".__init__(", StringComparison.Ordinal)
            && (text.StartsWith("super(", StringComparison.Ordinal) || text.Contains("Module.__init__(self", StringComparison.Ordinal));
    }

    /// <summary><c>self.h = h</c> for a field <c>h</c>: the field already holds it.</summary>
    private static bool IsFieldCopy(PythonParser.StatementContext statement, HashSet<string> fieldNames)
    {
        var text = statement.simple_stmts()?.simple_stmt() is [{ } only] ? only.GetText() : null;
        var parts = text?.Split('=');
        return parts is [var left, var right] && left.StartsWith("self.", StringComparison.Ordinal)
            && left[5..] == right && fieldNames.Contains(right);
    }

    private void ReportTorchModuleMethods(HashSet<PythonParser.CallExprContext> converted)
    {
        foreach (var call in TreeWalk.Descendants<PythonParser.CallExprContext>(module.Node))
        {
            if (!converted.Contains(call) && call.expr() is PythonParser.AttributeExprContext { } attribute
                && attribute.expr().GetText() == "self"
                && TorchModuleMethods.Contains(attribute.name().GetText()))
            {
                context.Report(DiagnosticCodes.NotConverted, attribute,
                    $"torch.nn.Module.{attribute.name().GetText()} has no Flax Linen counterpart; kept as is");
            }
        }
    }
}
