using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Mapping;
using Switcheroo.Engine.Diagnostics;
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
/// </code>
/// Caveat: <c>x.view(torch.float16)</c> (a dtype view) is a different operation and is reported.
/// </summary>
public sealed class VarargsShapeHook : IHook
{
    public string Name => "varargs_shape";

    public IReadOnlyList<HookOption> Options { get; } = [new("target", OptionType.Target, Required: true), new("random", OptionType.Flag)];

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
        bool single = positional.Count == 1;
        bool literal = single && int.TryParse(context.Text(positional[0]).Trim().TrimStart('-'), out _);
        var (open, close) = single && !literal ? ("", "") : ("(", literal ? ",)" : ")");
        if (single && !literal && site.Entry.Options.GetValueOrDefault("random") == "true")
        {
            // jax.random wants a sequence where torch (and jnp) also take one int
            (open, close) = Forms.SourceValue.Of(positional[0], context) switch
            {
                Forms.SourceValue.Int => ("(", ",)"),
                Forms.SourceValue.Sequence => ("", ""),
                _ => (context.Targets.Reference("switcheroo_runtime.as_shape") + "(", ")"),
            };
        }
        if (site.Receiver is { } receiver)
        {
            var attribute = (PythonParser.AttributeExprContext)site.Reference;
            context.Plan.InsertBefore(receiver, context.Targets.Reference(target!) + "(");
            context.Plan.Replace(attribute.DOT().Symbol.TokenIndex, call.LPAR().Symbol.TokenIndex, ", " + open);
        }
        else
        {
            string? key = null;
            if (site.Entry.Options.GetValueOrDefault("random") == "true" && (key = context.RandomKeys.KeyFor(call, out var why)) is null)
            {
                context.Report(DiagnosticCodes.RandomWithoutKey, call, $"{site.Entry.Torch}(...) not converted: {why}");
                return;
            }
            context.Plan.Replace(site.Reference, context.Targets.Reference(target!));
            context.Plan.InsertAfter(call.LPAR().Symbol, (key is null ? string.Empty : key + ", ") + open);
            context.MarkConverted(site.Reference);
        }
        context.Plan.InsertAfter(positional[^1], close);
        for (int i = 0; i < keywords.Count; i++)
        {
            var keyword = (PythonParser.KeywordArgumentContext)keywords[i];
            var rule = site.Entry.Arguments[keyword.name().GetText()];
            var previous = i == 0 ? positional[^1] : keywords[i - 1];
            if (rule.Drop)
            {
                context.Plan.Discard(previous.Stop.TokenIndex + 1, keyword.Stop.TokenIndex);
            }
            else if (rule.Keyword != keyword.name().GetText())
            {
                context.Plan.Replace(keyword.name(), rule.Keyword!);
            }
        }
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
        if (positional.Count == 1 && TensorFacts.AsExpression(positional[0]) is { } only
            && context.Model.QualifiedName(only) is { } name && TorchNames.IsTorch(name))
        {
            return $"{name} is not a shape";
        }
        return null;
    }
}
