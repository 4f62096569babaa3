using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Hooks;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// The translation pass: finds every torch reference (the longest dotted chain rooted at a torch
/// import: <c>nn.functional.relu</c>), and every tensor method call, looks up its map entry and
/// converts it — by the entry's target and argument rules, or its hook — or reports why not.
/// No torch reference is left without either an edit or a diagnostic.
/// </summary>
internal sealed partial class Translator(ConversionContext context, HookRegistry hooks)
{
    private readonly TensorFacts _tensors = context.Facts.Tensors;
    private readonly HashSet<string> _reportedAmbiguous = new(StringComparer.Ordinal);

    public void Run()
    {
        Modules.DerivedModules.Convert(context);
        var chains = new List<(PythonParser.ExprContext Chain, string Name)>();
        foreach (var use in context.Model.Uses.OrderBy(u => u.Start.TokenIndex))
        {
            var (resolution, qualified) = context.Model.Resolve(use);
            if (resolution == Resolution.Ambiguous)
            {
                ReportAmbiguous(use);
            }
            else if (resolution == Resolution.Import && TorchNames.IsTorch(qualified))
            {
                var chain = SyntaxShapes.DottedChain(use);
                chains.Add((chain, context.Model.QualifiedName(chain)!));
            }
        }
        Modules.UnseenBases.Keep(context, chains);
        foreach (var (chain, name) in chains)
        {
            if (!context.Edits.IsVerbatim(chain))
            {
                Counted(() => Translate(chain, name));
            }
        }
        foreach (var (node, problem) in context.Facts.VariadicConstructions)
        {
            // Inside a class kept as torch code, the class's own report covers it.
            if (!context.Edits.IsVerbatim(node))
            {
                context.Report(DiagnosticCodes.ArgumentsNotMapped, node, problem);
            }
        }
        Modules.IgnoredKeywords.Filter(context);
        foreach (var itemAssignment in new ItemAssignments(context, _tensors).Sites().ToList())
        {
            Counted(itemAssignment);
        }
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(context.Tree.Root!))
        {
            Counted(() => TranslateMethod(call));
            ReportUnboundLayerCall(call);
        }
        foreach (var attribute in ParseTrees.Descendants<PythonParser.AttributeExprContext>(context.Tree.Root!))
        {
            Counted(() => TranslateAttribute(attribute));
        }
    }

    /// <summary>Counts a site as converted when it planned an edit and reported no warning.</summary>
    private void Counted(Action translate)
    {
        int warnings = context.Reports.WarningCount;
        int edits = context.Plan.EditCount;
        translate();
        if (context.Plan.EditCount > edits && context.Reports.WarningCount == warnings)
        {
            context.Edits.ConvertedSites++;
        }
    }


    private void Translate(PythonParser.ExprContext chain, string name)
    {
        var call = chain.Parent is PythonParser.CallExprContext c && c.expr() == chain ? c : null;
        var entry = context.Maps.Find(name);
        if (entry is null)
        {
            if (LayerClassValues.ClassDerivingFrom(chain) is { } derived)
            {
                // A class deriving from torch code without a map is torch code: its body stays as written, not half converted.
                context.Report(DiagnosticCodes.ModuleNotConverted, chain, $"class {derived.name().GetText()} derives from {name}, which has no mapping; its body stays torch code");
                context.Edits.KeepVerbatim(derived);
                return;
            }
            context.Report(DiagnosticCodes.NotConverted, chain, $"{name} has no mapping; kept as is");
            KeepCall(call);
            return;
        }
        if (entry.Kind is EntryKind.Method && entry.Hook is not null && call is not null)
        {
            // torch.Tensor.add_(x, y): the method's hook works on a receiver, which this call has none of.
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"{name}(...) is called through its class, not on a tensor; kept as is");
            KeepCall(call);
            return;
        }
        if (!Applies(entry, chain, call))
        {
            return;
        }
        if (entry.Kind is EntryKind.Constant && call is not null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"{name} is mapped as a constant, not a function; this call is kept as is");
            KeepCall(call);
            return;
        }
        if (entry.Kind is EntryKind.Constant or EntryKind.Attribute || call is null)
        {
            TranslateReference(entry, chain);
            return;
        }
        var arguments = CallArguments.Bind(call.arguments(), entry.Parameters, out var problem);
        problem ??= ArgumentEdits.Check(arguments!, entry, context);
        if (problem is not null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"{name}(...) not converted: {problem}");
            KeepCall(call);
            return;
        }
        context.Plan.Replace(chain, context.Targets.Reference(entry.Target!));
        context.MarkConverted(chain);
        ArgumentEdits.Apply(arguments!, entry, call.arguments(), call.LPAR().Symbol, context, receiverFirst: false);
    }

    /// <summary>
    /// A torch call that stays torch keeps its arguments as they are too: a torch function given
    /// converted (JAX) values would fail, and the diagnostic says the call is kept.
    /// </summary>
    private void KeepCall(PythonParser.CallExprContext? call)
    {
        if (call is not null)
        {
            context.Edits.KeepVerbatim(call);
        }
    }

    /// <summary>Unsupported entries and hooks are settled here; true when the entry's target still has to be applied.</summary>
    private bool Applies(MapEntry entry, PythonParser.ExprContext reference, PythonParser.CallExprContext? call)
    {
        if (call is null && LayerClassValues.TryConvertAnnotation(entry, reference, context))
        {
            return false;
        }
        if (entry.Unsupported is { } reason)
        {
            var instead = entry.Instead is { } use ? $"; use {use}" : string.Empty;
            var name = entry.Kind == EntryKind.Namespace ? context.Model.QualifiedName(reference) ?? entry.Torch : entry.Torch;
            context.Report(DiagnosticCodes.Unsupported, reference, $"{name} is not converted: {reason}{instead}");
            KeepCall(call);
            return false;
        }
        if (call is null && LayerClassValues.TryConvert(entry, reference, context))
        {
            return false;
        }
        if (entry.Hook is { } hookName)
        {
            var hook = hooks.Find(hookName)!;
            if (call is null && hook.NeedsCall)
            {
                context.Report(DiagnosticCodes.ArgumentsNotMapped, reference, $"{entry.Torch} is used without a call, so it cannot be converted; kept as is");
                return false;
            }
            hook.Apply(new HookSite(entry, reference, call), context);
            return false;
        }
        return true;
    }

    /// <summary>A constant (<c>torch.float32</c>), or a function used as a value (<c>act = F.relu</c>) when that is exact.</summary>
    private void TranslateReference(MapEntry entry, PythonParser.ExprContext chain)
    {
        bool exactAsValue = entry.Kind is EntryKind.Constant or EntryKind.Attribute
            || (entry.Add.Count == 0 && entry.Arguments.Values.All(r => r.Position is not null && r.Values.Count == 0));
        if (!exactAsValue || entry.Target is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, chain, $"{entry.Torch} is used without a call, so its arguments cannot be mapped; kept as is");
            return;
        }
        context.Plan.Replace(chain, context.Targets.Reference(entry.Target));
        context.MarkConverted(chain);
    }

    private void ReportAmbiguous(PythonParser.NameAtomContext use)
    {
        var name = use.GetText();
        var bindings = SemanticModel.Lookup(name, context.Model.ScopeOf(use));
        if (bindings is not null && bindings.Any(b => TorchNames.IsTorch(b.QualifiedName)) && _reportedAmbiguous.Add(name))
        {
            context.Report(DiagnosticCodes.AmbiguousName, use,
                $"'{name}' is bound both by a torch import and otherwise in this scope; its uses are not converted");
        }
    }
}
