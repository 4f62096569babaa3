using Switcheroo.Engine.Analysis.Values;
using Antlr4.Runtime.Tree;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting;

/// <summary>
/// Item assignment into a tensor, which JAX arrays do not support, becomes the functional update
/// that rebinds the name (JAX's <c>.at</c> operators):
/// <code>
/// pe[:, 0::2] = torch.sin(t)   →  pe = pe.at[:, 0::2].set(jnp.sin(t))
/// mask[:, :k] += 1             →  mask = mask.at[:, :k].add(1)
/// w[i] -= g + h                →  w = w.at[i].add(-(g + h))
/// </code>
/// Exact only where no other name sees the same storage: torch writes through views and into a
/// caller's tensor, a rebinding does not. So the name must be a local every binding of which
/// makes a fresh tensor; a parameter, an alias (<c>y = x</c>), a slice or a view
/// (<c>y = x[0]</c>, <c>x.view(...)</c>) is reported (SWR3003) and the assignment kept, as is one
/// into an attribute's item (<c>self.buf[0] = v</c>) or with an operator <c>.at</c> has no update for.
/// </summary>
internal sealed class ItemAssignments(ConversionContext context, TensorFacts tensors)
{
    private static readonly Dictionary<string, string> Updates = new(StringComparer.Ordinal)
    {
        ["="] = "set", ["+="] = "add", ["-="] = "add", ["*="] = "multiply", ["/="] = "divide", ["**="] = "power",
    };

    /// <summary>Methods whose result may share storage with their receiver in torch.</summary>
    private static readonly HashSet<string> Views = new(StringComparer.Ordinal)
    {
        "view", "view_as", "reshape", "transpose", "t", "permute", "expand", "expand_as", "narrow", "select",
        "unsqueeze", "squeeze", "flatten", "unflatten", "as_strided", "detach", "T", "mT", "real", "imag",
        "diagonal", "split", "chunk", "unbind", "contiguous", "to", "type_as", "movedim", "swapaxes",
    };

    /// <summary>Every assignment into an item of a tensor, each with its converting action.</summary>
    public IEnumerable<Action> Sites()
    {
        foreach (var statement in ParseTrees.Descendants<PythonParser.Expression_stmtContext>(context.Tree.Root!))
        {
            if (Target(statement) is { } target && !context.Edits.IsVerbatim(statement) && tensors.IsTensor(target.expr()))
            {
                yield return () => Convert(statement, target);
            }
        }
    }

    /// <summary>The one subscript an assignment or augmented assignment stores into, or null.</summary>
    private static PythonParser.SubscriptExprContext? Target(PythonParser.Expression_stmtContext statement)
    {
        bool single = statement.augassign() is not null ? true : statement.EQUAL().Length == 1;
        return single && statement.annotation() is null
            && TargetNames.Unwrap(statement.star_expressions()) is PythonParser.SubscriptExprContext subscript ? subscript : null;
    }

    private void Convert(PythonParser.Expression_stmtContext statement, PythonParser.SubscriptExprContext target)
    {
        var op = statement.augassign()?.GetText() ?? "=";
        var value = statement.assigned_value(0);
        if (!Updates.TryGetValue(op, out var update) || value.yield_expr() is not null)
        {
            Report(statement, $"'{op}' into an item has no JAX .at update");
            return;
        }
        if (TargetNames.Unwrap(target.expr()) is not PythonParser.NameAtomContext name)
        {
            Report(statement, "the array is not a plain local name, so the update cannot rebind it");
            return;
        }
        if (SharedStorage(name) is { } why)
        {
            Report(statement, why);
            return;
        }
        var array = Py.Named(name.GetText());
        // the subscript's own text, whatever it holds (slices, a tuple of them), goes between the brackets as is
        var items = new PySubscript(new PyAttribute(array, "at"), new PySource([TextPart.Of(target.slices())], PyPrecedence.Any));
        Py operand = op == "-=" ? new PyUnary("-", Py.Source(value)) : Py.Source(value);
        context.Plan.Replace(statement, PyBlockPrinter.Print(PyAssign.Of(array, Py.CallOf(new PyAttribute(items, update), operand))));
    }

    /// <summary>
    /// Why another name may see the tensor's storage, or null when every binding makes a fresh
    /// tensor and no other name of the scope is bound to it, a slice of it or a view of it.
    /// </summary>
    private string? SharedStorage(PythonParser.NameAtomContext name)
    {
        var scope = context.Model.ScopeOf(name);
        if (ViewersIn(scope)[name.GetText()].FirstOrDefault(viewer => viewer != name.GetText()) is { } viewer)
        {
            return $"'{viewer}' may be a view of '{name.GetText()}' (torch writes through views, JAX arrays cannot)";
        }
        var bindings = SemanticModel.Lookup(name.GetText(), scope);
        foreach (var binding in bindings ?? Array.Empty<NameBinding>())
        {
            if (AssignedValue(binding) is null)
            {
                return $"'{name.GetText()}' may be a caller's tensor (a parameter or loop variable): torch writes into it in place, JAX cannot";
            }
            if (ViewOf(binding) is { } viewed && viewed != name.GetText())
            {
                return $"'{name.GetText()}' may be a view of '{viewed}' (torch writes through views, JAX arrays cannot)";
            }
        }
        return null;
    }

    /// <summary>
    /// The name a binding makes an alias, slice or view of, through any chain of them
    /// (<c>y = x</c>, <c>y = x[0]</c>, <c>y = x.permute(1, 0).contiguous()</c>), or null for a fresh tensor.
    /// </summary>
    private static string? ViewOf(NameBinding binding)
    {
        var value = AssignedValue(binding);
        while (true)
        {
            switch (value)
            {
                case PythonParser.NameAtomContext viewed:
                    return viewed.GetText();
                case PythonParser.SubscriptExprContext subscript:
                    value = TargetNames.Unwrap(subscript.expr());
                    break;
                case PythonParser.AttributeExprContext attribute when Views.Contains(attribute.name().GetText()):
                    value = TargetNames.Unwrap(attribute.expr());
                    break;
                case PythonParser.CallExprContext call when TargetNames.Unwrap(call.expr()) is PythonParser.AttributeExprContext method
                    && Views.Contains(method.name().GetText()):
                    value = TargetNames.Unwrap(method.expr());
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>The value of a binding by one plain assignment (<c>x = value</c>), or null for any other binding.</summary>
    private static IParseTree? AssignedValue(NameBinding binding) =>
        binding.Site is PythonParser.Expression_stmtContext assignment && assignment.EQUAL().Length == 1 && assignment.augassign() is null
            ? TargetNames.Unwrap(assignment.assigned_value(0))
            : null;

    /// <summary>For each name of a scope, the names bound there as its alias, slice or view; computed once per scope.</summary>
    private ILookup<string, string> ViewersIn(Scope scope)
    {
        if (!_viewers.TryGetValue(scope, out var viewers))
        {
            viewers = scope.Bindings.Values.SelectMany(b => b)
                .Select(b => (Viewed: ViewOf(b), Viewer: b.Name))
                .Where(v => v.Viewed is not null)
                .ToLookup(v => v.Viewed!, v => v.Viewer);
            _viewers[scope] = viewers;
        }
        return viewers;
    }

    private readonly Dictionary<Scope, ILookup<string, string>> _viewers = new();

    private void Report(PythonParser.Expression_stmtContext statement, string why)
    {
        context.Report(DiagnosticCodes.ArgumentsNotMapped, statement, $"item assignment into an array not converted: {why}");
    }
}
