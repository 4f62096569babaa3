using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>device_placement</c>: <c>.to(...)</c>, <c>.cuda()</c>, <c>.cpu()</c>. JAX places arrays itself, so
/// a move to a device disappears (an info diagnostic says so); a cast to a dtype stays a cast, whatever
/// device comes with it. What each argument is comes from its bindings (<see cref="PlacementValue"/>).
/// <code>
/// x.to(device)                           →  x                         (info SWR3007)
/// x.to(torch.float16)                    →  x.astype(jnp.float16)
/// x.to("cpu", y.dtype)                   →  x.astype(y.dtype)         (info SWR3007)
/// x.to(other)   # other a tensor         →  x.astype(other.dtype)     (info SWR3007)
/// model.cuda()  # a statement of its own →  (removed)                 (info SWR3007)
/// </code>
/// A line that only moved its own names (<c>x, y = x.to(device), y.to(device)</c>) goes.
/// Caveats: an argument that may be a device or a dtype (a name of unknown origin: <c>x.to(d)</c>) is
/// reported (SWR3003) and the call kept, rather than a cast dropped; so is a cast of a module
/// (<c>model.to(torch.float16)</c>), whose parameters a Linen module does not hold.
/// </summary>
public sealed class DevicePlacementHook : IHook
{
    public const string HookName = "device_placement";

    public string Name => HookName;

    public bool NeedsCall => true;

    /// <summary>Option <c>moves: true</c>: calling the method moves by itself and its arguments are devices
    /// (<c>.cuda(0)</c>, <c>.cpu()</c>); without it the arguments say what the call does (<c>.to(...)</c>).</summary>
    public IReadOnlyList<HookOption> Options { get; } = [new("moves", OptionType.Flag)];

    /// <summary>Whether an entry of this hook moves by itself (its <c>moves</c> option).</summary>
    public static bool MovesItself(MapEntry entry) => entry.Options.GetValueOrDefault("moves") == "true";

    /// <summary>The entry of this hook for a method name (<c>to</c>, <c>cuda</c>), if the maps have one.</summary>
    public static MapEntry? EntryFor(string member, MapSet maps) =>
        maps.FindMembers(member, EntryKind.Method).FirstOrDefault(e => e.Hook == HookName);

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var attribute = (PythonParser.AttributeExprContext)site.Reference;
        var member = site.Entry.MemberName;
        var values = new PlacementValue(context, context.Facts.Tensors);
        var placement = Placement.Of(call, MovesItself(site.Entry), values);
        var written = $".{member}({string.Join(", ", CallArguments.Of(call.arguments()).Select(a => context.Text(a).Trim()))})";
        if (placement.Problem is { } problem)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"{written} not converted: {problem}; kept as is");
            return;
        }
        if (!placement.IsMoveOnly)
        {
            Cast(placement, attribute, call, written, context);
            return;
        }
        context.Plan.Discard(attribute.DOT().Symbol.TokenIndex, call.RPAR().Symbol.TokenIndex);
        context.Report(DiagnosticCodes.DevicePlacementRemoved, attribute, $"{written} removed: JAX places arrays on devices itself");
        if (PlacementStatement.Of(call, values) is { } statement)
        {
            // Unless another conversion already deletes or moves the code around it.
            context.Edits.RemoveStatementUnlessRemoved(statement);
        }
    }

    /// <summary><c>.to(dtype)</c> → <c>.astype(dtype)</c>; <c>.to(other)</c> → <c>.astype(other.dtype)</c>; any device part goes.</summary>
    private static void Cast(Placement placement, PythonParser.AttributeExprContext attribute, PythonParser.CallExprContext call, string written, ConversionContext context)
    {
        if (Training.ModelNames.ClassesOf(attribute.expr(), context) is not null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"{written} not converted: a Linen module holds no parameters to cast; kept as is");
            return;
        }
        Py dtype = placement.Dtype is { } value ? Py.Source(value) : new PyAttribute(Py.Source(placement.Like!), "dtype");
        // A discard from the dot on, so the receiver and its edits stay where they are: the device
        // part's own edits (torch.device(...)) go with it; the dtype is embedded.
        context.Plan.Discard(attribute.DOT().Symbol.TokenIndex, call.RPAR().Symbol.TokenIndex, [".astype(", .. PyPrinter.Print(dtype), ")"]);
        if (placement.Moves || placement.Like is not null)
        {
            context.Report(DiagnosticCodes.DevicePlacementRemoved, attribute,
                $"the device part of {written} removed: JAX places arrays on devices itself; the dtype cast stays");
        }
    }
}
