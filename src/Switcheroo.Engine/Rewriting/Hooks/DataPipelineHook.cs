using Switcheroo.Engine.Binding;
using System.Runtime.CompilerServices;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>data_pipeline</c>: torch's data pipeline (<c>DataLoader</c>, datasets, transforms) stays the
/// data source, as JAX's own documentation recommends, and is kept as it is (with its
/// arguments); the file gets one info note (SWR3014) instead of a warning per call. Option
/// <c>boundary</c> says where its values cross into the converted code:
/// <code>
/// DataLoader(ds, batch_size=64)               →  DataLoader(ds, batch_size=64, collate_fn=switcheroo_runtime.NumpyCollate())
/// DataLoader(ds, collate_fn=pad)              →  DataLoader(ds, collate_fn=switcheroo_runtime.NumpyCollate(pad))
/// save_image(x, "x.png")    (torch_input)     →  save_image(switcheroo_runtime.to_torch(x), "x.png")
/// </code>
/// <c>numpy_batches</c>: the loader's batches become numpy arrays; <c>torch_input</c>: the first
/// argument, a converted (JAX) array, becomes a torch tensor again. Caveat: a call whose arguments
/// cannot be bound (<c>**kwargs</c>) keeps torch batches and is reported (SWR3003).
/// </summary>
public sealed class DataPipelineHook : IHook
{
    /// <summary>The hook's name in the maps; the self-check (torch-leftover) accepts the torch code its entries keep.</summary>
    public const string HookName = "data_pipeline";

    private const string NumpyBatches = "numpy_batches";
    private const string TorchInput = "torch_input";

    private static readonly ConditionalWeakTable<ConversionContext, object> Noted = new();

    public string Name => HookName;

    public IReadOnlyList<HookOption> Options { get; } =
        [new("boundary", OptionType.Choice) { Choices = [NumpyBatches, TorchInput] }];

    public void Apply(HookSite site, ConversionContext context)
    {
        if (site.Call is { } call)
        {
            context.Edits.KeepVerbatim(call);
            if (site.Entry.Options.TryGetValue("boundary", out var boundary) && !Cross(call, site.Entry, boundary, context))
            {
                return;
            }
        }
        if (Noted.TryAdd(context, new object()))
        {
            context.Report(DiagnosticCodes.DataPipelineKept, site.Reference,
                "the data pipeline (DataLoader, datasets, transforms) stays torch code: its batches reach the converted code as numpy arrays (docs/data.md)");
        }
    }

    private static bool Cross(PythonParser.CallExprContext call, MapEntry entry, string boundary, ConversionContext context)
    {
        if (boundary == TorchInput)
        {
            // torchvision.utils' functions take the image tensor first (or as 'tensor').
            if (CallArguments.Of(call.arguments()).FirstOrDefault(a => a is PythonParser.PositionalArgumentContext
                    || a is PythonParser.KeywordArgumentContext k && k.name().GetText() == "tensor") is { } first)
            {
                Wrap(first is PythonParser.KeywordArgumentContext keyword ? keyword.expression() : ((PythonParser.PositionalArgumentContext)first).NamedExpression(), "switcheroo_runtime.to_torch", context);
            }
            return true;
        }
        var arguments = CallArguments.Bind(call.arguments(), entry.Parameters, out var problem);
        if (arguments is null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"{entry.Torch}(...) keeps torch values at its boundary: {problem}");
            return false;
        }
        var collate = arguments.FirstOrDefault(a => a.Parameter == "collate_fn");
        if (collate is not null)
        {
            Wrap(collate.Value, "switcheroo_runtime.NumpyCollate", context);
            return true;
        }
        var collateFn = new PyKeyword("collate_fn", Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.NumpyCollate"))));
        var text = PyPrinter.PrintArguments([], [collateFn]);
        if (arguments.Count > 0)
        {
            context.Plan.InsertAfter(CallArguments.Of(call.arguments())[^1], [", ", .. text]);
        }
        else
        {
            context.Plan.InsertAfter(call.LPAR().Symbol, text);
        }
        return true;
    }

    /// <summary>Wraps a value in a runtime call, unless it is one already (converting converted code changes nothing).</summary>
    private static void Wrap(Antlr4.Runtime.ParserRuleContext value, string function, ConversionContext context)
    {
        if (SyntaxShapes.AtomOf(value) is PythonParser.CallExprContext call && context.Model.QualifiedName(call.expr()) == function)
        {
            return;
        }
        var (before, after) = PyAround.Print(value, v => Py.CallOf(Py.Named(context.Targets.Reference(function)), v));
        context.Plan.InsertBefore(value, before);
        context.Plan.InsertAfter(value, after);
    }
}
