using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Diagnostics;
using Switcheroo.Engine.Rewriting.Syntax;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Rewriting.Hooks;

/// <summary>
/// <c>varargs_shape</c>: torch takes a shape (or axes) as separate arguments or as one sequence; the
/// jnp function named by the <c>target</c> option takes one tuple. Keywords follow the entry's
/// <c>args</c> rules (e.g. <c>dtype</c> kept, <c>device</c> dropped).
/// <code>
/// x.view(2, -1)                  →  jnp.reshape(x, (2, -1))
/// x.view(-1)                     →  jnp.reshape(x, (-1,))
/// x.view(shape)                  →  jnp.reshape(x, shape)     # one non-literal argument is a shape already
/// x.permute(0, 2, 1)             →  jnp.transpose(x, (0, 2, 1))
/// torch.rand(n)   (n: int)       →  jax.random.uniform(key, (n,))     # else switcheroo_runtime.as_shape(n)
/// torch.zeros(2, 3, device=d)    →  jnp.zeros((2, 3))
/// x.new_zeros(2, 3)   (keyword: shape)  →  jnp.zeros_like(x, shape=(2, 3))   # the receiver's dtype
/// </code>
/// The option <c>keyword</c> passes the shape as that keyword argument, for a target whose second
/// positional parameter is something else (<c>jnp.zeros_like(a, dtype, shape)</c>).
/// Caveat: <c>x.view(torch.float16)</c> (a dtype view) is a different operation and is reported.
/// </summary>
public sealed class VarargsShapeHook : IHook
{
    public string Name => "varargs_shape";

    public IReadOnlyList<HookOption> Options { get; } = [
        new("target", OptionType.Target, Required: true),
        new("random", OptionType.Flag),
        new("keyword", OptionType.Choice) { Choices = ["shape"] },
    ];

    public bool NeedsCall => true;

    public void Apply(HookSite site, ConversionContext context)
    {
        var call = site.Call!;
        var arguments = CallArguments.Of(call.arguments());
        var positional = arguments.TakeWhile(a => a is PythonParser.PositionalArgumentContext).ToList();
        var keywords = arguments.Skip(positional.Count).ToList();
        var target = site.Entry.Options.GetValueOrDefault("target");
        var problem = target is null ? "the entry names no target" : Problem(site, context, positional, keywords);
        if (problem is not null)
        {
            context.Report(DiagnosticCodes.ArgumentsNotMapped, call, $"{site.Entry.Torch}(...) not converted: {problem}");
            return;
        }
        Py? key = null;
        if (site.Receiver is null && site.Entry.Options.GetValueOrDefault("random") == "true")
        {
            if (context.RandomKeys.KeyFor(call, out var why) is not { } random)
            {
                context.Report(DiagnosticCodes.RandomWithoutKey, call, $"{site.Entry.Torch}(...) not converted: {why}");
                return;
            }
            key = new PySource([random], PyPrecedence.Primary);
        }
        Py[] leading = site.Receiver is { } receiver ? [Py.Source(receiver)] : key is not null ? [key] : [];
        var kept = keywords.Cast<PythonParser.KeywordArgumentContext>()
            .Select(keyword => (Rule: site.Entry.Arguments[keyword.name().GetText()], Keyword: keyword))
            .Where(k => !k.Rule.Drop)
            .Select(k => new PyKeyword(k.Rule.Keyword ?? k.Keyword.name().GetText(), Py.Source(k.Keyword.expression())));
        var shape = Shape(site, context, positional);
        var converted = site.Entry.Options.GetValueOrDefault("keyword") is { } keyword
            ? Py.CallOf(Py.Named(context.Targets.Reference(target!)), leading, [new PyKeyword(keyword, shape), .. kept])
            : Py.CallOf(Py.Named(context.Targets.Reference(target!)), [.. leading, shape], kept);
        context.Edits.ReplaceKeepingComments(call, PyPrinter.Print(converted));
        if (site.Receiver is null)
        {
            context.MarkConverted(site.Reference);
        }
    }

    /// <summary>
    /// The sizes as one tuple, <c>(2, -1)</c>, <c>(-1,)</c>; one argument other than a literal is a
    /// sequence already (jax.random, which takes no int, gets <c>(n,)</c> for an int or
    /// <c>switcheroo_runtime.as_shape(n)</c> for what may be either).
    /// </summary>
    private static Py Shape(HookSite site, ConversionContext context, IReadOnlyList<PythonParser.ArgumentContext> positional)
    {
        var items = positional.Select(p => (Py)Py.Source(p)).ToList();
        if (positional.Count > 1 || int.TryParse(context.Text(positional[0]).Trim().TrimStart('-'), out _))
        {
            return Py.TupleOf(items);
        }
        if (site.Entry.Options.GetValueOrDefault("random") != "true")
        {
            return items[0];
        }
        return Forms.SourceValue.Of(positional[0], context) switch
        {
            Forms.SourceValue.Int => Py.TupleOf(items),
            Forms.SourceValue.Sequence => items[0],
            _ => Py.CallOf(Py.Named(context.Targets.Reference("switcheroo_runtime.as_shape")), items[0]),
        };
    }

    private static string? Problem(HookSite site, ConversionContext context,
        IReadOnlyList<PythonParser.ArgumentContext> positional, IReadOnlyList<PythonParser.ArgumentContext> keywords)
    {
        if (positional.Count == 0)
        {
            return "expected the sizes as positional arguments";
        }
        if (keywords.FirstOrDefault(k => k is not PythonParser.KeywordArgumentContext named
                || !site.Entry.Arguments.ContainsKey(named.name().GetText())) is { } unmapped)
        {
            return $"argument '{context.Text(unmapped).Trim()}' has no mapping";
        }
        if (positional.Count == 1 && SyntaxShapes.AsExpression(positional[0]) is { } only
            && context.Model.QualifiedName(only) is { } name && TorchNames.IsTorch(name))
        {
            return $"{name} is not a shape";
        }
        return null;
    }
}
