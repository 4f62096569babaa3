using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

// Tensor methods: x.view(2, -1), x.sum(dim=1), x.size(0).
internal sealed partial class Translator
{
    /// <summary>The torch module whose objects an entry's method belongs to: <c>torch.optim</c> for <c>torch.optim.Optimizer.step</c>.</summary>
    private static string OwnerModule(MapEntry entry)
    {
        var owner = entry.Torch[..entry.Torch.LastIndexOf('.')];
        return owner.Contains('.') ? owner[..owner.LastIndexOf('.')] : owner;
    }

    private bool? _importsTorch;

    /// <summary>Whether the module imports torch at all (only then is an unknown receiver worth a report).</summary>
    private bool ImportsTorch => _importsTorch ??=
        context.Model.Module.Bindings.Values.SelectMany(b => b).Any(b => TorchNames.IsTorch(b.QualifiedName));

    private static bool IsSelf(PythonParser.ExprContext receiver) =>
        receiver is PythonParser.NameAtomContext name && name.GetText() == "self";

    /// <summary>A layer the class declares (<c>self.parts</c> = <c>nn.ModuleDict(...)</c>), which is no tensor.</summary>
    private bool IsLayer(PythonParser.ExprContext receiver) =>
        receiver is PythonParser.AttributeExprContext attribute && context.Facts.Layers.Referenced(attribute) is not null;

    private static bool HasStringArgument(PythonParser.CallExprContext call) =>
        CallArguments.Of(call.arguments()).Any(a => a is PythonParser.PositionalArgumentContext p
            && SyntaxShapes.AtomOf(p) is PythonParser.StringAtomContext);

    /// <summary>
    /// The entry of a method call by its name; a model takes its base class's method, an object built
    /// from a torch module takes that module's method, the most specific module first (a scheduler's
    /// <c>step()</c>, not an optimizer's).
    /// </summary>
    private MapEntry? MethodEntry(PythonParser.AttributeExprContext callee, bool onModel)
    {
        if (onModel)
        {
            // A model is no tensor: only the methods of its base class apply (model.float(), self.modules()).
            return context.Maps.ModelMethod(callee.name().GetText());
        }
        if (IsSelf(callee.expr()))
        {
            // Any other class's instance is no tensor either (self.permute(x) calls what the class defines or holds).
            return null;
        }
        var entries = context.Maps.ObjectMethods(callee.name().GetText()).ToList();
        return entries
            .Where(e => !e.AnyReceiver && !context.Maps.IsTensorMember(e) && _tensors.IsBuiltBy(callee.expr(), OwnerModule(e)))
            .OrderByDescending(e => OwnerModule(e).Length)
            .FirstOrDefault() ?? entries.FirstOrDefault(e => !context.Maps.IsLayerMethod(e));
    }

