using Switcheroo.Engine.Mapping;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// A conversion that text substitution cannot express, referenced from a map entry by its
/// snake_case <see cref="Name"/>. A hook sees one bound site and a narrow context: report a
/// diagnostic, reference a target API (which imports it), and edit through node-level verbs.
/// </summary>
public interface IHook
{
    string Name { get; }

    /// <summary>The options a map entry naming this hook may give; map loading checks them (SWR1012, SWR1013).</summary>
    IReadOnlyList<HookOption> Options => [];

    /// <summary>
    /// True when the hook converts calls only: a reference used as a value (<c>f = torch.zeros</c>) is
    /// then reported and kept, and the hook never sees a site without a call.
    /// </summary>
    bool NeedsCall => false;

    /// <summary>Converts the site, or reports why not; never leaves it silently unchanged.</summary>
    void Apply(HookSite site, ConversionContext context);
}

/// <summary>Where a hook applies: the entry that named it, the referenced expression, and the call around it (if any).</summary>
public sealed record HookSite(MapEntry Entry, PythonParser.ExprContext Reference, PythonParser.CallExprContext? Call)
{
    /// <summary>For tensor methods: the receiver (<c>x</c> in <c>x.size(0)</c>); null for functions and classes.</summary>
    public PythonParser.ExprContext? Receiver =>
        Entry.Kind == EntryKind.Method ? (Reference as PythonParser.AttributeExprContext)?.expr() : null;
}
