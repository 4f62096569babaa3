using System.Runtime.CompilerServices;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Parsing;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Checking.Rules;

/// <summary>
/// Torch left in code that carries no marker: a name resolving to <c>torch</c> or
/// <c>torchvision</c> (<c>torch.zeros</c>), an import of them that no marked code uses, and a call
/// of a torch tensor method that a JAX array does not have (<c>x.cuda()</c>, <c>x.size(1)</c>,
/// <c>x.view(-1, 4)</c>). Everything of torch that stays must be reported code. Tensor methods come
/// from the maps (every method entry of a type whose entry says <c>instances: tensor</c>, <c>torch.Tensor</c>, whose name a JAX array lacks); those the
/// maps convert on any receiver count on any receiver but <c>self</c>, an import or a literal, the
/// others only on a name known to hold an array (<see cref="KnownArrays"/>). The data pipeline
/// (DataLoader, datasets, transforms) is torch code kept on purpose, not a leftover.
/// </summary>
internal sealed class TorchLeftover : ISelfCheckRule
{
    public string Name => "torch-leftover";

    public IEnumerable<RuleHit> Check(CheckedFile file) =>
        References(file).Concat(Imports(file)).Concat(TensorMethods(file));

    private static IEnumerable<RuleHit> References(CheckedFile file)
    {
        foreach (var use in file.Model.Uses)
        {
            var (resolution, qualified) = file.Model.Resolve(use);
            if (resolution == Resolution.Import && TorchNames.IsTorch(qualified) && !IsDataPipeline(file, SyntaxShapes.DottedChain(use)) && !InDataPipelineCall(file, use))
            {
                var chain = SyntaxShapes.DottedChain(use);
                yield return new RuleHit(use, $"'{file.Tree.Text(chain)}' is torch's ({file.QualifiedName(chain) ?? qualified}), left in code that is not marked");
            }
        }
    }

    /// <summary>
    /// Torch code kept on purpose as the data source (entries naming the <c>data_pipeline</c> hook:
    /// DataLoader, datasets, transforms; docs/data.md), which the file's info note covers.
    /// </summary>
    private static bool IsDataPipeline(CheckedFile file, PythonParser.ExprContext chain) =>
        file.QualifiedName(chain) is { } name && file.Maps.Find(name)?.Hook == Rewriting.Hooks.DataPipelineHook.HookName;

    /// <summary>
    /// Inside the arguments of a data-pipeline call (<c>TensorDataset(torch.ones(8, 2))</c>): the
    /// data source's own tensors, kept with it.
    /// </summary>
    private static bool InDataPipelineCall(CheckedFile file, PythonParser.NameAtomContext use)
    {
        for (var node = use.Parent; node is not null; node = node.Parent)
        {
            if (node is PythonParser.CallExprContext call && call.arguments() is { } arguments
                && arguments.SourceInterval.ProperlyContains(use.SourceInterval) && IsDataPipeline(file, call.expr()))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>An import of torch whose names neither marked code nor the data pipeline uses.</summary>
    private static IEnumerable<RuleHit> Imports(CheckedFile file)
    {
        var reportedNames = file.Model.Uses.Where(use => file.Reported.Contains(use) || IsDataPipeline(file, SyntaxShapes.DottedChain(use)))
            .Select(ParseTrees.Identifier).ToHashSet(StringComparer.Ordinal);
        foreach (var import in ParseTrees.Descendants<PythonParser.Import_stmtContext>(file.Root))
        {
            var bound = BoundTorchNames(import).ToList();
            if (bound.Count > 0 && !bound.Any(reportedNames.Contains))
            {
                yield return new RuleHit(import, $"'{file.Tree.Text(import)}' imports torch, and no marked code uses it");
            }
        }
    }

    private static IEnumerable<string> BoundTorchNames(PythonParser.Import_stmtContext import)
    {
        switch (import)
        {
            case PythonParser.ImportNameContext names:
                foreach (var name in names.dotted_as_name().Where(n => TorchNames.IsTorch(n.dotted_name().GetText())))
                {
                    yield return name.name()?.GetText() ?? name.dotted_name().name(0).GetText();
                }
                break;
            case PythonParser.ImportFromContext from when TorchNames.IsTorch(from.dotted_name().GetText()) && from.relative_dots() is null:
                foreach (var name in from.import_targets().import_as_name())
                {
                    yield return (name.name().Length > 1 ? name.name(1) : name.name(0)).GetText();
                }
                break;
        }
    }

    private static IEnumerable<RuleHit> TensorMethods(CheckedFile file)
    {
        var (anyReceiver, known) = MethodSets.GetValue(file.Maps, TensorMethodsOf);
        foreach (var call in ParseTrees.Descendants<PythonParser.CallExprContext>(file.Root))
        {
            if (call.expr() is not PythonParser.AttributeExprContext method || !IsValue(file, method.expr()))
            {
                continue;
            }
            var name = method.name().GetText();
            if (anyReceiver.Contains(name) || (known.Contains(name) && SyntaxFacts.NameOf(method.expr()) is { } receiver && KnownArrays.Holds(file, receiver, call)))
            {
                yield return new RuleHit(call, $".{name}(...) is a torch tensor method a JAX array does not have, left in code that is not marked");
            }
        }
    }

    /// <summary>The tensor methods of each map set, built once per map set rather than once per file.</summary>
    private static readonly ConditionalWeakTable<MapSet, TensorMethodNames> MethodSets = new();

    /// <summary>The tensor methods a JAX array lacks: those counted on any receiver, and those only on a name known to hold an array.</summary>
    private sealed record TensorMethodNames(HashSet<string> AnyReceiver, HashSet<string> Known);

    private static TensorMethodNames TensorMethodsOf(MapSet maps)
    {
        var anyReceiver = new HashSet<string>(JaxArrayMembers.CalledAsTorch, StringComparer.Ordinal);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in maps.Entries.Where(e => e.Kind == EntryKind.Method && maps.IsTensorMember(e) && !JaxArrayMembers.Names.Contains(e.MemberName)))
        {
            (entry.AnyReceiver ? anyReceiver : known).Add(entry.MemberName);
        }
        return new TensorMethodNames(anyReceiver, known);
    }

    /// <summary>A receiver that may be a tensor: not <c>self</c>, <c>super()</c>, a module or class reached through an import, or a literal.</summary>
    private static bool IsValue(CheckedFile file, PythonParser.ExprContext receiver) => receiver switch
    {
        PythonParser.StringAtomContext or PythonParser.NumberAtomContext
            or PythonParser.ConstantAtomContext or PythonParser.ListAtomContext or PythonParser.DictOrSetAtomContext => false,
        PythonParser.CallExprContext call when SyntaxFacts.IsName(call.expr(), "super") => false,
        _ when SyntaxFacts.IsName(receiver, "self") => false,
        _ => file.QualifiedName(receiver) is null,
    };
}