    private void TranslateMethod(PythonParser.CallExprContext call)
    {
        if (call.expr() is not PythonParser.AttributeExprContext callee || context.Model.QualifiedName(callee) is not null
            || context.Edits.IsVerbatim(call) || context.Edits.IsRewrittenCall(call))
        {
            return;
        }
        bool onModel = _tensors.IsModel(callee.expr());
        var entry = MethodEntry(callee, onModel);
        if (!onModel && entry is { AnyReceiver: true } && !ReferenceEquals(entry, context.Maps.ModelMethod(entry.MemberName)) && _tensors.IsModule(callee.expr()))
        {
            // A layer, or a model an attribute holds (self.fc.float(), layer.zero_grad()), is no tensor (nor an
            // optimizer): only its base class's method applies, as on a model.
            onModel = true;
            entry = context.Maps.ModelMethod(callee.name().GetText());
            if (entry is null)
            {
                context.Report(DiagnosticCodes.NotConverted, callee,
                    $"'{context.Text(callee.expr())}' is a module, and torch.nn.Module.{callee.name().GetText()} has no mapping; kept as is");
                return;
            }
        }
        if (!onModel && context.Maps.ModelMethod(callee.name().GetText()) is { Unsupported: not null } moduleMethod && _tensors.IsModule(callee.expr()))
        {
            // A layer's method that only torch's module base has (self.features.add_module(...) on a
            // Sequential built before): the Flax layer has none, whatever other class names it too.
            Applies(moduleMethod, callee, call);
            return;
        }
        if (entry is null)
        {
            if (_tensors.IsTensor(callee.expr()))
            {
                context.Report(DiagnosticCodes.NotConverted, callee, $"torch.Tensor.{callee.name().GetText()} has no mapping; kept as is");
            }
            else if (onModel && TorchModuleMethod(callee) is { } model)
            {
                context.Report(DiagnosticCodes.NotConverted, callee,
                    $"{model} defines no '{callee.name().GetText()}', so it is torch.nn.Module.{callee.name().GetText()}, which has no mapping (a Flax module has no such method); kept as is");
            }
            return;
        }
        if (!_tensors.IsTensor(callee.expr()) && !entry.AnyReceiver && !_tensors.IsBuiltBy(callee.expr(), OwnerModule(entry))
            && !onModel)
        {
            if (!context.Maps.IsTensorMember(entry) || IsSelf(callee.expr()) || IsLayer(callee.expr())
                || HasStringArgument(call) || CallArguments.Bind(call.arguments(), entry.Parameters.Skip(1).ToList(), out _) is null)
            {
                // Only tensor methods are worth a doubt; methods of other torch classes apply to objects
                // built from their module (opt.step()), and env.step() is not one. Strings, or arguments
                // the method cannot take, mean it is not a tensor call (str.split(","), F.relu(x)); nor is
                // a call on self, the module (self.norm(x) calls a layer named norm), nor on a layer the
                // class declares (self.parts.norm(x): an entry of a ModuleDict).
                return;
            }
            if (ImportsTorch)
            {
                context.Report(DiagnosticCodes.UnknownReceiver, callee,
                    $".{entry.MemberName}(...) may be {entry.Torch}, but '{context.Text(callee.expr())}' is not known to be a tensor; kept as is");
            }
            return;
        }
        if (!Applies(entry, callee, call))
        {
            return;
        }
        var parameters = entry.Parameters.Skip(1).ToList();
        var arguments = CallArguments.Bind(call.arguments(), parameters, out var problem);
        bool asFunction = entry.Target is not null;
        problem ??= ArgumentEdits.Check(arguments!, entry, context, leadingPositionals: asFunction ? 1 : 0);
        if (problem is not null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $".{entry.MemberName}(...) not converted: {problem}");
            return;
        }
        if (asFunction)
        {
            context.Plan.InsertBefore(callee.expr(), context.Targets.Reference(entry.Target!) + "(");
            var separator = arguments!.Count > 0 ? ", " : string.Empty;
            context.Plan.Replace(callee.DOT().Symbol.TokenIndex, call.LPAR().Symbol.TokenIndex, separator);
        }
        else if (entry.TargetMethod != entry.MemberName)
        {
            context.Plan.Replace(callee.name(), entry.TargetMethod!);
        }
        ArgumentEdits.Apply(arguments!, entry, call.arguments(), call.LPAR().Symbol, context, receiverFirst: asFunction);
    }

    /// <summary>
    /// An attribute of a torch layer read or written (<c>self.emb.embedding_dim</c>, <c>self.head.weight =
    /// self.emb.weight</c>, <c>conv.out_channels</c>): a Flax layer holds no weights (they are in the
    /// variables) and names its settings otherwise, so the access is reported where no conversion took
    /// it (an initialisation moved into an initializer argument did).
    /// </summary>
    private void ReportLayerAttribute(PythonParser.AttributeExprContext attribute, string layer)
    {
        // One in code a conversion drops (an initialisation moved into an initializer) is forgotten
        // with it (Reporter.ForgetDropped). Python's own attributes (__class__, __dict__) are every object's.
        var name = attribute.name().GetText();
        if (InReportedCall(attribute) || (name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal)))
        {
            return;
        }
        context.Report(DiagnosticCodes.NotConverted, attribute,
            $"{layer}.{attribute.name().GetText()} has no mapping: a Flax layer holds no weights (they are in the variables) and names its settings otherwise; kept as is");
    }

    /// <summary>The attribute is only read: not a target of an assignment (augmented too), <c>del</c>, <c>for</c> or <c>with</c>, nor a part of one.</summary>
    private static bool IsRead(PythonParser.AttributeExprContext attribute) => AssignmentTargets.RoleOf(attribute).Role == TargetRole.Read;

    private readonly Dictionary<PythonParser.Class_defContext, HashSet<string>> _classMembers = new();

    /// <summary>
    /// The class of a model whose method call is torch's own (<c>model.share_memory()</c>,
    /// <c>self.named_children()</c>): the class derives from torch's model base only, and neither
    /// binds the name in its body nor assigns or reads it as <c>self.NAME</c>; null when the class may have it.
    /// </summary>
    private string? TorchModuleMethod(PythonParser.AttributeExprContext callee)
    {
        if (_tensors.ModelClass(callee.expr()) is not { } name || context.ModuleClassNamed(name) is not { } cls
            || cls.arguments() is not { } bases
            || CallArguments.Of(bases).Any(b => b is not PythonParser.PositionalArgumentContext p
                || SyntaxShapes.AsExpression(SyntaxShapes.AtomOf(p)) is not { } basis
                || context.Model.QualifiedName(basis) is not { } qualified || !context.Maps.IsModuleBase(qualified)))
        {
            return null;
        }
        return MembersOf(cls).Contains(callee.name().GetText()) ? null : name;
    }

    /// <summary>The names a class binds in its body (methods, class attributes) or assigns or reads as <c>self.NAME</c>, once per class.</summary>
    private HashSet<string> MembersOf(PythonParser.Class_defContext cls)
    {
        if (!_classMembers.TryGetValue(cls, out var members))
        {
            members = (context.Model.ScopeOpenedBy(cls)?.Bindings.Keys ?? [])
                .Concat(ParseTrees.Descendants<PythonParser.AttributeExprContext>(cls)
                    .Where(a => a.expr().GetText() == "self" && !(a.Parent is PythonParser.CallExprContext call && call.expr() == a))
                    .Select(a => a.name().GetText()))
                .ToHashSet(StringComparer.Ordinal);
            _classMembers[cls] = members;
        }
        return members;
    }

    /// <summary>An argument of a call reported as kept (<c>nn.init.normal_(self.fc.weight, mean=1.0)</c>): that diagnostic covers it.</summary>
    private bool InReportedCall(PythonParser.AttributeExprContext attribute)
    {
        for (var call = SyntaxShapes.Enclosing<PythonParser.CallExprContext>(attribute); call is not null; call = SyntaxShapes.Enclosing<PythonParser.CallExprContext>(call.Parent))
        {
            if (context.Reports.WarnedAt(call.Start.TokenIndex))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A torch layer called outside the methods of a converted module (<c>proj = nn.Linear(4, 4)</c> at
    /// the top of the file, then <c>proj(x)</c> in a function): a Flax layer outside a module is not
    /// bound to variables, and calling it raises; it is applied with its variables
    /// (<c>proj.apply(variables, x)</c>, the variables from <c>proj.init</c>), which Switcheroo cannot
    /// place here, so the call is reported. Only layers whose entry maps torch parameters to Flax
    /// initializers (<c>init</c>) are known to hold variables: a loss or an activation is a function.
    /// </summary>
    private void ReportUnboundLayerCall(PythonParser.CallExprContext call)
    {
        if (context.ModuleWithSelf(call) is not null || context.Edits.IsVerbatim(call)
            || _tensors.TorchModuleClass(call.expr()) is not { } layer || context.Maps.Find(layer) is not { Init.Count: > 0 })
        {
            return;
        }
        context.Report(DiagnosticCodes.NotConverted, call,
            $"'{context.Text(call.expr())}' is a {layer} called outside a converted module: a Flax layer there holds no variables, and is applied with them "
            + $"({context.Text(call.expr())}.apply(variables, ...), the variables from {context.Text(call.expr())}.init); kept as is");
    }

    /// <summary>An attribute read on a known tensor (<c>x.requires_grad</c>) that JAX arrays do not have, or have under another name.</summary>
    private void TranslateAttribute(PythonParser.AttributeExprContext attribute)
    {
        if (attribute.Parent is PythonParser.CallExprContext call && call.expr() == attribute
            || context.Model.QualifiedName(attribute) is not null || context.Edits.IsVerbatim(attribute))
        {
            return;
        }
        if (_tensors.TorchModuleClass(attribute.expr()) is { } layer)
        {
            if (context.Maps.Find(layer)?.Settings.GetValueOrDefault(attribute.name().GetText()) is { } field && IsRead(attribute))
            {
                // a setting of the layer, read: the converted layer's field holding it (self.norm1.eps -> self.norm1.epsilon)
                if (field != attribute.name().GetText())
                {
                    context.Plan.Replace(attribute.name(), field);
                }
                return;
            }
            ReportLayerAttribute(attribute, layer);
            return;
        }
        var entry = context.Maps.FindMember(attribute.name().GetText(), EntryKind.Attribute);
        if (entry is null || !(entry.AnyReceiver || _tensors.IsTensor(attribute.expr())) || !Applies(entry, attribute, null))
        {
            return;
        }
        if (entry.TargetMethod is { } renamed && renamed != entry.MemberName)
        {
            context.Plan.Replace(attribute.name(), renamed);
        }
    }
}
